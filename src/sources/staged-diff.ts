import { UsageError } from "../errors.js";
import { literalPathspecs, SAFE_DIFF_FLAGS, spawnGit, type GitCall } from "./git.js";
import { unquoteName } from "./names.js";

/**
 * What the index changes against HEAD, as one streamed `git diff --cached`: the raw records
 * (exact names, modes and blob ids) and, per path, the lines the commit adds. The patch is read
 * for its hunk headers and line markers only; file contents come from the blobs, by id. Hunks
 * are matched to files by the name in their `+++` line, never by position: a type change has
 * two sections, an unmerged path none. Nothing of a file's text is kept, whatever its size.
 */

export interface RawRecord {
  /** The name as bytes, one latin1 character per byte. */
  path: string;
  /** A, M, R, C, T or U. */
  status: string;
  oldMode: string;
  mode: string;
  oldBlob: string;
  blob: string;
}

/** Line numbers as sorted, disjoint ranges: a file of a million added lines is one range. */
export class LineRanges {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  add(line: number): void {
    const last = this.ends.length - 1;
    if (last >= 0 && this.ends[last] === line - 1) this.ends[last] = line;
    else {
      this.starts.push(line);
      this.ends.push(line);
    }
  }

  has(line: number): boolean {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (line < (this.starts[middle] as number)) high = middle - 1;
      else if (line > (this.ends[middle] as number)) low = middle + 1;
      else return true;
    }
    return false;
  }
}

export interface StagedDiff {
  records: RawRecord[];
  /** Keyed by `RawRecord.path`; a file with no entry had no hunk. */
  added: Map<string, LineRanges>;
}

/** The one call `readStagedDiff` makes. */
export function stagedDiffCall(pathspecs: string[], withPatch: boolean): GitCall {
  return {
    args: [
      "diff", "--cached", "-z", "--raw", "--no-abbrev", "--diff-filter=d", ...SAFE_DIFF_FLAGS,
      // Whole files have no "rename": the renamed file's every line is in the commit.
      ...(withPatch
        ? ["-p", "-U0", "--inter-hunk-context=0", "--text", "--submodule=short", "--src-prefix=a/", "--dst-prefix=b/", "-M"]
        : ["--no-renames"]),
      ...literalPathspecs(pathspecs),
    ],
  };
}

export async function readStagedDiff(root: string, pathspecs: string[], withPatch: boolean): Promise<StagedDiff> {
  const diff = spawnGit(root, stagedDiffCall(pathspecs, withPatch).args);
  const parser = new DiffParser();
  try {
    for await (const chunk of diff.child.stdout as AsyncIterable<Buffer>) parser.push(chunk);
  } finally {
    diff.child.kill(); // a parse error leaves nobody reading its output
  }
  await diff.succeeded("git diff");
  return parser.result();
}

const NUL = 0x00;
const NEWLINE = 0x0a;
const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** `:oldmode newmode oldsha newsha STATUS\0path\0[newpath\0]`…, then `\0` and the patch. */
class DiffParser {
  private readonly records: RawRecord[] = [];
  private readonly added = new Map<string, LineRanges>();
  private inPatch = false;
  /** The bytes of the field or header line not finished in the last chunk. */
  private pending: Buffer[] = [];
  private record: { fields: string; names: string[]; paths: number } | null = null;
  /** The file the current patch section adds lines to; null on a deleted side. */
  private target: LineRanges | null = null;
  private hunk: { oldLeft: number; newLeft: number; line: number } | null = null;
  /** Inside a hunk line whose first byte was read: the rest is skipped. */
  private skipping = false;

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (!this.inPatch) {
        const end = chunk.indexOf(NUL, at);
        if (end === -1) return void this.pending.push(chunk.subarray(at));
        this.field(this.take(chunk, at, end));
        at = end + 1;
      } else if (this.skipping || this.hunk) {
        if (!this.skipping) this.hunkLine(chunk[at] as number);
        const end = chunk.indexOf(NEWLINE, at);
        this.skipping = end === -1;
        if (end === -1) return;
        at = end + 1;
      } else {
        const end = chunk.indexOf(NEWLINE, at);
        if (end === -1) return void this.pending.push(chunk.subarray(at));
        this.headerLine(this.take(chunk, at, end));
        at = end + 1;
      }
    }
  }

  result(): StagedDiff {
    if (this.record || this.hunk) throw new UsageError("git diff output ended early");
    return { records: this.records, added: this.added };
  }

  private take(chunk: Buffer, start: number, end: number): string {
    this.pending.push(chunk.subarray(start, end));
    const text = Buffer.concat(this.pending).toString("latin1");
    this.pending = [];
    return text;
  }

  private field(text: string): void {
    if (this.record) {
      this.record.names.push(text);
      if (this.record.names.length < this.record.paths) return;
      const [oldMode = "", mode = "", oldBlob = "", blob = "", status = ""] = this.record.fields.slice(1).split(" ");
      // A rename or copy names its source first; the name written is the last.
      this.records.push({ path: text, status: status.charAt(0), oldMode, mode, oldBlob, blob });
      this.record = null;
    } else if (text.startsWith(":")) {
      this.record = { fields: text, names: [], paths: /[RC]\d*$/.test(text) ? 2 : 1 };
    } else if (text === "") {
      this.inPatch = true;
    } else {
      throw new UsageError(`unexpected git diff output: ${JSON.stringify(text.slice(0, 40))}`);
    }
  }

  private headerLine(line: string): void {
    if (line.startsWith("diff --git ")) {
      this.target = null;
    } else if (line.startsWith("+++ ")) {
      // A name with a space gets a tab after it (for patch(1)); a name with a tab is quoted.
      const name = unquoteName(line.slice(4).replace(/\t$/, ""));
      if (name === "/dev/null" || !name.startsWith("b/")) this.target = null;
      else {
        const path = name.slice(2);
        this.target = this.added.get(path) ?? new LineRanges();
        this.added.set(path, this.target);
      }
    } else if (line.startsWith("@@ ")) {
      const match = HUNK.exec(line);
      if (!match) throw new UsageError(`unexpected git diff hunk header: ${line.slice(0, 60)}`);
      const [, oldCount = "1", start = "0", newCount = "1"] = match;
      this.hunk = { oldLeft: Number(oldCount), newLeft: Number(newCount), line: Number(start) };
      if (this.hunk.oldLeft === 0 && this.hunk.newLeft === 0) this.hunk = null;
    }
  }

  /** Counts one line of a hunk by its first byte; the hunk ends when both sides are counted. */
  private hunkLine(marker: number): void {
    const hunk = this.hunk as NonNullable<DiffParser["hunk"]>;
    if (marker === 0x2b /* + */) {
      this.target?.add(hunk.line);
      hunk.line++;
      hunk.newLeft--;
    } else if (marker === 0x2d /* - */) {
      hunk.oldLeft--;
    } else if (marker === 0x20 /* space */ || marker === NEWLINE) {
      hunk.line++; // context (an empty line under diff.suppressBlankEmpty)
      hunk.oldLeft--;
      hunk.newLeft--;
    } else if (marker !== 0x5c /* \ No newline at end of file */) {
      throw new UsageError("unexpected line in a git diff hunk");
    }
    if (hunk.oldLeft <= 0 && hunk.newLeft <= 0) this.hunk = null;
  }
}
