import { chmodSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { runCli, runJson } from "./helpers/cli.js";
import { commitAll, git, tempDir, tempRepo, write } from "./helpers/repo.js";
import { fakeHfToken } from "./helpers/tokens.js";

const token = fakeHfToken(31);
const old = fakeHfToken(32);

const staged = (repo: string, ...args: string[]) => runJson(["--staged", ...args], { cwd: repo });
const flagged = (repo: string, ...args: string[]) =>
  staged(repo, ...args).report.findings.map((f) => [f.file, f.ruleId, f.line]);

describe("hf-lint --staged", () => {
  it("reports what the commit contains, not what the work tree holds", () => {
    const repo = tempRepo();
    write(repo, { "a.py": `t = "${token}"\n` });
    git(repo, "add", "a.py");
    write(repo, { "a.py": "t = None\n" });
    expect(flagged(repo)).toEqual([["a.py", "hf-token", 1]]);

    git(repo, "add", "a.py");
    write(repo, { "a.py": `t = "${token}"\n` });
    expect(staged(repo)).toMatchObject({ code: 0, report: { findings: [] } });
  });

  it("works before the first commit and numbers lines in the staged version", () => {
    const repo = tempRepo();
    write(repo, { "a.txt": `one\r\ntwo\r\n${token}` });
    git(repo, "add", "a.txt");
    const { code, report } = staged(repo);
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: "a.txt", line: 3, column: 1, secret: expect.stringMatching(/…/) });
  });

  it("reports only added lines unless --all-lines", () => {
    const repo = tempRepo();
    write(repo, { "config.py": `OLD = "${old}"\nx = 1\n` });
    commitAll(repo);
    write(repo, { "config.py": `OLD = "${old}"\nx = 2\nNEW = "${token}"\n` });
    git(repo, "add", "config.py");
    expect(flagged(repo)).toEqual([["config.py", "hf-token", 3]]);
    expect(flagged(repo, "--all-lines")).toEqual([
      ["config.py", "hf-token", 1],
      ["config.py", "hf-token", 3],
    ]);
  });

  it("scans only the staged hunks of a partially staged file", () => {
    const repo = tempRepo();
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    write(repo, { "a.txt": `${lines.join("\n")}\n` });
    commitAll(repo);
    const changed = [...lines];
    changed[1] = "first hunk: clean";
    changed[18] = `second hunk: ${token}`;
    write(repo, { "a.txt": `${changed.join("\n")}\n` });
    const patch = git(repo, "diff", "-U0", "a.txt");
    const secondHunk = patch.indexOf("\n@@", patch.indexOf("\n@@") + 1);
    writeFileSync(join(repo, "first.patch"), patch.slice(0, secondHunk + 1)); // stage the first hunk only
    git(repo, "apply", "--cached", "--unidiff-zero", "first.patch");
    rmSync(join(repo, "first.patch"));
    expect(staged(repo).report.findings).toEqual([]);
    git(repo, "add", "a.txt");
    expect(flagged(repo)).toEqual([["a.txt", "hf-token", 19]]);
  });

  it("handles deletions, renames, copies, mode changes and binary files", () => {
    const repo = tempRepo();
    write(repo, { "old.py": `t = "${old}"\n`, "keep.py": `t = "${old}"\n`, "run.sh": "echo hi\n", ".env.example": "X=\n" });
    commitAll(repo);
    git(repo, "rm", "-q", "keep.py");
    git(repo, "mv", "old.py", "renamed.py");
    chmodSync(join(repo, "run.sh"), 0o755);
    write(repo, { "blob.bin": Buffer.concat([Buffer.from([0, 0, 1]), Buffer.from(token)]) });
    git(repo, "add", "-A");
    expect(staged(repo)).toMatchObject({ code: 0, report: { findings: [] } });
    // A renamed file's lines are all part of the commit when whole files are asked for.
    expect(flagged(repo, "--all-lines")).toEqual([["renamed.py", "hf-token", 1]]);
    // Renaming a template to a real dotenv file commits a dotenv file.
    git(repo, "mv", ".env.example", ".env");
    expect(flagged(repo)).toEqual([[".env", "env-file-not-ignored", null]]);
    expect(staged(repo).report.findings[0]?.message).toContain("git restore --staged -- .env");
  });

  it("keeps file names with spaces, quotes, non-ASCII and newlines exact", () => {
    const repo = tempRepo();
    const names = ["with space.txt", 'q"uote.txt', "naïve-ünïcode.txt", "new\nline.txt"];
    for (const name of names) write(repo, { [name]: `${token}\n` });
    git(repo, "add", "-A");
    expect(flagged(repo).map(([file]) => file)).toEqual([...names].sort());
  });

  it("reports staged token cache files", () => {
    const repo = tempRepo();
    write(repo, { ".cache/huggingface/token": `${token}\n` });
    git(repo, "add", "-A");
    expect(flagged(repo)).toEqual([
      [".cache/huggingface/token", "hf-token-file", null],
      [".cache/huggingface/token", "hf-token", 1],
    ]);
  });

  it("works during a merge and skips submodule pointer changes", () => {
    const repo = tempRepo();
    write(repo, { "a.txt": "base\n" });
    commitAll(repo);
    git(repo, "checkout", "-q", "-b", "feature");
    write(repo, { "b.txt": `${token}\n` });
    commitAll(repo);
    git(repo, "checkout", "-q", "main");
    write(repo, { "c.txt": "main\n" });
    commitAll(repo);
    git(repo, "merge", "--no-commit", "--no-ff", "-q", "feature");
    expect(flagged(repo)).toEqual([["b.txt", "hf-token", 1]]);
    git(repo, "merge", "--abort");

    const sub = tempRepo();
    write(sub, { "x.txt": "1\n" });
    commitAll(sub);
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", sub, "vendor/sub");
    commitAll(repo);
    write(sub, { "x.txt": `${token}\n` });
    commitAll(sub);
    git(join(repo, "vendor/sub"), "-c", "protocol.file.allow=always", "pull", "-q", "origin", "main");
    git(repo, "add", "vendor/sub");
    expect(staged(repo)).toMatchObject({ code: 0, report: { findings: [] } });
  });

  it("prints a concise, actionable message for the hook, without the token", () => {
    const repo = tempRepo();
    write(repo, { "app.py": `login(token="${token}")\n` });
    git(repo, "add", "-A");
    const { code, stdout, stderr } = runCli(["--staged"], { cwd: repo });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^app\.py:1:14 {2}error {2}hf-token {2}Hugging Face access token in plain text\. {2}\[hf_…?.*\]$/m);
    expect(stderr).toContain("git restore --staged -- <file>");
    expect(stderr).toContain("git commit --no-verify");
    expect(stderr).toContain("https://huggingface.co/settings/tokens");
    expect(stdout + stderr).not.toContain(token);
  });

  it("reads git's answers whenever they come, from the root or through a link to it", async () => {
    // From the root, git's calls start before rev-parse confirms it, and may end before they are read.
    const repo = tempRepo();
    write(repo, { "a.py": `t = "${token}"\n`, "b.py": `u = "${old}"\n` });
    git(repo, "add", "a.py");
    const link = join(tempDir(), "link");
    symlinkSync(repo, link);
    for (const cwd of [repo, link]) {
      expect(flagged(cwd)).toEqual([["a.py", "hf-token", 1]]);
      expect(runJson([], { cwd }).report.findings.map((f) => f.file)).toEqual(["a.py", "b.py"]);
      expect(runJson(["b.py"], { cwd }).report.findings.map((f) => f.file)).toEqual(["b.py"]);
      expect(flagged(cwd, "b.py")).toEqual([]);
    }
    // Two scans at once in one process each get every answer.
    const twice = await Promise.all([scan({ cwd: repo, staged: true }), scan({ cwd: repo, staged: true }), scan({ cwd: repo })]);
    expect(twice.map((report) => report.summary.files)).toEqual([1, 1, 2]);
  });

  it("exits 2 with one line outside a git repository", () => {
    const { code, stdout, stderr } = runCli(["--staged"], { cwd: tempDir() });
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toMatch(/^hf-lint: --staged needs a git repository: \/.* is not inside one\n$/);
  });
});
