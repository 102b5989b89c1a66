import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runJson } from "./helpers/cli.js";
import { GIT_ENV, git, tempRepo } from "./helpers/repo.js";
import { fakeHfToken } from "./helpers/tokens.js";

const kept = fakeHfToken(71);
const removed = fakeHfToken(72);
const inBinary = fakeHfToken(73);
const COMMITS = 400;

/**
 * 400 commits, each rewriting two of 50 files (800 versions: more than a scan reads before
 * worker threads join in). Newest first, the old commits come last, in the workers' batches:
 * commit 5 adds a token that every later version of a.py keeps, commit 50 adds one that commit
 * 60 removes, commit 70 writes one into a binary file.
 */
function longHistory(): { repo: string; commit: (n: number) => string } {
  const repo = tempRepo();
  const stream: string[] = [];
  const data = (text: string | Buffer): string => `data ${Buffer.byteLength(text)}\n${text}`;
  for (let c = 1; c <= COMMITS; c++) {
    stream.push("commit refs/heads/main", `mark :${c}`, `committer Test <test@example.com> ${1767225600 + c * 60} +0000`, data(`change ${c}`));
    const tail = c >= 5 ? `TOKEN = "${kept}"\n` : "";
    stream.push("M 100644 inline a.py", data(`version = ${c}\n${tail}`));
    const other = `src/m${c % 49}.py`;
    stream.push(`M 100644 inline ${other}`, data(c >= 50 && c < 60 && c % 49 === 50 % 49 ? `T = "${removed}"\n` : `x = ${c}\n`));
    if (c === 50) stream.push("M 100644 inline b.py", data(`T = "${removed}"\n`));
    if (c === 60) stream.push("M 100644 inline b.py", data("T = None\n"));
    if (c === 70) stream.push("M 100644 inline model.bin", data(`\0\0binary${inBinary}`));
  }
  const result = spawnSync("git", ["fast-import", "--quiet"], { cwd: repo, env: { ...process.env, ...GIT_ENV }, input: stream.join("\n") });
  if (result.status !== 0) throw new Error(`git fast-import failed: ${result.stderr}`);
  git(repo, "checkout", "-q", "-f", "main");
  return { repo, commit: (n) => git(repo, "rev-parse", `HEAD~${COMMITS - n}`).trim() };
}

describe("--history over a long history (shared with worker threads)", () => {
  it("reports each secret once, at the commit that added it, and counts every version", () => {
    const { repo, commit } = longHistory();
    const { code, report } = runJson(["--history"], { cwd: repo });
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.line, f.commit, f.otherLocations?.map((l) => [l.file, l.commit])])).toEqual([
      ["a.py", 2, commit(5), undefined],
      ["b.py", 1, commit(50), [["src/m1.py", commit(50)]]],
    ]);
    // a.py and one other file per commit, b.py twice; the binary file is passed over, not scanned.
    expect(report.summary.files).toBe(2 * COMMITS + 2);
    expect(report.summary.skipped.binary).toBe(1);
    expect(report.summary.distinctSecrets).toBe(2);
  });

  it("reports in a range only what its commits added", () => {
    const { repo, commit } = longHistory();
    const { code, report } = runJson(["--range", `${commit(40)}..HEAD`], { cwd: repo });
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.commit, f.otherLocations?.map((l) => l.file)])).toEqual([["b.py", commit(50), ["src/m1.py"]]]);
  });
});
