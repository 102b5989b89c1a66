import { isBinary } from "../engine/analyze.js";
import { UsageError } from "../errors.js";
import { BLOBS_CALL, isTooLarge, readBlobs, type Blob } from "./blobs.js";
import { displayLatin1Name } from "./names.js";
import { readStagedDiff, stagedDiffCall, type RawRecord } from "./staged-diff.js";
import type { GitCall } from "./git.js";
import type { LineFilter, SourceItem } from "./types.js";

/**
 * What `git commit` is about to record: the index compared with HEAD (or with nothing in a
 * new repository). `git diff --cached` names the files and the lines the commit adds; one
 * `git cat-file --batch` streams the staged blobs by id, one file in memory at a time. Its
 * cost follows the size of the change, not of the repository.
 */

const REGULAR_FILE_MODES = new Set(["100644", "100755"]);
/**
 * The hook fails closed: staged text is scanned whatever --max-file-size says. Past this size
 * it is more than one scan can hold, and the commit is stopped rather than passed unread.
 */
const MAX_STAGED_TEXT = 256 * 1024 * 1024;

export interface StagedOptions {
  /** Scan whole staged files instead of only the lines the commit adds. */
  allLines: boolean;
  isIgnored: (path: string) => boolean;
}

/** The calls `readStaged` makes: what a scan can start before it knows the root (`startEarly`). */
export function stagedCalls(pathspecs: string[], allLines: boolean): GitCall[] {
  return [BLOBS_CALL, stagedDiffCall(pathspecs, !allLines)];
}

export async function* readStaged(root: string, pathspecs: string[], options: StagedOptions): AsyncGenerator<SourceItem> {
  const blobs = readBlobs(root, MAX_STAGED_TEXT); // started now, its start-up overlaps the diff's
  try {
    const { records, added } = await readStagedDiff(root, pathspecs, !options.allLines);
    // Unmerged paths cannot be committed; submodules and links are not files.
    const wanted = records
      .map((record) => ({ record, path: displayLatin1Name(record.path) }))
      .filter(({ record, path }) => record.status !== "U" && REGULAR_FILE_MODES.has(record.mode) && !options.isIgnored(path));
    const asking = blobs.ask(wanted.map(({ record }) => record.blob)).finally(() => blobs.end());
    asking.catch(() => {}); // awaited below; a failure here surfaces there

    let index = 0;
    for await (const blob of blobs.answers) {
      const next = wanted[index++];
      if (!next) throw new UsageError("git cat-file answered more than it was asked");
      yield stagedItem(next.path, blob, linesToScan(next.record, added, options.allLines));
    }
    if (index < wanted.length) {
      await blobs.succeeded();
      throw new UsageError("git cat-file stopped before answering for every staged file");
    }
    await asking;
    await blobs.succeeded();
  } finally {
    blobs.kill();
  }
}

const NO_LINES: LineFilter = { has: () => false };

/** The lines whose findings count; undefined for all of them. */
function linesToScan(record: RawRecord, added: Map<string, LineFilter>, allLines: boolean): LineFilter | undefined {
  // Every line of a new file is the commit's, and of a file that replaces a link or submodule.
  if (allLines || record.status === "A" || record.status === "T") return undefined;
  const ranges = added.get(record.path);
  if (ranges) return ranges;
  // A renamed file or a mode change adds no line; changed content with no hunk read counts whole.
  return record.oldBlob === record.blob ? NO_LINES : undefined;
}

function stagedItem(path: string, blob: Blob, onlyLines: LineFilter | undefined): SourceItem {
  if (blob === "missing") return { skipped: "unreadable", path, error: "staged blob missing" };
  if (isTooLarge(blob)) {
    if (isBinary(blob.head)) return { skipped: "binary", path };
    throw new UsageError(
      `${path} is ${Math.round(blob.size / 1024 / 1024)} MB of staged text, more than hf-lint can scan at once: ` +
        "nothing was checked. Unstage it, or commit with --no-verify if you are sure it holds no token",
    );
  }
  return { file: { path, status: "staged", content: blob }, onlyLines };
}
