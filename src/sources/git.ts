import { execFile } from "node:child_process";

export interface Git {
  /** Runs `git <args>` in the directory and resolves with its standard output. */
  raw(args: string[]): Promise<string>;
}

/**
 * Git plumbing through `execFile`: one process per call, no shell. (simple-git cost 21 ms of
 * start-up per run, a third of the pre-commit budget, for calls this thin.)
 */
export function git(dir: string): Git {
  return {
    raw: (args) =>
      new Promise((resolve, reject) => {
        // core.quotePath=false keeps non-ASCII names as they are; -z output is never quoted anyway.
        execFile(
          "git",
          ["-c", "core.quotePath=false", ...args],
          { cwd: dir, encoding: "utf8", maxBuffer: 1024 * 1024 * 1024 },
          (error, stdout, stderr) => {
            if (error) reject(new Error(`git ${args[0]} failed: ${stderr.trim().split("\n")[0] || error.message}`));
            else resolve(stdout);
          },
        );
      }),
  };
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
