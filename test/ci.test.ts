import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { runCli, runJson } from "./helpers/cli.js";
import { GIT_ENV, commitAll, git, tempDir, tempRepo, write } from "./helpers/repo.js";
import { fakeHfToken } from "./helpers/tokens.js";

const token = fakeHfToken(51);
const other = fakeHfToken(52);

/** The official SARIF 2.1.0 schema (draft-04; one of its patterns is not valid with the u flag). */
const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(new URL("data/sarif-2.1.0.schema.json", import.meta.url), "utf8")));

function commitAt(repo: string, date: string, message: string): void {
  git(repo, "add", "-A");
  const env = { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  execFileSync("git", ["commit", "-q", "--no-verify", "-m", message], { cwd: repo, env });
}

describe("--format sarif", () => {
  it("validates against the SARIF 2.1.0 schema, with rules, fingerprints and redacted secrets", () => {
    const repo = tempRepo();
    write(repo, { "src/my app.py": `login(token="${token}")\n`, ".env": "A=1\n" });
    const { code, stdout } = runCli(["-f", "sarif"], { cwd: repo });
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain("hf-token");
    expect(run.tool.driver.rules.every((r: { helpUri: string }) => r.helpUri.startsWith("https://"))).toBe(true);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === "hf-token");
    expect(result.level).toBe("error");
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "src/my%20app.py", uriBaseId: "%SRCROOT%" },
      region: { startLine: 1, startColumn: 14, endLine: 1, endColumn: 14 + token.length },
    });
    expect(result.partialFingerprints["hfLint/v1"]).toMatch(/^[0-9a-f]{32}$/);
    const dotenv = run.results.find((r: { ruleId: string }) => r.ruleId === "env-file-not-ignored");
    expect(dotenv.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }); // GitHub places no result without one
    expect(stdout).not.toContain(token);
  });
});

describe("--format github", () => {
  it("writes one escaped workflow command per finding", () => {
    const repo = tempRepo();
    write(repo, { "a,b:c%.py": `t = "${token}"\n`, "run.sh": "export HUGGINGFACE_TOKEN=$X\n" }); // hf-lint-disable-line legacy-token-env
    const lines = runCli(["-f", "github"], { cwd: repo }).stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("::notice title=hf-lint::1 distinct secret to rotate");
    expect(lines[0]).toMatch(/^::error file=a%2Cb%3Ac%25\.py,line=1,col=6,endLine=1,endColumn=43,title=hf-lint hf-token::Hugging Face/);
    expect(lines[1]).toMatch(/^::warning file=run\.sh,line=1,col=8,.*::`HUGGINGFACE_TOKEN`/); // hf-lint-disable-line legacy-token-env
    expect(lines.join("\n")).not.toContain(token);
  });
});

