/**
 * Fault injection, git side: repository states and user settings under which hf-lint once said
 * "clean" (or crashed) while a token was there. Every such report becomes a case here.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, runJson } from "../helpers/cli.js";
import { commitAll, git, tempDir, tempRepo, write } from "../helpers/repo.js";
import { fakeHfToken } from "../helpers/tokens.js";

const token = fakeHfToken(1101);

/** [file, line] of each finding of `hf-lint --staged` (plus the exit code). */
function stagedFindings(repo: string, ...args: string[]) {
  const { code, report, stderr } = runJson(["--staged", ...args], { cwd: repo });
  return { code, stderr, found: report.findings.map((f) => [f.file, f.line]) };
}

/** Two committed files, `a.txt` then `b.txt`, and a submodule source repository. */
function repoWithTwoFiles(): string {
  const repo = tempRepo();
  write(repo, { "a.txt": "one\n", "b.txt": "two\n\n\nthree\n" });
  commitAll(repo);
  return repo;
}

function subRepo(): string {
  const sub = tempRepo();
  write(sub, { "x.txt": "1\n" });
  commitAll(sub);
  return sub;
}

const submoduleAdd = (repo: string, sub: string, path: string) =>
  git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", sub, path);

describe("--staged keeps every file on its own text (issue 11.1)", () => {
  it("a file replaced by a symbolic link does not shift later files", () => {
    const repo = repoWithTwoFiles();
    rmSync(join(repo, "a.txt"));
    symlinkSync("b.txt", join(repo, "a.txt"));
    write(repo, { "b.txt": `two\n\n\nthree\nt = "${token}"\n` });
    git(repo, "add", "-A");
    expect(stagedFindings(repo)).toMatchObject({ code: 1, found: [["b.txt", 5]] });
  });

  it("a symbolic link replaced by a file is scanned whole", () => {
    const repo = tempRepo();
    symlinkSync("target", join(repo, "a.txt"));
    write(repo, { "b.txt": "two\n" });
    commitAll(repo);
    rmSync(join(repo, "a.txt"));
    write(repo, { "a.txt": `t = "${token}"\n`, "b.txt": `two\nt = "${token}"\n` });
    git(repo, "add", "-A");
    expect(stagedFindings(repo)).toMatchObject({ code: 1, found: [["a.txt", 1], ["b.txt", 2]] });
  });

  it("a file replaced by a submodule does not shift later files", () => {
    const repo = repoWithTwoFiles();
    git(repo, "rm", "-q", "a.txt");
    submoduleAdd(repo, subRepo(), "a.txt");
    write(repo, { "b.txt": `two\n\n\nthree\nt = "${token}"\n` });
    git(repo, "add", "-A");
    expect(stagedFindings(repo)).toMatchObject({ code: 1, found: [["b.txt", 5]] });
  });

  for (const format of ["log", "diff"]) {
    it(`a changed submodule under diff.submodule=${format} does not shift later files`, () => {
      const repo = tempRepo();
      const sub = subRepo();
      submoduleAdd(repo, sub, "a-sub");
      write(repo, { "b.txt": "two\n" });
      commitAll(repo);
      write(sub, { "x.txt": "2\n", "y.txt": "3\n" }); // two inner sections under diff.submodule=diff
      commitAll(sub, "second");
      git(join(repo, "a-sub"), "-c", "protocol.file.allow=always", "pull", "-q", "origin", "main");
      git(repo, "config", "diff.submodule", format);
      write(repo, { "b.txt": `two\nt = "${token}"\n` });
      git(repo, "add", "-A");
      expect(stagedFindings(repo)).toMatchObject({ code: 1, found: [["b.txt", 2]] });
    });
  }

  it("an unmerged path during a conflict does not shift later files", () => {
    const repo = repoWithTwoFiles();
    git(repo, "checkout", "-q", "-b", "side");
    write(repo, { "a.txt": "side\n" });
    commitAll(repo);
    git(repo, "checkout", "-q", "main");
    write(repo, { "a.txt": "main\n" });
    commitAll(repo);
    try {
      git(repo, "merge", "-q", "side");
    } catch {
      // the conflict is the point
    }
    write(repo, { "b.txt": `two\n\n\nthree\nt = "${token}"\n` });
    git(repo, "add", "b.txt");
    expect(stagedFindings(repo)).toMatchObject({ code: 1, found: [["b.txt", 5]] });
  });

  it("user diff settings change nothing (line numbers included)", () => {
    const repo = repoWithTwoFiles();
    const settings = {
      "diff.suppressBlankEmpty": "true",
      "diff.noprefix": "true",
      "diff.mnemonicPrefix": "true",
      "diff.interHunkContext": "10",
      "diff.context": "5",
      "diff.renames": "copies",
      "diff.orderFile": "order.txt",
      "color.ui": "always",
      "color.diff": "always",
    };
    for (const [key, value] of Object.entries(settings)) git(repo, "config", key, value);
    write(repo, { "order.txt": "b.txt\na.txt\n", "a.txt": "one\nchanged\n", "b.txt": `two\n\n\nthree\nt = "${token}"\n` });
    git(repo, "add", "-A");
    expect(stagedFindings(repo)).toMatchObject({ code: 1, found: [["b.txt", 5]] });
  });

  it("a text file that .gitattributes marks binary is still scanned", () => {
    const repo = repoWithTwoFiles();
    write(repo, { ".gitattributes": "*.txt binary\n", "b.txt": `two\n\n\nthree\nt = "${token}"\n` });
    git(repo, "add", "-A");
    expect(stagedFindings(repo)).toMatchObject({ code: 1, found: [["b.txt", 5]] });
  });
});

