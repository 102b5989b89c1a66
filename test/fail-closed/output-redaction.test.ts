/**
 * No raw token in any output, by construction: whatever message carries one (a finding, a config
 * error, git's stderr, an echoed argument, a --fix preview) reaches the terminal or a file masked,
 * unless --show-secrets. File names cannot break lines or drive the terminal.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { commitAll, tempDir, tempRepo, write } from "../helpers/repo.js";
import { fakeHfToken, fakeOrgToken } from "../helpers/tokens.js";

const token = fakeHfToken(4101);
const orgToken = fakeOrgToken(4102);
const AUTH_ARG = ["use", "auth", "token"].join("_");

/** Neither the token nor a piece of its body long enough to matter appears. */
function expectNoToken(text: string, secret = token): void {
  expect(text).not.toContain(secret);
  expect(text).not.toContain(secret.slice(-12));
}

function repoWithCommit(): string {
  const repo = tempRepo();
  write(repo, { "a.txt": "nothing here\n" });
  commitAll(repo);
  return repo;
}

describe("errors and messages never echo a token", () => {
  const cases: [string, (repo: string) => string[]][] = [
    ["a path argument", () => [token]],
    ["a -c argument", () => ["-c", token]],
    ["a --baseline argument", () => ["--baseline", `${token}.json`]],
    ["a -f argument", () => ["-f", token]],
    ["an unknown option", () => [`--${token}`]],
    ["a --range that git refuses", () => ["--range", `${token}..HEAD`]],
    ["an org token in -c", () => ["-c", orgToken]],
  ];
  it.each(cases)("%s: exit 2, the token masked on stderr", (_name, args) => {
    const repo = repoWithCommit();
    const { code, stdout, stderr } = runCli(args(repo), { cwd: repo });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^hf-lint: /);
    expectNoToken(stdout + stderr);
    expectNoToken(stdout + stderr, orgToken);
  });

  it("a token as a config key, value or rule id", () => {
    const repo = repoWithCommit();
    for (const config of [{ rules: { [token]: "error" } }, { rules: { "hf-token": token } }, { ignores: token }]) {
      write(repo, { "hf-lint.config.json": JSON.stringify(config) });
      const { code, stderr } = runCli([], { cwd: repo });
      expect(code).toBe(2);
      expectNoToken(stderr);
    }
  });

  it("a JSON syntax error next to a token shows no part of it", () => {
    const repo = repoWithCommit();
    write(repo, { "hf-lint.config.json": `{"rules": {"hf-token": ${token}}}` });
    const { code, stderr } = runCli([], { cwd: repo });
    expect(code).toBe(2);
    expect(stderr).toContain("invalid JSON");
    expect(stderr).not.toContain(token.slice(0, 8));
  });

  it("--fix-dry-run previews the changed line with the token masked", () => {
    const repo = tempRepo();
    write(repo, { "train.py": `m = AutoModel.from_pretrained(name, ${AUTH_ARG}="${token}")\n` });
    const { stderr } = runCli(["--fix-dry-run", "-f", "json"], { cwd: repo });
    expect(stderr).toContain("token=");
    expectNoToken(stderr);
  });

  it("--show-secrets shows what is masked otherwise", () => {
    const repo = repoWithCommit();
    expect(runCli(["-c", token, "--show-secrets"], { cwd: repo }).stderr).toContain(token);
  });

  it("the report file is masked too", () => {
    const repo = tempRepo();
    write(repo, { [`notes/${token}.txt`]: "nothing here\n", "b.py": `t = "${token}"\n` });
    const { code } = runCli(["-f", "json", "-o", "out/report.json"], { cwd: repo });
    expect(code).toBe(1);
    expectNoToken(readFileSync(join(repo, "out/report.json"), "utf8"));
  });
});

describe("file names on a terminal", () => {
  it("control characters and newlines in a name are escaped in stylish and compact output", () => {
    const repo = tempRepo();
    write(repo, { "evil\nname\u001b[2J.py": `t = "${token}"\n` });
    for (const format of ["stylish", "compact"]) {
      const { code, stdout } = runCli(["-f", format], { cwd: repo });
      expect(code).toBe(1);
      expect(stdout).toContain("evil\\nname\\x1b[2J.py");
      expect(stdout).not.toContain("\u001b");
    }
  });
});

describe("-o", () => {
  it("a path that cannot be created is exit 2 at once, not a spin", () => {
    const dir = tempDir();
    write(dir, { "a.txt": "x\n" });
    for (const target of ["/proc/self/x/report.json", "/proc/self/report.json", "a.txt/report.json", "."]) {
      const started = Date.now();
      const { code, stderr } = runCli(["-o", target], { cwd: dir, timeoutMs: 10_000 });
      expect(code, target).toBe(2);
      expect(stderr).toMatch(/^hf-lint: cannot write the report to /);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    expect(existsSync(join(dir, "report.json"))).toBe(false);
  });
});
