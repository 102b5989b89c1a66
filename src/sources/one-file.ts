import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
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
const statuses = new Map<string, { status: FileStatus | "ignored"; at: number }>();

/**
 * `tracked`, `untracked` (git add -A would take it) or `ignored`, as the work tree scan decides.
 * A file not on disk (an unsaved buffer) is asked of `git check-ignore`. When git cannot answer,
 * the file counts as untracked: reporting too much beats passing a secret over.
 */
export function workTreeStatus(root: string, path: string): FileStatus | "ignored" {
  const key = join(root, path);
  const cached = statuses.get(key);
  if (cached && Date.now() - cached.at < STATUS_TTL_MS) return cached.status;
  const status = askGit(root, path);
  statuses.set(key, { status, at: Date.now() });
  return status;
}

function askGit(root: string, path: string): FileStatus | "ignored" {
  const listed = run(root, ["ls-files", "-z", "--cached", "--others", "-t", "--exclude-standard", ...literalPathspecs([path])]);
  if (listed.status !== 0) return "untracked";
  if (listed.stdout !== "") return listed.stdout.startsWith("?") ? "untracked" : "tracked";
  if (existsSync(join(root, path))) return "ignored";
  return run(root, ["check-ignore", "-q", "--", path]).status === 0 ? "ignored" : "untracked";
}
