import { simpleGit, type SimpleGit } from "simple-git";

export function git(dir: string): SimpleGit {
  // core.quotePath=false keeps non-ASCII names as they are; -z output is never quoted anyway.
  return simpleGit({ baseDir: dir, config: ["core.quotePath=false"] });
}

/** The work tree root containing `dir`, or null outside a repository (or without git). */
export async function findRepositoryRoot(dir: string): Promise<string | null> {
  try {
    const top = (await git(dir).revparse(["--show-toplevel"])).trim();
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
