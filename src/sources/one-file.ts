import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { isDotenvFile } from "../../rules/env-file-not-ignored.js";
import type { FileStatus } from "../../rules/types.js";
import { literalPathspecs } from "./git.js";

/**
 * What git thinks of one file, for callers that see files one at a time and synchronously
 * (the ESLint plugin, called by editors on every keystroke). The scan lists the whole tree
 * with one `git ls-files` call instead.
 */

const roots = new Map<string, string | null>();

/** The work tree containing `dir` (a `.git` directory or file above it), or null; cached per directory. */
export function workTreeOf(dir: string): string | null {
  const cached = roots.get(dir);
  if (cached !== undefined) return cached;
  const parent = dirname(dir);
  const root = existsSync(join(dir, ".git")) ? dir : parent === dir ? null : workTreeOf(parent);
  roots.set(dir, root);
  return root;
}

function run(root: string, args: string[]): { status: number; stdout: string } {
  try {
    return { status: 0, stdout: execFileSync("git", ["-c", "core.quotePath=false", ...args], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }) };
  } catch (error) {
    return { status: (error as { status?: number }).status ?? -1, stdout: "" };
  }
}

/**
 * How long an answer is reused: an editor re-lints a file on every pause in typing, and a git call
 * costs more than the analysis. A change to the index or a .gitignore shows within this time.
 */
const STATUS_TTL_MS = 2000;
const statuses = new Map<string, { state: WorkTreeState | null; at: number }>();

/** What git would do with a file: its status, and whether a .gitignore covers it all the same (force-added). */
export interface WorkTreeState {
  status: FileStatus;
  ignored: boolean;
}

/**
 * `tracked` or `untracked` (git add -A would take it), or null when git ignores the file, as the work tree scan decides.
 * A file not on disk (an unsaved buffer) is asked of `git check-ignore`. When git cannot answer,
 * the file counts as untracked: reporting too much beats passing a secret over.
 */
export function workTreeStatus(root: string, path: string): WorkTreeState | null {
  const key = join(root, path);
  const cached = statuses.get(key);
  if (cached && Date.now() - cached.at < STATUS_TTL_MS) return cached.state;
  const state = askGit(root, path);
  statuses.set(key, { state, at: Date.now() });
  return state;
}

const UNTRACKED: WorkTreeState = { status: "untracked", ignored: false };

function askGit(root: string, path: string): WorkTreeState | null {
  const listed = run(root, ["ls-files", "-z", "--cached", "--others", "-t", "--exclude-standard", ...literalPathspecs([path])]);
  if (listed.status !== 0) return UNTRACKED;
  if (listed.stdout.startsWith("?")) return UNTRACKED;
  if (listed.stdout !== "") {
    // In the index though a .gitignore covers it: the scan words a dotenv file's finding so (sources/force-added.ts).
    const ignored = isDotenvFile(path) && run(root, ["check-ignore", "--no-index", "-q", "--", path]).status === 0;
    return { status: "tracked", ignored };
  }
  if (existsSync(join(root, path))) return null;
  return run(root, ["check-ignore", "-q", "--", path]).status === 0 ? null : UNTRACKED;
}
