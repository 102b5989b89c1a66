
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import type { SkipReason } from "../types.js";
import { BINARY_TEST_BYTES, isBinary } from "./analyze.js";

export type ReadResult = { content: Buffer } | { skip: SkipReason | "notFile"; error?: string };

// O_NOFOLLOW: git commits a link, not its target, so links are never read through.
// O_NONBLOCK: opening a FIFO must not wait for a writer (it has no effect on regular files).
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
// ENOENT, ENOTDIR: a tracked file deleted from the work tree (the listing does not ask git for those).
const NOT_FILE = new Set(["ELOOP", "EISDIR", "ENXIO", "EAGAIN", "ENOENT", "ENOTDIR"]);

/** Reused for every file that fits: most files do, and allocating per file costs GC time. */
const shared = Buffer.allocUnsafe(1024 * 1024);
/**
 * The first read's size: enough for most files whole, and for the binary test of the rest. A
 * binary file is read no further: its contents are not scanned (images, models and archives
 * were most of the bytes read in real repositories).
 */
const FIRST_READ = 64 * 1024;

/**
 * Reads one file once. One fstat says what it is before any read: a device or FIFO is passed
 * over by its type (/dev/zero never ends, a FIFO may never start). What is read is bounded by
 * `maxFileSize`, whatever the size stat reports (a file still growing, /proc). The returned
 * buffer is only valid until the next call. Of a binary file (git's test, `isBinary`) only the
 * first bytes are returned: enough for that test and for rules about the file itself.
 */
export function readEntry(absolutePath: string | Buffer, maxFileSize: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(absolutePath, OPEN_FLAGS);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { skip: "notFile" };
    if (stat.size > maxFileSize) return { skip: "tooLarge" };
    const limit = maxFileSize + 1; // one byte past the limit tells a file that is too large
    let buffer = stat.size < shared.length ? shared.subarray(0, limit) : Buffer.allocUnsafe(Math.min(stat.size + 1, limit));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length >= limit) return { skip: "tooLarge" };
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const wanted = length === 0 ? Math.min(FIRST_READ, buffer.length) : buffer.length - length;
      const read = readSync(fd, buffer, length, wanted, null);
      if (read === 0) break;
      const head = buffer.subarray(0, read);
      if (length === 0 && read >= BINARY_TEST_BYTES && isBinary(head)) return { content: head };
      length += read;
      // A short read that brings the file to the size fstat gave is its end: no read to see 0.
      if (read < wanted && length === stat.size) break;
    }
    if (length > maxFileSize) return { skip: "tooLarge" };
    return { content: buffer.subarray(0, length) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    if (NOT_FILE.has(code)) return { skip: "notFile" }; // links, submodule directories, deleted files
    return { skip: "unreadable", error: code };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
