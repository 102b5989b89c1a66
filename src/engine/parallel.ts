import { availableParallelism } from "node:os";
import type { Config } from "../config/schema.js";
import { readListing } from "../sources/disk.js";
import type { Collected, DiskListing, SourceItem } from "../sources/types.js";
import { claimBatches, type WorkerInput } from "./batches.js";

/** Below this many files per thread a worker's start-up (~50 ms) costs more than it saves. */
const MIN_FILES_PER_THREAD = 2500;
const MAX_THREADS = 8;
/** Files claimed at a time: small enough to even out the threads' shares at the end. */
const BATCH = 64;

export interface ListingOptions {
  config: Config;
  maxFileSize: number;
  showSecrets: boolean;
  isIgnored: (path: string) => boolean;
}

/**
 * Reads and analyses a listing, in this thread alone when it is small. Otherwise worker threads
 * (one per further core) join in: every thread claims batches of files from one shared counter
 * until none are left, so no thread idles while another still has a long share, and this thread
 * starts work while the workers are still starting. Each worker yields its findings as one item.
 */
export async function* readListingInParallel(listing: DiskListing, options: ListingOptions): AsyncGenerator<SourceItem> {
  const entries = listing.entries.filter((entry) => !options.isIgnored(entry.path));
  const threads = Math.min(availableParallelism(), MAX_THREADS, Math.floor(entries.length / MIN_FILES_PER_THREAD));
  if (threads < 2) {
    yield* readListing({ ...listing, entries }, options.maxFileSize);
    return;
  }
  // Loaded only here: worker_threads costs 5 ms of start-up that a small scan should not pay.
  const { Worker } = await import("node:worker_threads");
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workerData: WorkerInput = {
    listing: { root: listing.root, entries },
    next,
    batch: BATCH,
    config: options.config,
    maxFileSize: options.maxFileSize,
    showSecrets: options.showSecrets,
  };
  const results = Array.from(
    { length: threads - 1 },
    () =>
      new Promise<Collected>((resolve, reject) => {
        // "../engine/" so that the path also holds from the bundled CLI in dist/src/cli/.
        const worker = new Worker(new URL("../engine/worker.js", import.meta.url), { workerData });
        worker.once("message", resolve);
        worker.once("error", reject);
      }),
  );
  for (const batch of claimBatches(next, entries.length, BATCH)) {
    yield* readListing({ root: listing.root, entries: entries.slice(batch.start, batch.end) }, options.maxFileSize);
  }
  for (const collected of await Promise.all(results)) yield { collected };
}
