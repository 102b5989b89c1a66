import { spawn } from "node:child_process";
import { UsageError } from "../errors.js";
import type { CommitInfo, SourceItem } from "./types.js";

/**
 * Every commit's added lines, streamed from one `git log -p -U0` (newest first: `--reverse`
 * would cost git a fifth more; the collector keeps the oldest finding of each secret). Only
 * one file's added lines are held at a time, so memory stays bounded whatever the history size.
 */

export interface HistoryOptions {
  /** A revision range such as `origin/main..HEAD`; default: everything reachable from HEAD. */
  range?: string;
  /** Only commits after this date (anything `git log --since` takes). */
  since?: string;
  /** Bytes; a file whose added lines reach further is skipped as too large, bounding memory. */
  maxFileSize: number;
  isIgnored: (path: string) => boolean;
}

/** Marks a commit header line in our `--format`: NUL cannot appear in a patch line. */
const COMMIT = "\0";
const NEWLINE_BYTE = 0x0a;
const NEWLINE = Buffer.from("\n");
const NEWLINES = Buffer.alloc(4096, "\n");
const [PLUS, D, N, AT] = [0x2b, 0x64, 0x6e, 0x40];
/** Header lines (commit, author, paths) always fit, even with a tiny maxFileSize. */
const MIN_LINE_LIMIT = 1024 * 1024;

export async function* readHistory(root: string, options: HistoryOptions): AsyncGenerator<SourceItem> {
  const args = [
    "-c", "core.quotePath=false", "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv",
    "--no-renames", "--diff-filter=AMT", "--src-prefix=a/", "--dst-prefix=b/", "--format=%x00%H%x00%an <%ae>%x00%aI",
  ];
  if (options.since) args.push(`--since=${options.since}`);
  args.push(options.range ?? "HEAD", "--");
  const child = spawn("git", args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));

  let commit: CommitInfo | undefined;
  // Added lines stay bytes (no decode and re-encode of the whole log); gaps are empty lines.
  let file: PendingFile | undefined;
  let lineNumber = 0;
  const finish = (): SourceItem | undefined => {
    const done = file;
    file = undefined;
    if (!done || !commit || options.isIgnored(done.path)) return undefined;
    if (done.tooLarge) return { skipped: "tooLarge", path: done.path };
    if (done.addedLines.size === 0 && !done.added) return undefined;
    return {
      file: { path: done.path, status: "committed", content: Buffer.concat(done.parts) },
      onlyLines: done.addedLines,
      commit,
    };
  };
  const append = (target: PendingFile, bytes: Buffer): void => {
    target.size += bytes.length;
    if (target.size > options.maxFileSize) tooLarge(target);
    if (!target.tooLarge) target.parts.push(bytes);
  };

  const onLine = (line: Buffer): SourceItem | undefined => {
    const first = line[0];
    if (first === PLUS && file?.inHunk) {
      // An added line, placed at its line number in that commit's version of the file.
      for (let missing = lineNumber - 1 - file.lines; missing > 0; missing -= NEWLINES.length) {
        append(file, NEWLINES.subarray(0, Math.min(NEWLINES.length, missing)));
      }
      append(file, line.subarray(1));
      append(file, NEWLINE);
      file.addedLines.add(lineNumber);
      file.lines = lineNumber;
      lineNumber++;
      return undefined;
    }
    if (first !== 0 && first !== D && first !== N && first !== AT) return undefined;
    const text = line.toString("utf8");
    if (text.startsWith(COMMIT)) {
      const item = finish();
      const [, hash = "", author = "", date = ""] = text.split(COMMIT);
      commit = { commit: hash, author, date };
      return item;
    }
    if (text.startsWith("diff --git ")) {
      const item = finish();
      const path = pathFromDiffHeader(text.slice("diff --git ".length));
      file = { path, added: false, inHunk: false, parts: [], size: 0, tooLarge: false, lines: 0, addedLines: new Set() };
      return item;
    }
    if (!file) return undefined;
    if (text.startsWith("new file mode ")) file.added = true;
    else if (text.startsWith("@@ ")) {
      file.inHunk = true;
      lineNumber = Number(/\+(\d+)/.exec(text)?.[1] ?? 1);
    }
    return undefined;
  };

  // Split chunks by hand: one await per chunk rather than per line. A line longer than any file
  // we would read is dropped (its file counts as too large) instead of growing without bound.
  const maxLine = Math.max(options.maxFileSize, MIN_LINE_LIMIT);
  let carry: Buffer[] = [];
  let carried = 0;
  let overlong = false;
  const items: SourceItem[] = [];
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE_BYTE); end !== -1; end = chunk.indexOf(NEWLINE_BYTE, start)) {
      let line = chunk.subarray(start, end);
      if (carried > 0) {
        line = Buffer.concat([...carry, line]);
        carry = [];
        carried = 0;
      }
      start = end + 1;
      const item = overlong ? undefined : onLine(line);
      overlong = false;
      if (item) items.push(item);
    }
    if (start < chunk.length && !overlong) {
      // Copied, so that a short tail does not keep a whole chunk alive.
      carry.push(Buffer.from(chunk.subarray(start)));
      carried += chunk.length - start;
      if (carried > maxLine) {
        carry = [];
        carried = 0;
        overlong = true;
        if (file?.inHunk) tooLarge(file);
      }
    }
    yield* items;
    items.length = 0;
  }
  if (carried > 0) {
    const item = onLine(Buffer.concat(carry));
    if (item) yield item;
  }
  const last = finish();
  if (last) yield last;
  const code = await exited;
  if (code !== 0) throw new UsageError(`git log failed: ${stderr.trim().split("\n")[0] ?? `exit ${code}`}`);
}

function tooLarge(file: PendingFile): void {
  file.tooLarge = true;
  file.parts = [];
}

interface PendingFile {
  path: string;
  /** Created by this commit (reported by file rules even when empty or binary). */
  added: boolean;
  /** Past the header: `+` lines are added content, not `+++ b/…`. */
  inHunk: boolean;
  parts: Buffer[];
  size: number;
  tooLarge: boolean;
  /** The last line number written to `parts`. */
  lines: number;
  addedLines: Set<number>;
}

/**
 * The path in `diff --git a/<path> b/<path>`. Without renames both sides name the same path, so
 * the second half is `b/<path>` even when the path has spaces; git quotes both or neither. The
 * header is present for every change, unlike `+++` (absent for empty and binary files).
 */
export function pathFromDiffHeader(names: string): string {
  return unquotePath(names.slice((names.length + 1) / 2)).slice("b/".length);
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", '"': '"', "\\": "\\" };

/** Git quotes unusual names C-style (`"b/q\"uote\303\251"`); octal escapes are UTF-8 bytes. */
export function unquotePath(text: string): string {
  if (!text.startsWith('"')) return text;
  const bytes: number[] = [];
  for (let i = 1; i < text.length - 1; i++) {
    const char = text.charAt(i);
    if (char !== "\\") {
      bytes.push(...Buffer.from(char));
      continue;
    }
    const next = text.charAt(++i);
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(text.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ESCAPES[next] ?? next));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
