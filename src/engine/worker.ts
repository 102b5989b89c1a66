/**
 * A worker thread of a large scan. For a listing: claim, read and analyse batches, send back the
 * result. For a history: read and analyse each batch of versions sent, answering in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { UsageError } from "../errors.js";
import { readBlobs } from "../sources/blobs.js";
import { readListing } from "../sources/disk.js";
import type { Version } from "../sources/history-log.js";
import { analysedBatch, endBlobs } from "../sources/history.js";
import { claimBatches, type HistoryWorkerInput, type HistoryWorkerOutput, type WorkerInput } from "./batches.js";
import { Collector } from "./collect.js";
import { RuleSet } from "./rule-set.js";

const input = workerData as WorkerInput | HistoryWorkerInput;
const collector = new Collector(new RuleSet(input.config), { showSecrets: input.showSecrets });
const answer = (output: HistoryWorkerOutput): void => parentPort?.postMessage(output);

if ("history" in input) {
  const blobs = readBlobs(input.history.root, input.history.maxFileSize);
  let previous = Promise.resolve();
  // null: no more batches; the answer comes once cat-file has ended cleanly.
  parentPort?.on("message", (batch: Version[] | null) => {
    previous = previous
      .then(async () => {
        if (batch === null) return answer({ ended: (await endBlobs(blobs), true) });
        return answer({ items: await analysedBatch(blobs, batch, (item) => collector.analyse(item)) });
      })
      .catch((error: unknown) => {
        blobs.kill();
        answer({ error: error instanceof Error ? error.message : String(error), usage: error instanceof UsageError });
      });
  });
} else {
  const { listing, next, batch, maxFileSize } = input;
  for (const { start, end } of claimBatches(next, listing.entries.length, batch)) {
    for (const item of readListing({ root: listing.root, entries: listing.entries.slice(start, end) }, maxFileSize)) {
      collector.add(item);
    }
  }
  parentPort?.postMessage(collector.result());
}
