/** A worker thread's part of a large scan: claim, read and analyse batches, send back the result. */
import { parentPort, workerData } from "node:worker_threads";
import { readListing } from "../sources/disk.js";
import { claimBatches, type WorkerInput } from "./batches.js";
import { Collector } from "./collect.js";
import { RuleSet } from "./rule-set.js";

const { listing, next, batch, config, maxFileSize, showSecrets } = workerData as WorkerInput;
const collector = new Collector(new RuleSet(config), { showSecrets });
for (const { start, end } of claimBatches(next, listing.entries.length, batch)) {
  for (const item of readListing({ root: listing.root, entries: listing.entries.slice(start, end) }, maxFileSize)) {
    collector.add(item);
  }
}
parentPort?.postMessage(collector.result());