describe("--history", () => {
  it("finds tokens that later commits removed, once, at the commit that added them", () => {
    const repo = tempRepo();
    write(repo, { "app.py": "x = 1\n" });
    commitAt(repo, "2024-01-01T00:00:00Z", "start");
    write(repo, { "app.py": `x = 1\ntoken = "${token}"\n`, ".env": "A=1\n" });
    commitAt(repo, "2024-02-01T00:00:00Z", "leak");
    const leak = git(repo, "rev-parse", "HEAD").trim();
    write(repo, { "app.py": "x = 1\n" });
    git(repo, "rm", "-q", "--cached", ".env");
    commitAt(repo, "2024-03-01T00:00:00Z", "remove");
    git(repo, "checkout", "-q", "-b", "feature");
    write(repo, { "lib/util.py": `a = 1\nb = 2\nT = "${other}"\n`, "app.py": `x = 1\ntoken = "${token}"\n` });
    commitAt(repo, "2024-04-01T00:00:00Z", "re-add on a branch");
    const readded = git(repo, "rev-parse", "HEAD").trim();

    // The work tree is clean of the first token's original commit, yet history has it.
    git(repo, "checkout", "-q", "main");
    expect(runJson([], { cwd: repo }).report.findings.filter((f) => f.ruleId === "hf-token")).toEqual([]);
    const onMain = runJson(["--history"], { cwd: repo });
    expect(onMain.code).toBe(1);
    expect(onMain.report.findings.map((f) => [f.ruleId, f.file, f.line, f.commit])).toEqual([
      ["env-file-not-ignored", ".env", null, leak],
      ["hf-token", "app.py", 2, leak],
    ]);
    expect(onMain.report.findings[1]).toMatchObject({ author: "Test <test@example.com>", date: "2024-02-01T00:00:00+00:00" });
    expect(onMain.report.findings[1]?.message).toContain("remains in the git history");

    git(repo, "checkout", "-q", "feature");
    const onFeature = runJson(["--history"], { cwd: repo }).report.findings;
    expect(onFeature.map((f) => [f.file, f.line, f.commit])).toEqual([
      [".env", null, leak],
      ["app.py", 2, leak], // the same token in the same file: reported where it first appeared
      ["lib/util.py", 3, readded],
    ]);
    expect(runJson(["--range", "main..feature"], { cwd: repo }).report.findings.map((f) => [f.file, f.commit])).toEqual([
      ["app.py", readded],
      ["lib/util.py", readded],
    ]);
    expect(runJson(["--since", "2024-03-15"], { cwd: repo }).report.findings.map((f) => f.file)).toEqual(["app.py", "lib/util.py"]);

    const sarif = JSON.parse(runCli(["--history", "-f", "sarif"], { cwd: repo }).stdout);
    expect(validateSarif(sarif)).toBe(true);
    expect(sarif.runs[0].results[1].properties).toMatchObject({ commit: leak, date: "2024-02-01T00:00:00+00:00" });
    const everything = runCli(["--history", "-f", "json"], { cwd: repo });
    expect(everything.stdout + everything.stderr).not.toContain(token);
  });

  it("reads paths as git writes them (spaces, quotes, a b/ folder), and empty and binary files", () => {
    const repo = tempRepo();
    git(repo, "config", "diff.noprefix", "true"); // a user setting that must not change what we parse
    write(repo, {
      "sub dir/my app.py": `x = 1\nt = "${token}"\n`,
      'q"a b.py': `t = "${other}"\n`, // quoted by git
      "b/x.py": `t = "${fakeHfToken(53)}"\n`,
      ".env": "", // an empty blob
    });
    writeFileSync(join(repo, ".env.local"), Buffer.from([0, 1, 2, 0x41, 0x3d, 0x31])); // binary
    commitAll(repo);
    const { report } = runJson(["--history"], { cwd: repo });
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ["env-file-not-ignored", ".env", null],
      ["env-file-not-ignored", ".env.local", null],
      ["hf-token", "b/x.py", 1],
      ["hf-token", 'q"a b.py', 1],
      ["hf-token", "sub dir/my app.py", 2],
    ]);
    // The same fingerprints as the work-tree scan, so one baseline serves both.
    const tree = runJson([], { cwd: repo }).report.findings.filter((f) => f.ruleId === "hf-token");
    expect(tree.map((f) => f.fingerprint).sort()).toEqual(
      report.findings.filter((f) => f.ruleId === "hf-token").map((f) => f.fingerprint).sort(),
    );
  });

  it("sees a token added while resolving a merge conflict, at the merge commit", () => {
    const repo = tempRepo();
    write(repo, { "app.py": "x = 1\n" });
    commitAt(repo, "2024-01-01T00:00:00Z", "start");
    git(repo, "checkout", "-q", "-b", "feature");
    write(repo, { "app.py": "x = 2\n", "lib.py": "y = 1\n" });
    commitAt(repo, "2024-02-01T00:00:00Z", "feature");
    git(repo, "checkout", "-q", "main");
    write(repo, { "app.py": "x = 3\n" });
    commitAt(repo, "2024-03-01T00:00:00Z", "main");
    try {
      git(repo, "merge", "-q", "feature");
    } catch {
      // the conflict in app.py, resolved below with a token in it
    }
    write(repo, { "app.py": `x = 4\ntoken = "${token}"\n` });
    git(repo, "add", "app.py");
    commitAt(repo, "2024-04-01T00:00:00Z", "merge feature");
    const merge = git(repo, "rev-parse", "HEAD").trim();
    const { report } = runJson(["--history"], { cwd: repo });
    expect(report.findings.map((f) => [f.file, f.line, f.commit])).toEqual([["app.py", 2, merge]]);
  });

  it("reports under --range only what the range added, not what its edits carried along", () => {
    const repo = tempRepo();
    write(repo, { "app.py": `old = "${token}"\n` });
    commitAt(repo, "2024-01-01T00:00:00Z", "accepted long ago");
    git(repo, "tag", "base");
    write(repo, { "app.py": `old = "${token}"\nx = 1\n` });
    commitAt(repo, "2024-02-01T00:00:00Z", "unrelated edit");
    write(repo, { "app.py": `old = "${token}"\nx = 1\nnew = "${other}"\n` });
    commitAt(repo, "2024-03-01T00:00:00Z", "new leak");
    const leak = git(repo, "rev-parse", "HEAD").trim();
    const inRange = runJson(["--range", "base..HEAD"], { cwd: repo }).report.findings;
    expect(inRange.map((f) => [f.file, f.line, f.commit])).toEqual([["app.py", 3, leak]]);
    expect(runJson(["--since", "2024-01-15"], { cwd: repo }).report.findings.map((f) => f.line)).toEqual([3]);
    expect(runJson(["--history"], { cwd: repo }).report.findings).toHaveLength(2);
  });

  it("under --range, does not blame a rename for the secrets it carried, and points at an added copy", () => {
    const repo = tempRepo();
    write(repo, { "r.py": `t = "${token}"\n`, "a.py": "x = 1\n\n\n\nold = \"" + other + "\"\n" });
    commitAt(repo, "2024-01-01T00:00:00Z", "accepted long ago");
    git(repo, "tag", "base");
    git(repo, "mv", "r.py", "s.py");
    write(repo, { "a.py": "copy = \"" + other + "\"\n\n\n\nold = \"" + other + "\"\n" });
    commitAt(repo, "2024-02-01T00:00:00Z", "rename, and a second copy above the first");
    const found = runJson(["--range", "base..HEAD"], { cwd: repo }).report.findings;
    expect(found.map((f) => [f.file, f.line])).toEqual([["a.py", 1]]);
  });

  it("warns when a parent version cannot be compared, and reports what the file holds", () => {
    const repo = tempRepo();
    write(repo, { "big.py": `t = "${token}"\n${"#".repeat(3000)}\n` });
    commitAt(repo, "2024-01-01T00:00:00Z", "large");
    git(repo, "tag", "base");
    write(repo, { "big.py": `t = "${token}"\n` });
    commitAt(repo, "2024-02-01T00:00:00Z", "smaller");
    const { report, stderr } = runJson(["--range", "base..HEAD", "--max-file-size", "2KiB"], { cwd: repo });
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["big.py", 1]]);
    expect(stderr).toMatch(/^hf-lint: warning: big\.py at [0-9a-f]{40} was not compared with its parent version/m);
  });

  it("refuses an empty --range or --since instead of scanning the work tree", () => {
    const repo = tempRepo();
    write(repo, { "a.txt": "x\n" });
    commitAll(repo);
    expect(runCli(["--range", ""], { cwd: repo })).toMatchObject({ code: 2, stderr: "hf-lint: --range needs a revision range such as origin/main..HEAD\n" });
    expect(runCli(["--since", ""], { cwd: repo })).toMatchObject({ code: 2, stderr: "hf-lint: --since needs a date\n" });
  });

  it("keeps non-ASCII paths whole across the chunks git writes them in", () => {
    const repo = tempRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`${"é".repeat(100)}${i}.py`] = `t = "${fakeHfToken(1000 + i)}"\n`;
    write(repo, files);
    commitAll(repo);
    const { report } = runJson(["--history"], { cwd: repo });
    expect(report.findings.map((f) => f.file).sort()).toEqual(Object.keys(files).sort());
  });

  it("exits 2 with one line when git cat-file fails on a long history, without hanging", () => {
    const repo = tempRepo();
    for (let commit = 0; commit < 12; commit++) {
      const files: Record<string, string> = {};
      for (let i = 0; i < 150; i++) files[`f${i}.txt`] = `${commit} ${i}\n`;
      write(repo, files);
      commitAll(repo);
    }
    // A git whose cat-file dies at once: 1,800 blob names then meet a closed pipe.
    const bin = tempDir();
    const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
    // (hf-lint puts -c settings before the command: look for it among the arguments)
    write(bin, { git: `#!/bin/sh\ncase " $* " in *" cat-file "*) echo "fatal: simulated" >&2; exit 128;; esac\nexec ${realGit} "$@"\n` });
    chmodSync(join(bin, "git"), 0o755);
    const { code, stderr } = runCli(["--history"], {
      cwd: repo,
      env: { PATH: `${bin}:${process.env["PATH"] ?? ""}` },
      timeoutMs: 20_000,
    });
    expect(stderr).toBe("hf-lint: git cat-file failed: fatal: simulated\n");
    expect(code).toBe(2);
  });

  it("refuses a --range that git would read as an option", () => {
    const repo = tempRepo();
    write(repo, { "a.txt": "x\n" });
    commitAll(repo);
    const { code, stderr } = runCli(["--range", "--output=/tmp/hf-lint-x"], { cwd: repo });
    expect(code).toBe(2);
    expect(stderr).toBe("hf-lint: --range takes a revision range such as origin/main..HEAD, not --output=/tmp/hf-lint-x\n");
  });

  it("warns about a blob the repository lacks and reads on", () => {
    const repo = tempRepo();
    write(repo, { "lost.py": "x = 1\n", "kept.py": `t = "${token}"\n` });
    commitAll(repo);
    const blob = git(repo, "rev-parse", "HEAD:lost.py").trim();
    rmSync(join(repo, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
    const { code, report, stderr } = runJson(["--history"], { cwd: repo });
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.file)).toEqual(["kept.py"]);
    expect(report.summary.skipped.unreadable).toBe(1);
    expect(stderr).toMatch(/^hf-lint: warning: cannot read lost\.py \(blob missing at [0-9a-f]{40}\)$/m);
  });

  it("skips files larger than --max-file-size, even a single overlong line, and reads on", () => {
    const repo = tempRepo();
    write(repo, {
      "big.txt": `${"x".repeat(3000)}\nt = "${token}"\n`,
      "minified.js": `${"y".repeat(1_200_000)}"${token}"\n`,
      "small.py": `t = "${other}"\n`,
    });
    commitAll(repo);
    const { report } = runJson(["--history", "--max-file-size", "2KiB"], { cwd: repo });
    expect(report.findings.map((f) => f.file)).toEqual(["small.py"]);
    expect(report.summary).toMatchObject({ files: 1, skipped: { tooLarge: 2 } });
  });

  it("exits 2 with one line for a bad range or outside git", () => {
    const repo = tempRepo();
    write(repo, { "a.txt": "x\n" });
    commitAll(repo);
    const bad = runCli(["--range", "nope..HEAD"], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^hf-lint: git log failed: fatal: bad revision 'nope\.\.HEAD'\n$/);
  });
});