describe("--staged fails closed on size (issue 11.4, staged part)", () => {
  it("scans a staged text file over --max-file-size instead of passing it", () => {
    const repo = tempRepo();
    const cell = `{"cell_type": "code", "source": ["x = 1\\n"]},\n`;
    const filler = cell.repeat(Math.ceil((11 * 1024 * 1024) / cell.length));
    write(repo, { "big.ipynb": `${filler}"${token}"\n`, "small.bin": Buffer.from([0, 1, 2]) });
    git(repo, "add", "-A");
    const { code, found } = stagedFindings(repo);
    expect(code).toBe(1);
    expect(found).toEqual([["big.ipynb", filler.split("\n").length]]);
  });
});

/** A repository whose only token is in a tracked file that .gitignore matches (force-added). */
function repoWithForceAddedSecret(): string {
  const repo = tempRepo();
  write(repo, { ".gitignore": "secrets/\n", "secrets/key.txt": `t = "${token}"\n` });
  git(repo, "add", "-f", ".gitignore", "secrets/key.txt");
  git(repo, "commit", "-q", "-m", "c");
  return repo;
}

describe("a repository git refuses is not a plain folder (issue 11.2)", () => {
  const cases: [string, (repo: string) => Record<string, string>, RegExp][] = [
    ["dubious ownership", () => ({ GIT_TEST_ASSUME_DIFFERENT_OWNER: "1" }), /dubious ownership.*safe\.directory/],
    ["a corrupt .git/HEAD", (repo) => (writeFileSync(join(repo, ".git/HEAD"), "garbage\n"), {}), /not a git repository.*repair/],
    ["no git on PATH", () => ({ PATH: tempDir() }), /git is not installed or not on PATH/],
  ];
  for (const [name, breakIt, message] of cases) {
    it(`${name}: exit 2 with git's reason, nothing scanned`, () => {
      const repo = repoWithForceAddedSecret();
      const env = breakIt(repo);
      const runs: [string, string[]][] = [[repo, []], [repo, ["secrets"]], [join(repo, "secrets"), []], [repo, ["--history"]]];
      for (const [cwd, args] of runs) {
        const { code, stdout, stderr } = runCli(args, { cwd, env });
        expect([code, stdout]).toEqual([2, ""]);
        expect(stderr).toMatch(/^hf-lint: git cannot read the repository at \S+ \(/);
        expect(stderr).toMatch(message);
        expect(stderr.split("\n")).toHaveLength(2); // one line
      }
    });
  }
});

describe("a repository git does not look for is not ours to read either", () => {
  it("a .git above GIT_CEILING_DIRECTORIES: the folder is scanned as git sees it, outside any repository", () => {
    const outer = tempRepo();
    write(outer, { "sub/app.py": `t = "${token}"\n` });
    const env = { GIT_CEILING_DIRECTORIES: outer };
    const { code, report } = runJson([], { cwd: join(outer, "sub"), env });
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.file)).toEqual(["app.py"]);
    // Below a ceiling, the repository itself is still found.
    expect(runJson([], { cwd: outer, env }).report.findings.map((f) => f.file)).toEqual(["sub/app.py"]);
  });
});

