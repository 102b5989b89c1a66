import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, runJson } from "./helpers/cli.js";
import { commitAll, git, tempDir, tempRepo, write } from "./helpers/repo.js";
import { fakeHfToken } from "./helpers/tokens.js";

const token = fakeHfToken(21);
const other = fakeHfToken(22);

function expectNoRawSecret(...outputs: string[]): void {
  for (const output of outputs) {
    expect(output).not.toContain(token);
    expect(output).not.toContain(other);
  }
}

describe("scanning a git work tree", () => {
  it("reports tracked and untracked files, honoring every ignore source", () => {
    const repo = tempRepo();
    const excludesDir = tempDir();
    write(excludesDir, { "global-excludes": "globally-excluded.txt\n" });
    write(repo, {
      "train.py": `from huggingface_hub import login\nlogin(token="${token}")\n`,
      "notes/ignored-here.txt": other,
      "notes/.gitignore": "ignored-here.txt\n",
      "excluded.txt": other,
      "globally-excluded.txt": other,
    });
    write(repo, { ".git/info/exclude": "excluded.txt\n" });
    git(repo, "config", "core.excludesFile", join(excludesDir, "global-excludes"));
    git(repo, "add", "train.py");
    write(repo, { "untracked.sh": `export HF_TOKEN=${other}\n` });

    const { code, report, stderr } = runJson([], { cwd: repo });
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.ruleId, f.line, f.column])).toEqual([
      ["train.py", "hf-token", 2, 14],
      ["untracked.sh", "hf-token", 1, 17],
    ]);
    expect(report.findings[0]).toMatchObject({ severity: "error", endLine: 2, endColumn: 14 + token.length });
    expect(report.findings[0]?.message).toContain("https://huggingface.co/settings/tokens");
    expect(report.summary).toMatchObject({ errors: 2, warnings: 0 });
    expectNoRawSecret(JSON.stringify(report), stderr);
  });

  it("skips files deleted from the work tree, and handles odd file names", () => {
    const repo = tempRepo();
    write(repo, { "gone.txt": token, "with space/naïve ünïcode.py": `t = "${other}"`, 'quo"te.txt': "x" });
    commitAll(repo);
    git(repo, "rm", "-q", "--cached", "--", "gone.txt");
    const { report } = runJson([], { cwd: repo });
    expect(report.findings.map((f) => f.file)).toEqual(["gone.txt", "with space/naïve ünïcode.py"]);
    write(repo, { "gone.txt": "" });
    commitAll(repo);
    git(repo, "rm", "-q", "--", "gone.txt");
    expect(runJson([], { cwd: repo }).report.findings.map((f) => f.file)).toEqual(["with space/naïve ünïcode.py"]);
  });

  it("narrows to the paths given, from any directory", () => {
    const repo = tempRepo();
    write(repo, { "a/one.txt": token, "b/two.txt": other });
    expect(runJson(["a"], { cwd: repo }).report.findings.map((f) => f.file)).toEqual(["a/one.txt"]);
    expect(runJson(["two.txt"], { cwd: join(repo, "b") }).report.findings.map((f) => f.file)).toEqual(["b/two.txt"]);
    expect(runJson([join(repo, "a")], { cwd: tempDir() }).report.findings.map((f) => f.file)).toEqual(["a/one.txt"]);
  });

  it("reports dotenv files git would commit, and token cache files", () => {
    const repo = tempRepo();
    write(repo, {
      ".env.production": "X=1\n",
      ".env.example": "HF_TOKEN=\n",
      ".env/bin/activate": "# a virtualenv named .env\n",
      "service/.env": "A=1\n",
      "hf_home/token": `${token}\n`,
    });
    git(repo, "add", "service/.env");
    const { report } = runJson([], { cwd: repo });
    const fileFindings = report.findings.filter((f) => f.line === null);
    expect(fileFindings.map((f) => [f.file, f.ruleId])).toEqual([
      [".env.production", "env-file-not-ignored"],
      ["hf_home/token", "hf-token-file"],
      ["service/.env", "env-file-not-ignored"],
    ]);
    expect(fileFindings[0]?.message).toContain("git add -A");
    expect(fileFindings[2]?.message).toContain("git rm --cached -- service/.env");
    write(repo, { ".gitignore": ".env*\n!.env.example\nhf_home/\n" });
    git(repo, "rm", "-q", "--cached", "service/.env");
    expect(runJson([], { cwd: repo }).report.findings).toEqual([]);
  });

  it("skips binary and oversized files, counts them, and does not follow links out of the root", () => {
    const repo = tempRepo();
    const outside = tempDir();
    write(outside, { "secret.txt": token });
    write(repo, { "model.bin": Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(token)]), "big.txt": `${"x".repeat(2000)}\n${token}` });
    symlinkSync(join(outside, "secret.txt"), join(repo, "link.txt"));
    const { report } = runJson(["--max-file-size", "1KiB"], { cwd: repo });
    expect(report.findings).toEqual([]);
    expect(report.summary.skipped).toEqual({ tooLarge: 1, binary: 1, unreadable: 0 });
    expect(runJson([], { cwd: repo }).report.findings.map((f) => f.file)).toEqual(["big.txt"]);
  });

  it("does not descend into submodules", () => {
    const sub = tempRepo();
    write(sub, { "leak.txt": token });
    commitAll(sub);
    const repo = tempRepo();
    write(repo, { "a.txt": "clean\n" });
    commitAll(repo);
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", sub, "vendor/sub");
    const { code, report } = runJson([], { cwd: repo });
    expect(code).toBe(0);
    expect(report.summary.files).toBe(2); // a.txt and .gitmodules
  });
});

