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
  isIgnored: (path: string) => boolean;
}

/** Marks a commit header line in our `--format`: NUL cannot appear in a patch line. */
const COMMIT = "\0";
const NEWLINE_BYTE = 0x0a;
const NEWLINE = Buffer.from("\n");
const NEWLINES = Buffer.alloc(4096, "\n");
const [PLUS, D, N, AT] = [0x2b, 0x64, 0x6e, 0x40];

export async function* readHistory(root: string, options: HistoryOptions): AsyncGenerator<SourceItem> {
  const args = [
    "-c", "core.quotePath=false", "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv",
    "--no-renames", "--diff-filter=AMT", "--format=%x00%H%x00%an <%ae>%x00%aI",
  ];
  if (options.since) args.push(`--since=${options.since}`);
  args.push(options.range ?? "HEAD", "--");
  const child = spawn("git", args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));

  let commit: CommitInfo | undefined;
  // Added lines stay bytes (no decode and re-encode of the whole log); gaps are empty lines.
  let file: { path: string; added: boolean; parts: Buffer[]; lines: number; addedLines: Set<number> } | undefined;
  let lineNumber = 0;
  const finish = (): SourceItem | undefined => {
    const done = file;
    file = undefined;
    if (!done || !commit || done.path === "" || options.isIgnored(done.path)) return undefined; // "": binary
    if (done.addedLines.size === 0 && !done.added) return undefined;
    return {
      file: { path: done.path, status: "committed", content: Buffer.concat(done.parts) },
      onlyLines: done.addedLines,
      commit,
    };
  };

  const onLine = (line: Buffer): SourceItem | undefined => {
    const first = line[0];
    if (first === PLUS && file && file.path !== "") {
      // An added line, placed at its line number in that commit's version of the file.
      for (let missing = lineNumber - 1 - file.lines; missing > 0; missing -= NEWLINES.length) {
        file.parts.push(NEWLINES.subarray(0, Math.min(NEWLINES.length, missing)));
      }
      file.parts.push(line.subarray(1), NEWLINE);
      file.addedLines.add(lineNumber);
      file.lines = lineNumber;
      lineNumber++;
      return undefined;
    }
    if (first !== 0 && first !== D && first !== N && first !== PLUS && first !== AT) return undefined;
    const text = line.toString("utf8");
    if (text.startsWith(COMMIT)) {
      const item = finish();
      const [, hash = "", author = "", date = ""] = text.split(COMMIT);
      commit = { commit: hash, author, date };
      return item;
    }
    if (text.startsWith("diff --git ")) {
      const item = finish();
      file = { path: "", added: false, parts: [], lines: 0, addedLines: new Set() };
      return item;
    }
    if (!file) return undefined;
    if (text.startsWith("new file mode ")) file.added = true;
    else if (text.startsWith("+++ ")) file.path = unquotePath(text.slice(4)).replace(/^b\//, "");
    else if (text.startsWith("@@ ")) lineNumber = Number(/\+(\d+)/.exec(text)?.[1] ?? 1);
    return undefined;
  };

  // Split chunks by hand: one await per chunk rather than per line.
  let pending: Buffer = Buffer.alloc(0);
  const items: SourceItem[] = [];
  for await (const chunk of child.stdout) {
    const data: Buffer = pending.length > 0 ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let end = data.indexOf(NEWLINE_BYTE); end !== -1; end = data.indexOf(NEWLINE_BYTE, start)) {
      const item = onLine(data.subarray(start, end));
      if (item) items.push(item);
      start = end + 1;
    }
    // Copied, so that a short tail does not keep a whole chunk alive.
    pending = Buffer.from(data.subarray(start));
    yield* items;
    items.length = 0;
  }
  if (pending.length > 0) {
    const item = onLine(pending);
    if (item) yield item;
  }
  const last = finish();
  if (last) yield last;
  const code = await exited;
  if (code !== 0) throw new UsageError(`git log failed: ${stderr.trim().split("\n")[0] ?? `exit ${code}`}`);
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
