import type { DiskEntry, DiskListing } from "./types.js";
import { git, literalPathspecs, splitNul } from "./git.js";

/**
 * What `git add -A` would take: tracked files, plus untracked files that no .gitignore,
 * .git/info/exclude or core.excludesFile ignores. One git call. Tracked files deleted from the
 * work tree are listed too and passed over when they cannot be opened: asking git for them
 * (`--deleted`) costs it a stat of every file, two thirds of the call's time.
 */
export async function listWorkTree(root: string, pathspecs: string[]): Promise<DiskListing> {
  const output = await git(root).raw([
    "ls-files", "-z", "--cached", "--others", "-t", "--exclude-standard",
    ...literalPathspecs(pathspecs),
  ]);
  const entries: DiskEntry[] = [];
  let previous = "";
  for (const record of splitNul(output)) {
    const path = record.slice(2);
    if (record[0] === "?") {
      // A trailing slash marks an untracked nested repository, which git add would not descend either.
      if (!path.endsWith("/")) entries.push({ path, status: "untracked" });
    } else if (path !== previous) {
      entries.push({ path, status: "tracked" }); // an unmerged file is listed once per stage
    }
    previous = path;
  }
  return { root, entries };
}
