import type { ChildProcess } from "node:child_process";
import { spawnGit, type GitCall } from "./git.js";

/** A blob over the size limit: passed over without being kept, but for its first bytes. */
export interface TooLarge {
  size: number;
  /** The first 8000 bytes: enough to tell a binary file (git's own heuristic). */
  head: Buffer;
}

export type Blob = Buffer | TooLarge | "missing";

const NEWLINE = 0x0a;
const HEAD_BYTES = 8000;

export function isTooLarge(blob: Blob): blob is TooLarge {
  return typeof blob === "object" && !Buffer.isBuffer(blob);
}

export interface BlobReader {
  /** Asks for blobs by id, in one write; waits while cat-file's input is full. */
  ask(ids: string[]): Promise<void>;
  /** No more questions: cat-file ends after its last answer. */
  end(): void;
  /** The answers, in the order asked, each read whole (one blob in memory at a time). */
  answers: AsyncGenerator<Blob>;
  /** Resolves when cat-file exited cleanly; else rejects with its message. */
  succeeded(): Promise<void>;
  kill(): void;
}

/** The one call `readBlobs` makes. */
export const BLOBS_CALL: GitCall = { args: ["cat-file", "--batch"], stdin: "pipe" };

/** One `git cat-file --batch` process: blobs by id, streamed, whatever their number and size. */
export function readBlobs(root: string, maxSize: number): BlobReader {
  const catFile = spawnGit(root, BLOBS_CALL.args, BLOBS_CALL.stdin);
  const stdin = catFile.child.stdin as NonNullable<ChildProcess["stdin"]>;
  stdin.on("error", () => {}); // cat-file gone early: its exit code says why
  return {
    async ask(ids) {
      if (ids.length === 0 || stdin.destroyed || stdin.writableEnded || stdin.write(`${ids.join("\n")}\n`)) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          stdin.off("drain", done).off("close", done);
          resolve();
        };
        stdin.on("drain", done).on("close", done); // a closed pipe never drains
      });
    },
    end: () => void stdin.end(),
    answers: parseBatch(catFile.child.stdout as AsyncIterable<Buffer>, maxSize),
    succeeded: () => catFile.succeeded("git cat-file"),
    kill: () => void catFile.child.kill(),
  };
}

/**
 * The contents `git cat-file --batch` writes (`<oid> blob <size>\n<content>\n` each), in order;
 * a blob over the limit is passed over but for its head, and one the repository lacks
 * (`<oid> missing`: a partial clone, a damaged one) is "missing".
 */
async function* parseBatch(stream: AsyncIterable<Buffer>, maxSize: number): AsyncGenerator<Blob> {
  let header: Buffer[] = [];
  let body: Buffer | null = null; // the blob (or head) being filled, or null while reading a header
  let filled = 0;
  let size = 0;
  let remaining = 0; // bytes of the current blob (plus its newline) still to come
  const done: Blob[] = [];
  for await (const chunk of stream) {
    let at = 0;
    while (at < chunk.length) {
      if (remaining === 0) {
        const end = chunk.indexOf(NEWLINE, at);
        header.push(chunk.subarray(at, end === -1 ? chunk.length : end));
        if (end === -1) break;
        at = end + 1;
        const line = Buffer.concat(header).toString("latin1");
        header = [];
        if (line.endsWith(" missing")) {
          done.push("missing");
          continue;
        }
        size = Number(line.split(" ")[2]);
        if (!line.includes(" blob ") || !Number.isSafeInteger(size)) throw new Error(`git cat-file: unexpected ${line}`);
        if (size <= maxSize && at + size < chunk.length) {
          // Whole in this chunk (and its newline): a view, not a copy.
          done.push(chunk.subarray(at, at + size));
          at += size + 1;
          continue;
        }
        body = Buffer.allocUnsafe(size > maxSize ? Math.min(size, HEAD_BYTES) : size);
        filled = 0;
        remaining = size + 1;
        continue;
      }
      const take = Math.min(remaining, chunk.length - at);
      if (body && filled < body.length) filled += chunk.copy(body, filled, at, at + Math.min(take, body.length - filled));
      at += take;
      remaining -= take;
      if (remaining === 0 && body) done.push(size > maxSize ? { size, head: body } : body);
    }
    yield* done;
    done.length = 0;
  }
}
