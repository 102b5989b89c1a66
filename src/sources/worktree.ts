import type { DiskEntry, DiskListing } from "./types.js";
import { isUtf8 } from "node:buffer";
import { literalPathspecs, spawnGit, splitNul, type GitCall } from "./git.js";
import { nameFromBytes } from "./names.js";

/**
 * What `git add -A` would take: tracked files, plus untracked files that no .gitignore,
 * .git/info/exclude or core.excludesFile ignores. One git call. Tracked files deleted from the
 * work tree are listed too and passed over when they cannot be opened: asking git for them
 * (`--deleted`) costs it a stat of every file, two thirds of the call's time.
 */
export async function listWorkTree(root: string, pathspecs: string[]): Promise<DiskListing> {
  const listing = spawnGit(root, listingCall(pathspecs).args);
  const chunks: Buffer[] = [];
  for await (const chunk of listing.child.stdout as AsyncIterable<Buffer>) chunks.push(chunk);
  await listing.succeeded("git ls-files");
  const output = Buffer.concat(chunks);
  const entries: DiskEntry[] = [];
  let previous = "";
  // Names are bytes: decoded whole when all are UTF-8 (nearly always), else one by one.
  const records: NameRecord[] = isUtf8(output) ? splitNul(output.toString("utf8")).map((record) => ({ record })) : byteRecords(output);
  for (const { record, bytes } of records) {
    const path = record.slice(2);
    if (record[0] === "?") {
      // A trailing slash marks an untracked nested repository, which git add would not descend either.
      if (!path.endsWith("/")) entries.push({ path, status: "untracked", bytes });
    } else if (path !== previous) {
      entries.push({ path, status: "tracked", bytes }); // an unmerged file is listed once per stage
    }
    previous = path;
  }
  return { root, entries };
}

/** The one call `listWorkTree` makes: what a scan can start before it knows the root (`startEarly`). */
export function listingCall(pathspecs: string[]): GitCall {
  return { args: ["ls-files", "-z", "--cached", "--others", "-t", "--exclude-standard", ...literalPathspecs(pathspecs)] };
}

interface NameRecord {
  /** `<tag> <name>` as shown. */
  record: string;
  bytes?: Buffer;
}

/** `-z` records of which some names are not UTF-8: each shown escaped, its bytes kept to open it. */
function byteRecords(output: Buffer): NameRecord[] {
  const records: NameRecord[] = [];
  for (let start = 0; start < output.length; ) {
    const end = output.indexOf(0, start);
    const record = output.subarray(start, end === -1 ? output.length : end);
    const { path, bytes } = nameFromBytes(record.subarray(2));
    records.push({ record: `${record.toString("latin1", 0, 2)}${path}`, bytes });
    start = end === -1 ? output.length : end + 1;
  }
  return records;
}
