import { spawn } from "node:child_process";
import { UsageError } from "../errors.js";
import type { CommitInfo, SourceItem } from "./types.js";

/**
 * Every commit's added lines, streamed from one `git log -p -U0` (oldest first, so the first
 * finding of a secret is the commit that introduced it). Only one file's added lines are held
 * at a time, so memory stays bounded whatever the history size.
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

export async function* readHistory(root: string, options: HistoryOptions): AsyncGenerator<SourceItem> {
  const args = [
    "-c", "core.quotePath=false", "log", "-p", "-U0", "--reverse", "--no-color", "--no-ext-diff", "--no-textconv",
    "--no-renames", "--diff-filter=AMT", "--format=%x00%H%x00%an <%ae>%x00%aI",
  ];
  if (options.since) args.push(`--since=${options.since}`);
  args.push(options.range ?? "HEAD", "--");
  const child = spawn("git", args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));

  let commit: CommitInfo | undefined;
  let file: { path: string; added: boolean; lines: string[]; addedLines: Set<number> } | undefined;
  let lineNumber = 0;
  const finish = (): SourceItem | undefined => {
    const done = file;
    file = undefined;
    if (!done || !commit || done.path === "" || options.isIgnored(done.path)) return undefined; // "": binary
    if (done.addedLines.size === 0 && !done.added) return undefined;
    return {
      file: { path: done.path, status: "committed", content: Buffer.from(done.lines.join("\n")) },
      onlyLines: done.addedLines,
      commit,
    };
  };

  const onLine = (line: string): SourceItem | undefined => {
    if (line.startsWith(COMMIT)) {
      const item = finish();
      const [, hash = "", author = "", date = ""] = line.split(COMMIT);
      commit = { commit: hash, author, date };
      return item;
    }
    if (line.startsWith("diff --git ")) {
      const item = finish();
      file = { path: "", added: false, lines: [], addedLines: new Set() };
      return item;
    }
    if (!file) return undefined;
    if (line.startsWith("new file mode ")) {
      file.added = true;
    } else if (line.startsWith("+++ ") && file.path === "") {
      file.path = unquotePath(line.slice(4)).replace(/^b\//, "");
    } else if (line.startsWith("@@ ")) {
      lineNumber = Number(/\+(\d+)/.exec(line)?.[1] ?? 1);
    } else if (line.startsWith("+") && file.path !== "") {
      // Gaps stay empty lines, so positions are the lines of that commit's version of the file.
      while (file.lines.length < lineNumber - 1) file.lines.push("");
      file.lines[lineNumber - 1] = line.slice(1);
      file.addedLines.add(lineNumber);
      lineNumber++;
    }
    return undefined;
  };

  // Split chunks by hand: one await per chunk rather than per line, and CRs stay part of the text.
  let pending = "";
  const items: SourceItem[] = [];
  for await (const chunk of child.stdout.setEncoding("utf8")) {
    const text = pending + (chunk as string);
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      const item = onLine(text.slice(start, end));
      if (item) items.push(item);
      start = end + 1;
    }
    pending = text.slice(start);
    yield* items;
    items.length = 0;
  }
  if (pending) {
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
