import type { DiskEntry, DiskListing } from "./types.js";
import { git, literalPathspecs, splitNul } from "./git.js";

/**
 * What `git add -A` would take: tracked files still in the work tree, plus untracked files
 * that no .gitignore, .git/info/exclude or core.excludesFile ignores. One git call.
 */
export async function listWorkTree(root: string, pathspecs: string[]): Promise<DiskListing> {
  const output = await git(root).raw([
    "ls-files", "-z", "--cached", "--others", "--deleted", "-t", "--exclude-standard",
    ...literalPathspecs(pathspecs),
  ]);
  const tracked = new Set<string>();
  const deleted = new Set<string>();
  const untracked: string[] = [];
  for (const record of splitNul(output)) {
    const tag = record[0];
    const path = record.slice(2);
    if (tag === "?") {
      // A trailing slash marks an untracked nested repository, which git add would not descend either.
      if (!path.endsWith("/")) untracked.push(path);
    } else if (tag === "R") deleted.add(path);
    else tracked.add(path);
  }
  const entries: DiskEntry[] = [];
  for (const path of tracked) if (!deleted.has(path)) entries.push({ path, status: "tracked" });
  for (const path of untracked) entries.push({ path, status: "untracked" });
  return { root, entries };
}
