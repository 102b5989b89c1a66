import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Config } from "../config/schema.js";
import { readListing } from "../sources/disk.js";
import type { DiskListing, SourceItem } from "../sources/types.js";
import type { Collected } from "./collect.js";
import type { WorkerInput } from "./worker.js";

/** Below this many files a worker's start-up (~40 ms) costs more than it saves. */
const MIN_FILES_PER_WORKER = 2500;
const MAX_WORKERS = 8;

export interface ListingOptions {
  config: Config;
  maxFileSize: number;
  showSecrets: boolean;
  isIgnored: (path: string) => boolean;
}

/**
 * Reads and analyses a listing: in this thread when it is small, else split across worker
 * threads (one per core), each yielding its analysed share as one item.
 */
export async function* readListingInParallel(listing: DiskListing, options: ListingOptions): AsyncGenerator<SourceItem> {
  const entries = listing.entries.filter((entry) => !options.isIgnored(entry.path));
  const workers = Math.min(availableParallelism(), MAX_WORKERS, Math.floor(entries.length / MIN_FILES_PER_WORKER));
  if (workers < 2) {
    yield* readListing({ ...listing, entries }, options.maxFileSize, () => false);
    return;
  }
  // Interleaved shares: neighbouring files are often alike in size, so each worker gets a fair mix.
  const shares = Array.from({ length: workers }, (_, w) => entries.filter((_, index) => index % workers === w));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<Collected>((resolve, reject) => {
          const workerData: WorkerInput = {
            listing: { root: listing.root, entries: share },
            config: options.config,
            maxFileSize: options.maxFileSize,
            showSecrets: options.showSecrets,
          };
          // "../engine/" so that the path also holds from the bundled CLI in dist/src/cli/.
          const worker = new Worker(new URL("../engine/worker.js", import.meta.url), { workerData });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  for (const collected of results) yield { collected };
}
