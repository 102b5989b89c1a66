import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, runJson } from "./helpers/cli.js";
import { git, tempDir, tempRepo, write } from "./helpers/repo.js";
import { fakeHfToken } from "./helpers/tokens.js";

const token = fakeHfToken(31);
const leak = `t = "${token}"\n`;

function files(args: string[], cwd: string): string[] {
  return runJson(args, { cwd }).report.findings.map((f) => f.file);
}

describe("paths given on the command line, outside git", () => {
  it("scans single files, several files, absolute paths and .env", () => {
    const dir = tempDir();
    write(dir, { "app.py": leak, "lib/util.py": leak, "clean.py": "x = 1\n", ".env": `HF_TOKEN=${token}\n` });
    const single = runJson(["app.py"], { cwd: dir });
    expect([single.code, single.stderr]).toEqual([1, ""]);
    expect(single.report.findings.map((f) => f.file)).toEqual(["app.py"]);
    expect(single.report.summary.files).toBe(1);
    expect(files(["app.py", "lib/util.py", "clean.py"], dir)).toEqual(["app.py", "lib/util.py"]);
    expect(files([join(dir, "lib", "util.py")], dir)).toEqual(["lib/util.py"]);
    const env = runJson([".env"], { cwd: dir }).report.findings;
    expect(env.map((f) => [f.file, f.ruleId])).toEqual([[".env", "env-file-not-ignored"], [".env", "hf-token"]]);
    // A file named on the command line is read even when a .gitignore covers it; only its content is at fault.
    write(dir, { ".gitignore": ".env\n" });
    expect(runJson([".env"], { cwd: dir }).report.findings.map((f) => f.ruleId)).toEqual(["hf-token"]);
    expect(files([], dir)).toEqual(["app.py", "lib/util.py"]);
  });

  it("reports paths relative to the current directory, and reads the config there, whatever the arguments", () => {
    const dir = tempDir();
    write(dir, {
      "src/b.py": leak,
      "lib/c.py": leak,
      "src/hf-lint.config.json": '{"ignores":["**"]}',
      "hf-lint.config.json": '{"ignores":["lib/skip/**"]}',
      "lib/skip/d.py": leak,
    });
    expect(files(["src"], dir)).toEqual(["src/b.py"]);
    expect(files(["src", "lib"], dir)).toEqual(["lib/c.py", "src/b.py"]);
    expect(files(["lib/c.py", "src/b.py"], dir)).toEqual(["lib/c.py", "src/b.py"]);
    expect(files(["lib", "lib/c.py"], dir)).toEqual(["lib/c.py"]); // overlapping arguments: once
    expect(files(["../src/b.py", "."], join(dir, "lib"))).toEqual(["../src/b.py", "c.py", "skip/d.py"]);
    const stylish = runCli(["src"], { cwd: dir }).stdout;
    expect(stylish).toMatch(/^src\/b\.py$/m);
  });

  it("skips node_modules and .git directories, as ESLint does", () => {
    const dir = tempDir();
    write(dir, {
      "node_modules/pkg/index.js": leak,
      "packages/a/node_modules/dep/x.js": leak,
      // Below the root: a .git at or above it that git cannot read stops the scan (issue 11.2).
      "packages/b/.git/config": leak,
      "packages/a/index.js": leak,
    });
    expect(files([], dir)).toEqual(["packages/a/index.js"]);
    expect(files(["packages"], dir)).toEqual(["packages/a/index.js"]);
    // Named explicitly, a file there is still read.
    expect(files(["node_modules/pkg/index.js"], dir)).toEqual(["node_modules/pkg/index.js"]);
  });
});

describe("paths in a repository", () => {
  it("says so when a file named is one git ignores, instead of passing over it in silence", () => {
    const repo = tempRepo();
    write(repo, { ".gitignore": "*.log\n", "debug.log": leak, "app.py": leak });
    const { code, stderr, report } = runJson(["debug.log", "app.py"], { cwd: repo });
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.file)).toEqual(["app.py"]);
    expect(stderr).toBe("hf-lint: warning: debug.log is not scanned: git ignores it, so it would not be committed\n");
  });
});

describe("paths in a repository, from a subdirectory", () => {
  it("prints them relative to the current directory, and keeps JSON's file relative to the root", () => {
    const repo = tempRepo();
    write(repo, { "a/one.py": leak, "b/two.py": leak });
    const cwd = join(repo, "b");
    expect(runCli(["-f", "compact"], { cwd }).stdout).toMatch(/^\.\.\/a\/one\.py:1:6 .*\ntwo\.py:1:6 /);
    expect(runCli([], { cwd }).stdout).toMatch(/^\.\.\/a\/one\.py\n[^]*^two\.py$/m);
    expect(files([], cwd)).toEqual(["a/one.py", "b/two.py"]);
    expect(runCli(["-f", "github"], { cwd }).stdout).toContain("::error file=b/two.py,");
    // What --stdin-filename names is shown as given.
    expect(runCli(["--stdin", "--stdin-filename", "x.py", "-f", "compact"], { cwd, input: leak }).stdout).toMatch(/^x\.py:1:6 /);
  });
});