describe("large repositories", () => {
  it("splits the work across threads with the same result as one thread", () => {
    const repo = tempRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 5200; i++) files[`d${i % 50}/f${i}.py`] = i % 1000 === 3 ? `t = "${fakeHfToken(i)}"\n` : `x = ${i}\n`;
    write(repo, files);
    git(repo, "add", "-A");
    const whole = runJson([], { cwd: repo }).report; // 5,200 files: two worker threads
    const first = runJson(["d3"], { cwd: repo }).report; // 104 files: this thread
    expect(whole.summary.files).toBe(5200);
    const planted = [0, 1, 2, 3, 4, 5].map((k) => `d3/f${k * 1000 + 3}.py`).sort();
    expect(whole.findings.map((f) => f.file)).toEqual(planted);
    expect(first.findings).toEqual(whole.findings);
  });
});

describe("outside git", () => {
  it("walks the directory honoring .gitignore files at every depth", () => {
    const dir = tempDir();
    write(dir, {
      ".gitignore": "build/\n",
      "build/out.js": token,
      "src/.gitignore": "*.log\n",
      "src/debug.log": token,
      "src/app.js": `const t = "${other}";`,
      ".env": "A=1\n",
    });
    const { report } = runJson([], { cwd: dir });
    expect(report.findings.map((f) => [f.file, f.ruleId])).toEqual([
      [".env", "env-file-not-ignored"],
      ["src/app.js", "hf-token"],
    ]);
    expect(report.findings[0]?.message).toContain("not covered by any .gitignore");
  });
});