describe("an untrusted repository runs no code, and its settings hide nothing (issue 11.5)", () => {
  it("core.fsmonitor, diff.external and textconv never run", () => {
    const repo = repoWithTwoFiles();
    const marker = join(tempDir(), "ran");
    const script = join(tempDir(), "evil.sh");
    writeFileSync(script, `#!/bin/sh\necho "$0 $*" >> ${marker}\ncat "$2" 2>/dev/null\n`);
    chmodSync(script, 0o755);
    git(repo, "config", "core.fsmonitor", script);
    git(repo, "config", "diff.external", script);
    git(repo, "config", "diff.evil.textconv", script);
    write(repo, { ".gitattributes": "*.txt diff=evil\n", "b.txt": `two\nt = "${token}"\n` });
    git(repo, "add", "-A");
    // The test's own git calls run the monitor: only hf-lint's are watched.
    const ranDuring = (run: () => unknown): string | false => {
      rmSync(marker, { force: true });
      run();
      return existsSync(marker) && readFileSync(marker, "utf8");
    };
    expect(ranDuring(() => expect(stagedFindings(repo)).toMatchObject({ code: 1, found: [["b.txt", 2]] }))).toBe(false);
    commitAll(repo);
    expect(ranDuring(() => expect(runCli([], { cwd: repo }).code).toBe(1))).toBe(false);
    expect(ranDuring(() => expect(runCli(["--history"], { cwd: repo }).code).toBe(1))).toBe(false);
  });

  it("log.showRoot=false does not hide the first commit from --history", () => {
    const repo = tempRepo();
    write(repo, { "a.txt": `t = "${token}"\n` });
    commitAll(repo);
    git(repo, "config", "log.showRoot", "false");
    const { code, report } = runJson(["--history"], { cwd: repo });
    expect([code, report.findings.map((f) => f.file)]).toEqual([1, ["a.txt"]]);
  });
});

