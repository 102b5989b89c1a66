/** A worker thread's share of a large scan: read and analyse its files, send back the result. */
import { parentPort, workerData } from "node:worker_threads";
import { readListing } from "../sources/disk.js";
import type { DiskListing } from "../sources/types.js";
import type { Config } from "../config/schema.js";
import { Collector } from "./collect.js";
import { RuleSet } from "./rule-set.js";

export interface WorkerInput {
  listing: DiskListing;
  config: Config;
  maxFileSize: number;
  showSecrets: boolean;
}

const input = workerData as WorkerInput;
const collector = new Collector(new RuleSet(input.config), { showSecrets: input.showSecrets });
for (const item of readListing(input.listing, input.maxFileSize, () => false)) collector.add(item);
parentPort?.postMessage(collector.result());
