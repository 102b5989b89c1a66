import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { readBlobs } from "../sources/blobs.js";
import { historyVersions, type HistoryOptions, type Version } from "../sources/history-log.js";
import { analysedBatch, endBlobs, HISTORY_BATCH } from "../sources/history.js";
import type { AnalysedFile, FileItem, SourceItem } from "../sources/types.js";
import type { HistoryWorkerInput, HistoryWorkerOutput } from "./batches.js";

/**
 * Versions read before worker threads join in: a pushed branch's few commits are done before a
 * worker has started (~45 ms of CPU); a long history has tens of thousands.
 */
const START_AFTER_VERSIONS = 8 * HISTORY_BATCH;
const MAX_WORKERS = 3;
/** Batches a worker may have asked of it: one in hand and one waiting keeps it busy. */
const MAX_OUTSTANDING = 6;

export interface HistoryAnalysis {
  config: Config;
  showSecrets: boolean;
  /** This thread's analysis (the collector's). */
  analyse: (item: FileItem) => AnalysedFile;
}

/** A batch's items, or a worker's answer still to come. */
interface Slot {
  items?: SourceItem[];
  answer?: Promise<SourceItem[]>;
}

/**
 * A history's file versions, read and analysed in batches, handed on analysed in the log's order.
 * A long history is shared with worker threads (one per further core), each reading its batches
 * through a `git cat-file` of its own, so that no file's bytes cross threads. This thread reads
 * the log and takes a batch itself whenever every worker has enough.
 */
export async function* readHistoryInParallel(root: string, options: HistoryOptions, analysis: HistoryAnalysis): AsyncGenerator<SourceItem> {
  const threads = Math.min(availableParallelism() - 1, MAX_WORKERS);
  const blobs = readBlobs(root, options.maxFileSize);
  const slots: Slot[] = [];
  let workers: HistoryWorker[] = [];
  let versions = 0;
  const log = readAhead(historyVersions(root, options, HISTORY_BATCH));
  try {
    for (let batch = await log.next(); batch; batch = await log.next()) {
      versions += batch.length;
      if (workers.length === 0 && threads > 0 && versions > START_AFTER_VERSIONS) {
        workers = await startWorkers(threads, { root, maxFileSize: options.maxFileSize, ...analysis });
      }
      const worker = workers.reduce<HistoryWorker | undefined>((a, b) => (a && a.outstanding <= b.outstanding ? a : b), undefined);
      // Near the end, a worker gets no more than its share of what is left: all threads finish
      // together, instead of this one waiting while a worker works through its queue alone.
      const left = log.left();
      const limit = left === undefined ? MAX_OUTSTANDING : Math.min(MAX_OUTSTANDING, Math.ceil(left / workers.length));
      if (worker && worker.outstanding < limit) slots.push(worker.read(batch));
      else slots.push({ items: await analysedBatch(blobs, batch, analysis.analyse) });
      while (slots[0]?.items) yield* (slots.shift() as Slot).items as SourceItem[];
      const failed = workers.find((each) => each.failure);
      if (failed) throw failed.failure;
    }
    for (const slot of slots.splice(0)) yield* slot.items ?? (await (slot.answer as Promise<SourceItem[]>));
    await endBlobs(blobs);
    await Promise.all(workers.map((each) => each.end()));
  } finally {
    log.stop();
    blobs.kill();
    for (const worker of workers) void worker.stop();
  }
}

/**
 * The log's batches, read ahead of the scan (git log is much faster than the analysis: all of
 * trl's 3,264 commits in 80 ms), so that how many are left is known near the end. A failure of
 * the log comes after the batches read before it.
 */
function readAhead<T>(source: AsyncGenerator<T>): { next(): Promise<T | undefined>; left(): number | undefined; stop(): void } {
  const queue: T[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  void (async () => {
    try {
      for await (const item of source) {
        queue.push(item);
        wake?.();
      }
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      wake?.();
    }
  })();
  return {
    async next() {
      while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
      if (queue.length > 0) return queue.shift();
      if (failure) throw failure.error;
      return undefined;
    },
    /** Batches read and not yet taken, once the log has ended; undefined until then. */
    left: () => (done && !failure ? queue.length : undefined),
    stop: () => void source.return(undefined),
  };
}

async function startWorkers(count: number, history: HistoryWorkerInput["history"] & HistoryAnalysis): Promise<HistoryWorker[]> {
  // Loaded only here: worker_threads costs start-up that a short history should not pay.
  const { Worker } = await import("node:worker_threads");
  const workerData: HistoryWorkerInput = {
    history: { root: history.root, maxFileSize: history.maxFileSize },
    config: history.config,
    showSecrets: history.showSecrets,
  };
  const workers: HistoryWorker[] = [];
  try {
    while (workers.length < count) workers.push(new HistoryWorker(new Worker(new URL("../engine/worker.js", import.meta.url), { workerData })));
  } catch (error) {
    for (const worker of workers) void worker.stop(); // a thread left running would keep the process alive
    throw error;
  }
  return workers;
}

/** A worker thread that reads and analyses the batches sent to it, answering in the order asked. */
class HistoryWorker {
  outstanding = 0;
  failure: unknown;
  /** Batches asked, oldest first, with the number of items each must answer (null: the end). */
  private readonly waiting: { slot: Slot; expected: number | null; resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(private readonly worker: Worker) {
    worker.on("message", (output: HistoryWorkerOutput) => {
      if ("error" in output) return this.fail(output.usage ? new UsageError(output.error) : new Error(output.error));
      const next = this.waiting.shift();
      // Every version of a batch has one item: an answer short of that would drop versions unseen.
      const answered = "items" in output ? output.items.length : null;
      if (!next || answered !== next.expected) return this.fail(new Error("a worker thread of the history scan answered out of turn"));
      this.outstanding--;
      next.slot.items = "items" in output ? output.items : [];
      return next.resolve();
    });
    worker.once("error", (error) => this.fail(error));
    worker.once("exit", (code) => this.fail(new Error(`a worker thread of the history scan stopped (exit code ${code})`)));
  }

  /** Resolves once the worker's cat-file has ended cleanly. */
  async end(): Promise<void> {
    await this.read(null).answer;
  }

  /** A batch's slot, filled when the worker answers (null: no more batches). */
  read(batch: Version[] | null): Slot {
    const slot: Slot = {};
    slot.answer = new Promise<void>((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else this.waiting.push({ slot, expected: batch?.length ?? null, resolve, reject });
    }).then(() => slot.items as SourceItem[]);
    slot.answer.catch(() => {}); // awaited in order; a failure also surfaces before that
    if (!this.failure) {
      this.worker.postMessage(batch);
      this.outstanding++;
    }
    return slot;
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(this.failure);
  }

  stop(): Promise<number> {
    this.worker.removeAllListeners("exit");
    return this.worker.terminate();
  }
}
