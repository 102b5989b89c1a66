import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { delimiter, dirname, isAbsolute, join, resolve } from "node:path";
import { UsageError } from "../errors.js";

/**
 * Every git call goes through this file, with these settings first: a repository under scan
 * may be untrusted (a pull request in CI), and the user's own config must not change what our
 * parsers read. No hook or helper program runs (fsmonitor, signature checks), and output
 * keeps one fixed shape (no colour, fixed prefixes, root commits shown).
 */
const OVERRIDES = [
  "core.fsmonitor=false",
  "core.quotePath=false",
  "color.ui=false",
  "diff.noprefix=false",
  "diff.mnemonicPrefix=false",
  "diff.suppressBlankEmpty=false",
  "diff.relative=false",
  "log.showSignature=false",
  "log.showRoot=true",
].flatMap((setting) => ["-c", setting]);

/** Flags for commands that compare trees: no external diff, no textconv, never "Binary files differ". */
export const SAFE_DIFF_FLAGS = ["--no-color", "--no-ext-diff", "--no-textconv"];

export interface Git {
  /** Runs `git <args>` in the directory and resolves with its standard output. */
  raw(args: string[]): Promise<string>;
  /** The same, as bytes: file names need not be valid UTF-8. */
  bytes(args: string[]): Promise<Buffer>;
}

/** The error a failed git call turns into: git's first line, or why git could not start. */
function gitFailure(args: string[], stderr: string, error: { code?: unknown; message: string } | null, code?: number | null): UsageError {
  if (error?.code === "ENOENT") return new UsageError("git is not installed or not on PATH");
  const first = stderr.trim().split("\n")[0] || error?.message || `exit ${code}`;
  return new UsageError(`git ${args[0]} failed: ${first}`);
}

/**
 * Git plumbing through `execFile`: one process per call, no shell. (simple-git cost 21 ms of
 * start-up per run, a third of the pre-commit budget, for calls this thin.)
 */
export function git(dir: string): Git {
  const call = <T extends string | Buffer>(args: string[], encoding: "utf8" | "buffer"): Promise<T> =>
    new Promise((resolve, reject) => {
      execFile(
        "git",
        [...OVERRIDES, ...args],
        { cwd: dir, encoding, maxBuffer: 1024 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) reject(gitFailure(args, stderr.toString(), error));
          else resolve(stdout as T);
        },
      );
    });
  return { raw: (args) => call<string>(args, "utf8"), bytes: (args) => call<Buffer>(args, "buffer") };
}

export interface Running {
  child: ChildProcess;
  /** Resolves when the process exited with 0; else rejects with a one-line UsageError. */
  succeeded(what: string): Promise<void>;
}

/** A git call as `spawnGit` makes it. */
export interface GitCall {
  args: string[];
  stdin?: "ignore" | "pipe";
}

/** Calls started ahead by `startEarly`, by directory and call, each for the first `spawnGit` that makes it. */
const early = new Map<string, Running>();
const earlyKey = (dir: string, { args, stdin = "ignore" }: GitCall): string => JSON.stringify([dir, stdin, args]);

/**
 * Starts calls that a scan is about to make from `dir` before rev-parse has said that `dir` is
 * the root they need (the hook and CI run from it): waiting for rev-parse cost ~5 ms of a hook's
 * ~45. They are the very calls `spawnGit` would make, only sooner; the function returned ends
 * those that no `spawnGit` took (another root, or rev-parse failed).
 */
export function startEarly(dir: string, calls: GitCall[]): () => void {
  const started: [string, Running][] = [];
  for (const call of calls) {
    const key = earlyKey(dir, call);
    if (early.has(key)) continue; // a concurrent scan's: as good
    const running = launch(dir, call.args, call.stdin ?? "ignore");
    running.child.stdin?.on("error", () => {}); // ended unclaimed
    // Node throws away the output of a child that exits before anyone listens: a listener keeps it.
    running.child.stdout?.on("readable", () => {});
    early.set(key, running);
    started.push([key, running]);
  }
  return () => {
    for (const [key, running] of started) {
      if (early.get(key) !== running) continue;
      early.delete(key);
      running.child.kill();
    }
  };
}

