import { UsageError } from "../errors.js";
import type { OptionNamer } from "../option-names.js";
import { git, SAFE_DIFF_FLAGS, spawnGit } from "./git.js";
import { displayLatin1Name, unquoteName } from "./names.js";
import type { CommitInfo } from "./types.js";

/**
 * Which file versions a history scan reads: `git log --raw` names each commit's new blobs (no
 * diffs computed). Computing diffs (`git log -p`) cost git more than reading and scanning whole
 * blobs costs us, and a whole blob has the same fingerprints as the work-tree file. Merges count
 * with the files their resolution changed (`-c`), so a token added while resolving a conflict is
 * seen. git log runs newest first; the collector keeps each secret's oldest finding, which is the
 * commit that introduced it.
 */

export interface HistoryOptions {
  /** A revision range such as `origin/main..HEAD`; default: everything reachable from HEAD. */
  range?: string;
  /** Only commits after this date (anything `git log --since` takes). */
  since?: string;
  /** Bytes; larger blobs are skipped as too large (and never held in memory). */
  maxFileSize: number;
  isIgnored: (path: string) => boolean;
  /** How messages name the options (the CLI's flags, or the library's properties). */
  name: OptionNamer;
}

/** One version of a file that a commit wrote. */
export interface Version {
  path: string;
  commit: CommitInfo;
  blob: string;
  /** The file's blobs in the commit's parents (limited histories only: see `historyVersions`). */
  parents: string[];
}

/** Marks a commit header line in our `--format`: NUL cannot appear in a raw record. */
const COMMIT = "\0";
/** Submodules and symbolic links have no file content to scan. */
const REGULAR_FILE_MODES = new Set(["100644", "100755"]);

/**
 * The versions the commits reachable from HEAD (or in `range`) wrote, newest first, in batches
 * of `size`. A scan limited to some commits compares each version with its parents': a secret
 * that was there before is not the commit's. (Without limits the parents are scanned anyway,
 * and each secret's oldest finding is the one kept.)
 */
export async function* historyVersions(root: string, options: HistoryOptions, size: number): AsyncGenerator<Version[]> {
  const { name } = options;
  if (options.range === "") throw new UsageError(`${name("range")} needs a revision range such as origin/main..HEAD`);
  if (options.range?.startsWith("-")) {
    throw new UsageError(`${name("range")} takes a revision range such as origin/main..HEAD, not ${options.range}`);
  }
  if (options.since === "") throw new UsageError(`${name("since")} needs a date`);
  if (options.since !== undefined) await checkDate(root, options.since, name("since"));
  const limited = options.range !== undefined || options.since !== undefined;
  const args = [
    "log", "--raw", "-c", "--no-abbrev", "--format=%x00%H%x00%an <%ae>%x00%aI", ...SAFE_DIFF_FLAGS,
    // A renamed file's parent is the file it was renamed from; in a whole history that file was
    // scanned anyway, under its own name.
    ...(limited ? ["--find-renames", "--diff-filter=AMTR"] : ["--no-renames", "--diff-filter=AMT"]),
  ];
  if (options.since) args.push(`--since=${options.since}`);
  args.push(options.range ?? "HEAD", "--");
  const log = spawnGit(root, args);
  try {
    let commit: CommitInfo | undefined;
    let batch: Version[] = [];
    // One character per byte: names need not be UTF-8 (the author is decoded as UTF-8 below).
    log.child.stdout?.setEncoding("latin1");
    for await (const line of lines(log.child.stdout as AsyncIterable<string>)) {
      if (line.startsWith(COMMIT)) {
        const [, hash = "", author = "", date = ""] = line.split(COMMIT);
        commit = { commit: hash, author: Buffer.from(author, "latin1").toString("utf8"), date };
        continue;
      }
      const record = parseRawRecord(line);
      if (!record || !commit || !REGULAR_FILE_MODES.has(record.mode) || options.isIgnored(record.path)) continue;
      const parents = limited ? record.parents.filter((parent) => REGULAR_FILE_MODES.has(parent.mode)).map((parent) => parent.blob) : [];
      batch.push({ path: record.path, commit, blob: record.blob, parents });
      if (batch.length < size) continue;
      yield batch;
      batch = [];
    }
    if (batch.length > 0) yield batch;
    await log.succeeded("git log").catch(async (error: unknown) => {
      if (options.range === undefined && !(await hasCommits(root))) {
        throw new UsageError("--history: this repository has no commits yet, so it has no history to scan");
      }
      throw error;
    });
  } finally {
    // After a failure, git may not be left waiting on a pipe nobody reads.
    log.child.kill();
  }
}

/**
 * `git log --since` takes any text, reading what it cannot parse as some date. Git's careful
 * date parser (the one behind its expiry settings) says when it cannot.
 */
async function checkDate(root: string, since: string, option: string): Promise<void> {
  try {
    await git(root).raw(["-c", `hflint.since=${since}`, "config", "--type=expiry-date", "hflint.since"]);
  } catch {
    throw new UsageError(`${option}: git reads no date in "${since}" (try 2024-01-31 or "2 weeks ago")`);
  }
}

async function hasCommits(root: string): Promise<boolean> {
  return git(root)
    .raw(["rev-parse", "--quiet", "--verify", "HEAD^{commit}"])
    .then(() => true, () => false);
}

/** The lines of a decoded stream (the raw log is small: names and hashes). */
async function* lines(stream: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = "";
  for await (const chunk of stream) {
    const parts = (carry + chunk).split("\n");
    carry = parts.pop() ?? "";
    yield* parts;
  }
  if (carry) yield carry;
}

interface ModeAndBlob {
  mode: string;
  blob: string;
}

const NO_BLOB = /^0+$/;

/**
 * `:mode… oid… STATUS\tpath` (`\tsource\tpath` for a rename), with one colon per parent (merges
 * shown with `-c` have several):
 * the parents' modes and blobs come first, the new side's last. Parents without the file
 * (an all-zero blob) are left out.
 */
export function parseRawRecord(line: string): (ModeAndBlob & { path: string; parents: ModeAndBlob[] }) | null {
  const tab = line.indexOf("\t");
  if (!line.startsWith(":") || tab === -1) return null;
  const count = line.length - line.replace(/^:+/, "").length;
  const fields = line.slice(count, tab).split(" ");
  const mode = fields[count];
  const blob = fields[2 * count + 1];
  if (mode === undefined || blob === undefined) return null;
  const parents: ModeAndBlob[] = [];
  for (let i = 0; i < count; i++) {
    const parent = { mode: fields[i] ?? "", blob: fields[count + 1 + i] ?? "" };
    if (!NO_BLOB.test(parent.blob)) parents.push(parent);
  }
  // A rename or copy names the source, then the file written (a tab in a name is quoted).
  const names = line.slice(tab + 1).split("\t");
  const path = /^[RC]/.test(fields[2 * count + 2] ?? "") ? names[1] : names[0];
  return { mode, blob, parents, path: displayLatin1Name(unquoteName(path ?? "")) };
}
