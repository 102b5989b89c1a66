import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Replaces a file's content all at once: the new text goes to a temporary file in the same
 * directory, which then takes the file's place. A crash or kill leaves the old file or the new
 * one, never a truncated one. The file keeps its permission bits; a path that is not a regular
 * file (a symbolic link, a directory) is refused, so nothing outside it is ever written.
 */
export function writeFileAtomic(path: string, content: string): void {
  const status = lstatSync(path, { throwIfNoEntry: false });
  if (status && !status.isFile()) throw new Error("not a regular file");
  const temporary = join(dirname(path), `.${basename(path)}.hf-lint-${process.pid}-${randomBytes(4).toString("hex")}`);
  const fd = openSync(temporary, "wx", 0o666);
  try {
    try {
      writeFileSync(fd, content); // loops over short writes (a full disk, a file size limit)
      if (status) fchmodSync(fd, status.mode & 0o7777);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

const LOCK_WAIT_MS = 5000;
/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 30_000;

/**
 * Runs `update` while holding `<path>.hf-lint.lock` (created exclusively, as git does with its
 * own .lock files), so that two hf-lint runs editing one file take turns instead of one losing
 * the other's change. Waits up to 5 s for another run to finish.
 */
export function withFileLock<T>(path: string, update: () => T): T {
  const lock = `${path}.hf-lint.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`${basename(lock)} is held by another process`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return update();
  } finally {
    rmSync(lock, { force: true });
  }
}
