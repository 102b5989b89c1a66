import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import fg from "fast-glob";
import ignore, { type Ignore } from "ignore";
import type { DiskListing } from "./types.js";

/**
 * Outside git: every file below the root, minus what the .gitignore files at any depth
 * ignore (each applies to its own directory, as in git). Symbolic links are not followed.
 */
export async function listDirectory(root: string, pathspecs: string[]): Promise<DiskListing> {
  const whole = pathspecs.length === 0 || pathspecs.includes("");
  const files = await glob(root, whole ? ["**"] : pathspecs.flatMap(specPatterns));
  // A narrowed walk still needs every .gitignore that applies to it.
  const gitignores = (whole ? files : await glob(root, ["**/.gitignore"])).filter(
    (path) => posix.basename(path) === ".gitignore",
  );
  const matchers = gitignoreMatchers(root, gitignores);
  const entries = files
    .filter((path) => !isIgnored(path, matchers))
    .sort()
    .map((path) => ({ path, status: "unversioned" as const }));
  return { root, entries };
}

function glob(root: string, patterns: string[]): Promise<string[]> {
  return fg(patterns, { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, ignore: ["**/.git/**"] });
}

/** A path argument is a file or a directory; fast-glob needs escaped literal names. */
function specPatterns(spec: string): string[] {
  const literal = fg.escapePath(spec);
  return [literal, `${literal}/**`];
}

function gitignoreMatchers(root: string, gitignores: string[]): Map<string, Ignore> {
  const matchers = new Map<string, Ignore>();
  for (const file of gitignores) {
    const dir = posix.dirname(file);
    matchers.set(dir === "." ? "" : dir, ignore().add(readFileSync(join(root, file), "utf8")));
  }
  return matchers;
}

function isIgnored(path: string, matchers: Map<string, Ignore>): boolean {
  for (const [dir, matcher] of matchers) {
    if (dir === "") {
      if (matcher.ignores(path)) return true;
    } else if (path.startsWith(`${dir}/`) && matcher.ignores(path.slice(dir.length + 1))) return true;
  }
  return false;
}