/** A long-running git call whose output is read as a stream (large histories, large changes). */
export function spawnGit(root: string, args: string[], stdin: "ignore" | "pipe" = "ignore"): Running {
  const key = earlyKey(root, { args, stdin });
  const started = early.get(key);
  if (started) {
    early.delete(key);
    return started;
  }
  return launch(root, args, stdin);
}

function launch(root: string, args: string[], stdin: "ignore" | "pipe"): Running {
  const child = spawn("git", [...OVERRIDES, ...args], { cwd: root, stdio: [stdin, "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  let spawnError: NodeJS.ErrnoException | null = null;
  const exited = new Promise<number | null>((resolve) => {
    child.on("close", resolve);
    child.on("error", (error) => {
      spawnError = error;
      resolve(null);
    });
  });
  return {
    child,
    async succeeded(what) {
      const code = await exited;
      if (code !== 0) {
        const failure = gitFailure(args, stderr, spawnError, code);
        throw new UsageError(failure.message.replace(`git ${args[0]}`, what));
      }
    },
  };
}

/** `-z` output split into records; the trailing NUL leaves no empty record. */
export function splitNul(output: string): string[] {
  const records = output.split("\0");
  if (records.at(-1) === "") records.pop();
  return records;
}

/** Paths as git pathspecs that match literally (no glob magic in odd file names). */
export function literalPathspecs(paths: string[]): string[] {
  return ["--", ...paths.map((path) => (path === "" ? "." : `:(literal)${path}`))];
}

export interface Repository {
  /** The work tree root. */
  root: string;
  /** A shallow clone: its history stops at the commits fetched. */
  shallow: boolean;
}

/**
 * The repository containing `dir`, or null when there is none: no `.git` here or above. When
 * there is one and git cannot read it (dubious ownership, a damaged `.git`, no git installed),
 * the scan stops: read as a plain folder, tracked files that .gitignore matches would be missed.
 */
export async function findRepository(dir: string): Promise<Repository | null> {
  let failure: UsageError;
  try {
    const [root = "", shallow] = (await git(dir).raw(["rev-parse", "--show-toplevel", "--is-shallow-repository"])).split("\n");
    if (root) return { root, shallow: shallow === "true" };
    failure = new UsageError("git rev-parse found no work tree");
  } catch (error) {
    failure = error as UsageError;
  }
  const marked = process.env["GIT_DIR"] ?? findGitEntry(dir);
  if (marked === null) return null;
  const reason = failure.message.replace(/^git rev-parse failed: /, "");
  const advice = /dubious ownership/.test(reason)
    ? "if you trust this repository, mark it safe with: git config --global --add safe.directory <its path>"
    : /not installed/.test(reason)
      ? "install git, or put it on PATH"
      : "repair it (git status shows what git thinks), or scan a copy without its .git";
  throw new UsageError(`git cannot read the repository at ${marked} (${reason}): nothing was scanned; ${advice}`);
}

/**
 * The nearest directory at or above `dir` that holds a `.git` (a directory or a worktree's file),
 * searched as git searches: never up into a directory of GIT_CEILING_DIRECTORIES.
 */
function findGitEntry(dir: string): string | null {
  // git compares physical paths (links resolved), as a list in the PATH format.
  const ceilings = new Set((process.env["GIT_CEILING_DIRECTORIES"] ?? "").split(delimiter).filter(isAbsolute).map(physical));
  for (let current = physical(dir); ; current = dirname(current)) {
    if (existsSync(join(current, ".git"))) return current;
    if (dirname(current) === current || ceilings.has(dirname(current))) return null;
  }
}

/** The path with its links resolved, or as written when it does not exist. */
function physical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