describe("the library API", () => {
  it("reads a file named outside a linked scan directory where the caller named it", async () => {
    const { scan } = await import("../dist/src/index.js");
    const root = tempDir();
    write(root, { "elsewhere/d/keep.txt": "x\n", "a/x.py": leak });
    symlinkSync(join(root, "elsewhere", "d"), join(root, "a", "dirlink"));
    const report = await scan({ cwd: join(root, "a", "dirlink"), paths: [join(root, "a", "x.py")] });
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["../x.py", 1]]);
  });

  it("rejects a missing cwd with UsageError instead of reporting it clean", async () => {
    const { scan, UsageError } = await import("../dist/src/index.js");
    await expect(scan({ cwd: join(tempDir(), "missing") })).rejects.toBeInstanceOf(UsageError);
    await expect(scan({ cwd: join(tempDir(), "missing") })).rejects.toThrow(/^options\.cwd is not a directory: \//);
  });

  it("names options as properties, not as command-line flags", async () => {
    const { scan } = await import("../dist/src/index.js");
    const repo = tempRepo();
    const refusals: [Parameters<typeof scan>[0], RegExp][] = [
      [{ cwd: tempDir(), history: true }, /^options\.history needs a git repository: \/.* is not inside one$/],
      [{ cwd: tempDir(), staged: true }, /^options\.staged needs a git repository/],
      [{ cwd: repo, range: "" }, /^options\.range needs a revision range/],
      [{ cwd: repo, since: "" }, /^options\.since needs a date$/],
      [{ cwd: repo, allLines: true }, /^options\.allLines needs options\.staged$/],
      [{ cwd: repo, stdin: { content: "x" }, paths: ["a"] }, /^options\.stdin cannot be combined with options\.paths$/],
      [{ cwd: repo, history: true, staged: true }, /^options\.history cannot be combined with options\.staged or options\.stdin$/],
    ];
    for (const [options, message] of refusals) await expect(scan(options)).rejects.toThrow(message);
    // The CLI says the same with its flags.
    expect(runCli(["--all-lines"], { cwd: repo }).stderr).toBe("hf-lint: --all-lines needs --staged\n");
    expect(runCli(["--history"], { cwd: tempDir() }).stderr).toMatch(/^hf-lint: --history needs a git repository/);
  });
});

describe("a dotenv file git ignores but commits anyway", () => {
  it("says it was force-added and to run git rm --cached, when staged and when tracked", () => {
    const repo = tempRepo();
    write(repo, { ".gitignore": ".env\n", ".env": "A=1\n", "app/.env.local": "B=1\n" });
    git(repo, "add", ".gitignore", "app/.env.local");
    git(repo, "add", "-f", ".env");
    const staged = runJson(["--staged"], { cwd: repo }).report.findings;
    expect(staged.map((f) => f.file)).toEqual([".env", "app/.env.local"]);
    expect(staged[0]?.message).toMatch(/\.env is staged for commit although \.gitignore already ignores it/);
    expect(staged[0]?.message).toContain("git rm --cached -- .env");
    expect(staged[0]?.message).not.toMatch(/add `\.env` to/i);
    expect(staged[1]?.message).toContain("add `.env.local` to .gitignore"); // not ignored: the usual advice
    const tracked = runJson([], { cwd: repo }).report.findings;
    expect(tracked[0]?.message).toMatch(/\.env is tracked by git although \.gitignore already ignores it/);
    expect(tracked[0]?.message).toContain("git rm --cached -- .env");
    git(repo, "rm", "-q", "--cached", ".env");
    expect(runJson([], { cwd: repo }).report.findings.map((f) => f.file)).toEqual(["app/.env.local"]);
  });
});

describe("reports written with -o", () => {
  it("are not reported by the next run, in any format, but a full token in one still is", () => {
    const repo = tempRepo();
    write(repo, { "train.py": leak, "run.sh": "export HUGGINGFACE_TOKEN=$X\n" }); // hf-lint-disable-line legacy-token-env
    const formats = ["json", "sarif", "stylish", "compact", "github"];
    for (const format of formats) expect(runCli(["-f", format, "-o", `reports/out.${format}`], { cwd: repo }).code).toBe(1);
    for (const format of formats) expect(runCli(["-f", format, "-o", `reports/out.${format}`], { cwd: repo }).code).toBe(1);
    const next = runJson([], { cwd: repo }).report;
    expect(next.summary.files).toBe(2 + formats.length);
    expect(next.findings.map((f) => f.file)).toEqual(["run.sh", "train.py"]);
    // Written with --show-secrets, the report holds the token itself: a leak like any other.
    runCli(["-f", "sarif", "--show-secrets", "-o", "reports/out.sarif"], { cwd: repo });
    expect(files([], repo)).toContain("reports/out.sarif");
    // Looking like a report hides nothing but the quoted messages.
    write(repo, { "fake.json": `{\n  "version": 1,\n  "findings": [\n${leak}` });
    expect(files(["fake.json"], repo)).toEqual(["fake.json"]);
  });
});
