import { existsSync, lstatSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import fg from "fast-glob";
import type { Ignore } from "ignore";
import { toPosix } from "../paths.js";
import { NOT_APPLIED, boundedIgnore } from "./bounded-ignore.js";
import type { DiskEntry, DiskListing } from "./types.js";

/** Never walked into outside git, as ESLint does: installed dependencies and git's own data. */
const SKIPPED_DIRECTORIES = ["**/node_modules/**", "**/.git/**"];

/**
 * Outside git: the files and directories given (the root when none), each directory walked
 * minus what the .gitignore files at any depth ignore (each applies to its own directory and
 * below, as in git). A file named on the command line is always read, and marked when a
 * .gitignore covers it. Symbolic links are not followed. Entry paths are relative to the root,
 * so a target outside it reads `../…`.
 */
export async function listDirectory(root: string, targets: string[], onWarning?: (message: string) => void): Promise<DiskListing> {
  const gitignores = new Gitignores(onWarning);
  const entries = new Map<string, DiskEntry>(); // targets may overlap
  const add = (path: string, ignored: boolean): void => {
    const relativePath = toPosix(relative(root, path));
    entries.set(relativePath, { path: relativePath, status: "unversioned", ...(ignored ? { ignored } : {}) });
  };
  for (const target of targets.length > 0 ? targets : [root]) {
    // .gitignore files above the target count up to the root, when the target is below it.
    const inRoot = !relative(root, target).startsWith("..");
    if (lstatSync(target).isDirectory()) {
      const top = inRoot ? root : target;
      const files = await fg(["**"], { cwd: target, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: SKIPPED_DIRECTORIES });
      for (const file of files) {
        const path = join(target, file);
        if (!gitignores.ignores(path, top)) add(path, false);
      }
    } else {
      add(target, gitignores.ignores(target, inRoot ? root : dirname(target)));
    }
  }
  return { root, entries: [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}


/** The .gitignore files of directories, each read once. */
class Gitignores {
  constructor(private readonly onWarning?: (message: string) => void) {}

  private readonly byDirectory = new Map<string, Pick<Ignore, "test"> | null>();

  /** Whether the .gitignore files from the file's directory up to `top` ignore it; the deepest verdict wins. */
  ignores(path: string, top: string): boolean {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const verdict = this.matcher(dir)?.test(toPosix(relative(dir, path)));
      if (verdict?.ignored) return true;
      if (verdict?.unignored || dir === top || dir === dirname(dir)) return false;
    }
  }

  private matcher(dir: string): Pick<Ignore, "test"> | null {
    let matcher = this.byDirectory.get(dir);
    if (matcher === undefined) {
      const file = join(dir, ".gitignore");
      if (existsSync(file)) {
        const bounded = boundedIgnore(readFileSync(file, "utf8"));
        for (const pattern of bounded.dropped) this.onWarning?.(`${file}: ${NOT_APPLIED}${pattern}`);
        matcher = bounded.matcher;
      } else matcher = null;
      this.byDirectory.set(dir, matcher);
    }
    return matcher;
  }
}
