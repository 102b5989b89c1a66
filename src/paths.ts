import { join, relative, sep } from "node:path";

/** A native path with POSIX separators, as reports and git write paths. */
export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

/** A report path (relative to the root) as seen from `cwd`: what a user can open or paste there. */
export function fromCwd(root: string, cwd: string, file: string): string {
  return toPosix(relative(cwd, join(root, file)));
}