describe("baseline", () => {
  it("accepts recorded findings after lines move, reports new ones, stores no secret", () => {
    const repo = tempRepo();
    write(repo, { "config.py": `OLD = "${token}"\n` });
    const recorded = runCli(["--write-baseline"], { cwd: repo });
    expect(recorded).toMatchObject({ code: 0, stderr: "hf-lint: recorded 1 finding in .hf-lint-baseline.json\n" });
    const baselineText = readFileSync(join(repo, ".hf-lint-baseline.json"), "utf8");
    expect(baselineText).not.toContain(token);
    expect(baselineText).not.toContain(token.slice(3, 20));
    expect(runJson(["--baseline", ".hf-lint-baseline.json"], { cwd: repo })).toMatchObject({ code: 0, report: { findings: [] } });

    write(repo, { "config.py": `import os\n\n# settings\nOLD = "${token}"\nNEW = "${other}"\n` });
    const after = runJson(["--baseline", ".hf-lint-baseline.json"], { cwd: repo });
    expect(after.code).toBe(1);
    expect(after.report.findings.map((f) => [f.file, f.line])).toEqual([["config.py", 5]]);
    expect(after.report.summary.errors).toBe(1);

    // Re-recording keeps the salt and prunes entries whose findings are gone.
    const salt = JSON.parse(baselineText).salt;
    write(repo, { "config.py": `NEW = "${other}"\n` });
    runCli(["--write-baseline"], { cwd: repo });
    const pruned = JSON.parse(readFileSync(join(repo, ".hf-lint-baseline.json"), "utf8"));
    expect(pruned.salt).toBe(salt);
    expect(pruned.entries).toHaveLength(1);
  });

  it("exits 2 for a missing or malformed baseline", () => {
    const repo = tempRepo();
    write(repo, { "bad.json": '{"version":2}' });
    expect(runCli(["--baseline", "missing.json"], { cwd: repo })).toMatchObject({ code: 2, stderr: "hf-lint: missing.json: cannot be read\n" });
    expect(runCli(["--baseline", "bad.json"], { cwd: repo }).stderr).toContain("not an hf-lint baseline");
  });
});
