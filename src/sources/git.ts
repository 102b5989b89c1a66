import { execFile, spawn, type ChildProcess } from "node:child_process";
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

/** A long-running git call whose output is read as a stream (large histories, large changes). */
export function spawnGit(root: string, args: string[], stdin: "ignore" | "pipe" = "ignore"): Running {
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

/** The work tree root containing `dir`, or null outside a repository (or without git). */
export async function findRepositoryRoot(dir: string): Promise<string | null> {
  try {
    const top = (await git(dir).raw(["rev-parse", "--show-toplevel"])).trim();
    return top || null;
  } catch {
    return null;
  }
}