describe("--history says what it could not see (issue 11.6)", () => {
  it("warns that a shallow clone's history is truncated", async () => {
    const origin = tempRepo();
    for (const n of [1, 2, 3]) {
      write(origin, { "a.txt": `${n}\n` });
      commitAll(origin);
    }
    const clone = join(tempDir(), "clone");
    git(origin, "clone", "-q", "--depth", "1", `file://${origin}`, clone);
    const { code, stderr } = runCli(["--history"], { cwd: clone });
    expect(code).toBe(0);
    expect(stderr).toMatch(/^hf-lint: warning: this is a shallow clone: --history sees only .*git fetch --unshallow/m);
    expect(runCli(["--history"], { cwd: origin }).stderr).toBe("");
    // The library names its option as a program writes it.
    const warnings: string[] = [];
    const { scan } = await import("../../dist/src/index.js");
    await scan({ cwd: clone, history: true, onWarning: (warning: string) => warnings.push(warning) });
    expect(warnings).toEqual([expect.stringMatching(/^this is a shallow clone: options\.history sees only /)]);
  });

  it("refuses a --since that git cannot read as a date", () => {
    const repo = repoWithTwoFiles();
    expect(runCli(["--since", "garbage"], { cwd: repo })).toMatchObject({
      code: 2,
      stdout: "",
      stderr: 'hf-lint: --since: git reads no date in "garbage" (try 2024-01-31 or "2 weeks ago")\n',
    });
    expect(runCli(["--since", "2 weeks ago"], { cwd: repo }).code).toBe(0);
  });

  it("says an unborn HEAD has no commits", () => {
    const { code, stderr } = runCli(["--history"], { cwd: tempRepo() });
    expect(code).toBe(2);
    expect(stderr).toBe("hf-lint: --history: this repository has no commits yet, so it has no history to scan\n");
  });
});

describe("file names that are not UTF-8 are scanned, and shown escaped (issue 11.3)", () => {
  it("in the work tree, the index and the history", () => {
    const repo = tempRepo();
    const name = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x78, 0x74]); // "café.txt" in Latin-1
    writeFileSync(Buffer.concat([Buffer.from(`${repo}/`), name]), `t = "${token}"\n`);
    const files = (...args: string[]) => runJson(args, { cwd: repo }).report.findings.map((f) => f.file);
    expect(files()).toEqual(["caf\\xE9.txt"]);
    git(repo, "add", "-A");
    expect(files("--staged")).toEqual(["caf\\xE9.txt"]);
    git(repo, "commit", "-q", "-m", "c");
    expect(files()).toEqual(["caf\\xE9.txt"]);
    expect(files("--history")).toEqual(["caf\\xE9.txt"]);
  });

  it("outside git, in a file or a directory name, beside a name that reads the same", () => {
    const dir = tempDir();
    const latin1 = (...bytes: number[]) => Buffer.from(bytes);
    const at = (...parts: Buffer[]) => Buffer.concat([Buffer.from(`${dir}/`), ...parts]);
    mkdirSync(at(latin1(0x64, 0xe9, 0x6a, 0xe0))); // "déjà" in Latin-1
    writeFileSync(at(latin1(0x64, 0xe9, 0x6a, 0xe0), Buffer.from("/"), latin1(0x63, 0x61, 0x66, 0xe9)), `t = "${token}"\n`);
    writeFileSync(at(latin1(0x61, 0xff)), `t = "${token}"\n`);
    writeFileSync(at(latin1(0x61, 0xfe)), `t = "${token}"\n`); // reads as "a\uFFFD" too
    const { report } = runJson([], { cwd: dir });
    expect(report.findings.map((f) => f.file)).toEqual(["a\\xFE", "a\\xFF", "d\\xE9j\\xE0/caf\\xE9"]);
    expect(report.summary.files).toBe(3);
  });
});

describe("an unexpected failure is exit 2 with one line, never 1 (issue 11.8)", () => {
  it("an exception thrown outside the scan's promise chain", () => {
    const repo = repoWithTwoFiles();
    // Thrown from a timer once the CLI is running, as a RangeError from a stream callback was.
    const inject = join(tempDir(), "inject.mjs");
    writeFileSync(
      inject,
      `const start = Date.now();
const poll = setInterval(() => {
  if (process.listenerCount("uncaughtException") === 0 && Date.now() - start < 5000) return;
  clearInterval(poll);
  throw new RangeError("Cannot create a string longer than 0x1fffffe8 characters");
}, 1);
`,
    );
    const { code, stdout, stderr } = runCli(["--staged"], { cwd: repo, env: { NODE_OPTIONS: `--import=${inject}` } });
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toBe("hf-lint: internal error: Cannot create a string longer than 0x1fffffe8 characters\n");
  });
});
