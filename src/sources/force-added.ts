import { isDotenvFile } from "../../rules/env-file-not-ignored.js";
import { spawnGit, splitNul } from "./git.js";
import type { DiskEntry, SourceItem } from "./types.js";

/**
 * Which of these paths git's ignore rules cover, though they are in the index: force-added
 * (`git add -f`) or tracked since before the rule. `--no-index`, since check-ignore otherwise
 * calls every tracked path "not ignored". A failure only costs the more precise message: the
 * finding stands either way.
 */
async function ignoredPaths(root: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const checking = spawnGit(root, ["check-ignore", "--no-index", "--stdin", "-z"], "pipe");
  checking.child.stdin?.on("error", () => {}).end(paths.map((path) => `${path}\0`).join(""));
  let stdout = "";
  for await (const chunk of checking.child.stdout?.setEncoding("utf8") ?? []) stdout += chunk;
  return new Set(splitNul(stdout)); // exit 1: none is ignored
}

/** Marks the tracked dotenv files of a work tree listing that a .gitignore covers. */
export async function markIgnoredDotenvEntries(root: string, entries: DiskEntry[]): Promise<void> {
  const candidates = entries.filter((entry) => entry.status === "tracked" && isDotenvFile(entry.path));
  const ignored = await ignoredPaths(root, candidates.map((entry) => entry.path));
  for (const entry of candidates) if (ignored.has(entry.path)) entry.ignored = true;
}

/** The staged items, with the dotenv files a .gitignore covers marked. */
export async function* markIgnoredDotenvItems(root: string, items: AsyncIterable<SourceItem>): AsyncGenerator<SourceItem> {
  for await (const item of items) {
    if ("file" in item && isDotenvFile(item.file.path) && (await ignoredPaths(root, [item.file.path])).size > 0) {
      yield { ...item, file: { ...item.file, ignored: true } };
    } else yield item;
  }
}