describe("command line", () => {
  it("scans standard input under the given name", () => {
    const { code, report } = runJson(["--stdin", "--stdin-filename", "cell.py"], { cwd: tempDir(), input: `t = "${token}"\n` });
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: "cell.py", line: 1, column: 6 });
  });

  it("prints stylish output without secrets, and a summary", () => {
    const repo = tempRepo();
    write(repo, { "a.py": `login(token="${token}")\nos.environ["HUGGINGFACE_TOKEN"]\n` }); // hf-lint-disable-line legacy-token-env
    const { code, stdout, stderr } = runCli([], { cwd: repo });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^a\.py$/m);
    expect(stdout).toMatch(/^ {2}1:14 +error +Hugging Face access token .* hf-token$/m);
    expect(stdout).toContain("✖ 2 problems (1 error, 1 warning)");
    expect(stdout).not.toContain("\u001b[");
    expectNoRawSecret(stdout, stderr);
    expect(runCli(["--color"], { cwd: repo }).stdout).toContain("\u001b[");
    expect(runCli(["--show-secrets"], { cwd: repo }).stdout).toContain(token);
  });

  it("applies --quiet and --max-warnings to output and exit code", () => {
    const repo = tempRepo();
    write(repo, { "run.sh": "export HUGGINGFACE_TOKEN=$X\n" }); // hf-lint-disable-line legacy-token-env
    expect(runCli([], { cwd: repo }).code).toBe(0);
    expect(runCli(["--max-warnings", "0"], { cwd: repo }).code).toBe(1);
    expect(runCli(["--max-warnings", "1"], { cwd: repo }).code).toBe(0);
    expect(runJson(["--quiet", "--max-warnings", "0"], { cwd: repo })).toMatchObject({ code: 0, report: { findings: [] } });
  });

  it("writes the report to --output-file", () => {
    const repo = tempRepo();
    write(repo, { "a.txt": token });
    const { code, stdout } = runCli(["-f", "json", "-o", "out/report.json"], { cwd: repo });
    expect([code, stdout]).toEqual([1, ""]);
    const report = JSON.parse(readFileSync(join(repo, "out/report.json"), "utf8"));
    expect(report.findings[0].secret).not.toContain(token);
    // A command refused for its options writes nothing, not even an empty report.
    expect(runCli(["-o", "refused/report.json", "--all-lines"], { cwd: repo }).code).toBe(2);
    expect(existsSync(join(repo, "refused"))).toBe(false);
  });

  it("reads the config file and the package.json key", () => {
    const repo = tempRepo();
    write(repo, { "run.sh": "export HUGGINGFACE_TOKEN=$X\n", "hf-lint.config.json": '{"rules":{"legacy-token-env":"error"}}' }); // hf-lint-disable-line legacy-token-env
    expect(runCli([], { cwd: repo }).code).toBe(1);
    const other = tempRepo();
    write(other, { "a.txt": token, "package.json": '{"name":"x","hf-lint":{"ignores":["*.txt"]}}' });
    expect(runCli([], { cwd: other }).code).toBe(0);
    write(other, { ".hflintignore": "" , "package.json": '{"name":"x"}' });
    expect(runCli([], { cwd: other }).code).toBe(1);
    write(other, { ".hflintignore": "a.txt\n" });
    expect(runCli([], { cwd: other }).code).toBe(0);
  });

  it.each([
    [["--bogus"], /unknown option '--bogus'/],
    [["missing/path"], /no such file or directory: missing\/path/],
    [["--format", "xml"], /unknown format "xml"; available: .*json.*stylish/],
    [["--max-warnings", "many"], /expected a whole number/],
    [["--config", "nope.json"], /config file not found: nope.json/],
    [["--stdin", "a.txt"], /--stdin cannot be combined with paths/],
  ])("exits 2 with one line for %j", (args, pattern) => {
    const repo = tempRepo();
    write(repo, { "a.txt": "x" });
    const { code, stdout, stderr } = runCli(args, { cwd: repo });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(pattern);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("names the file and key of a broken config", () => {
    const repo = tempRepo();
    write(repo, { "hf-lint.config.json": '{"rules":{"hf-token":"loud"}}' });
    const { code, stderr } = runCli([], { cwd: repo });
    expect(code).toBe(2);
    expect(stderr).toBe('hf-lint: hf-lint.config.json: invalid config at "rules.hf-token": must be "off", "warn" or "error"\n');
    write(repo, { "hf-lint.config.json": "{oops" });
    expect(runCli([], { cwd: repo }).stderr).toMatch(/^hf-lint: hf-lint.config.json: invalid JSON/);
  });

  it("prints its version and help", () => {
    const version = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
    expect(runCli(["--version"], { cwd: tempDir() })).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = runCli(["--help"], { cwd: tempDir() });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("hardcoded-token-argument");
  });
});

describe("formats that users paste tokens into", () => {
  it("finds tokens in notebooks, URLs, YAML, Dockerfiles and Kubernetes Secrets", () => {
    const repo = tempRepo();
    mkdirSync(join(repo, "k8s"));
    write(repo, {
      "demo.ipynb": JSON.stringify({ cells: [{ source: [`token = "${token}"\n`], outputs: [{ text: [`ok\n${other}\n`] }] }], nbformat: 4 }),
      "clone.sh": `git clone https://user:${token}@huggingface.co/org/model\n`,
      "Dockerfile": `FROM python:3.12\nENV HF_TOKEN=${other}\n`,
      "k8s/secret.yaml": `kind: Secret\ndata:\n  HF_TOKEN: ${Buffer.from(token).toString("base64")}\n`,
    });
    const { report } = runJson([], { cwd: repo });
    expect(report.findings.map((f) => [f.file, f.ruleId, f.line])).toEqual([
      ["Dockerfile", "hf-token", 2],
      ["clone.sh", "hf-token", 1],
      ["demo.ipynb", "hf-token", 1],
      ["demo.ipynb", "hf-token", 1],
      ["k8s/secret.yaml", "hf-token", 3],
    ]);
  });
});
