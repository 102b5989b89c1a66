/** What the scanning thread and its workers share: the work each worker gets, and how threads claim files. */
import type { Config } from "../config/schema.js";
import type { DiskListing, SourceItem } from "../sources/types.js";

export interface WorkerInput {
  listing: DiskListing;
  /** The index of the next unclaimed file, shared by all threads of the scan. */
  next: Int32Array;
  batch: number;
  config: Config;
  maxFileSize: number;
  showSecrets: boolean;
}

/** A worker that reads and analyses batches of a history's versions, one message at a time. */
export interface HistoryWorkerInput {
  history: { root: string; maxFileSize: number };
  config: Config;
  showSecrets: boolean;
}

/** A history worker's answer to a batch (its items, analysed), to the end of its batches, or a failure. */
export type HistoryWorkerOutput = { items: SourceItem[] } | { ended: true } | { error: string; usage: boolean };

/** The batches of a listing this thread claims from the counter that all threads share. */
export function* claimBatches(next: Int32Array, length: number, batch: number): Generator<{ start: number; end: number }> {
  for (let start = Atomics.add(next, 0, batch); start < length; start = Atomics.add(next, 0, batch)) {
    yield { start, end: Math.min(start + batch, length) };
  }
}
