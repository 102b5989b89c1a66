import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { GIT_ENV, commitAll, git, tempRepo, write } from "./helpers/repo.js";
import { fakeHfToken } from "./helpers/tokens.js";

const token = fakeHfToken(41);
const HUSKY = fileURLToPath(new URL("../node_modules/husky/bin.js", import.meta.url));

/** A real `git commit`, hooks included; returns what the committer sees. */
function commit(repo: string, ...args: string[]) {
  const result = spawnSync("git", ["commit", "-q", "-m", "change", ...args], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, ...GIT_ENV, NO_COLOR: "1" },
  });
  return { code: result.status, output: result.stdout + result.stderr };
}

/** The scenario from the guide: a token in code is refused; the same token in a git-ignored .env is fine. */
function expectHookGuardsCommits(repo: string): void {
  write(repo, { "train.py": `from huggingface_hub import login\nlogin(token="${token}")\n` });
  git(repo, "add", "train.py");
  const refused = commit(repo);
  expect(refused.code).not.toBe(0);
  expect(refused.output).toContain("train.py:2:14");
  expect(refused.output).toContain("hf-lint stopped this commit");
  expect(refused.output).not.toContain(token);
  expect(git(repo, "diff", "--cached", "--name-only").trim()).toBe("train.py");

  write(repo, {
    "train.py": "from huggingface_hub import login\nlogin()  # reads HF_TOKEN\n",
    ".env": `HF_TOKEN=${token}\n`,
    ".gitignore": ".env\n",
  });
  git(repo, "add", "-A");
  expect(commit(repo)).toMatchObject({ code: 0 });
  const committed = git(repo, "show", "--name-only", "--format=", "HEAD").trim().split("\n");
  expect(committed).toEqual(expect.arrayContaining([".gitignore", "train.py"]));
  expect(committed).not.toContain(".env");

  write(repo, { "leak.txt": `${token}\n` });
  git(repo, "add", "leak.txt");
  expect(commit(repo).code).not.toBe(0);
  expect(commit(repo, "--no-verify").code).toBe(0);
}

describe("hf-lint install", () => {
  it("writes a plain pre-commit hook, chaining a foreign hook, and uninstalls exactly", () => {
    const repo = tempRepo();
    write(repo, { ".git/hooks/pre-commit": "#!/bin/sh\necho foreign hook ran\n" });
    spawnSync("chmod", ["+x", join(repo, ".git/hooks/pre-commit")]);
    const installed = runCli(["install"], { cwd: repo });
    expect(installed).toMatchObject({ code: 0, stdout: expect.stringContaining("your existing hook now runs first") });
    expect(runCli(["install"], { cwd: repo }).stdout).toContain("already installed");

    expectHookGuardsCommits(repo);
    write(repo, { "ok.txt": "fine\n" });
    git(repo, "add", "ok.txt");
    expect(commit(repo).output).toContain("foreign hook ran");

    expect(runCli(["uninstall"], { cwd: repo }).stdout).toContain("restored your previous pre-commit hook");
    expect(readFileSync(join(repo, ".git/hooks/pre-commit"), "utf8")).toBe("#!/bin/sh\necho foreign hook ran\n");
    expect(existsSync(join(repo, ".git/hooks/pre-commit.hf-lint-previous"))).toBe(false);
  });

  it("respects core.hooksPath", () => {
    const repo = tempRepo();
    git(repo, "config", "core.hooksPath", "githooks");
    runCli(["install"], { cwd: repo });
    expect(existsSync(join(repo, "githooks/pre-commit"))).toBe(true);
    expectHookGuardsCommits(repo);
  });

  it("goes through husky when the repository uses it, keeping what is there", () => {
    const repo = tempRepo();
    write(repo, { "package.json": '{"name":"demo","devDependencies":{"husky":"^9"}}\n', ".husky/pre-commit": "echo existing step\n" });
    commitAll(repo);
    const husky = spawnSync(process.execPath, [HUSKY], { cwd: repo, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });
    expect(husky.status).toBe(0);
    expect(runCli(["install"], { cwd: repo }).stdout).toContain("(husky)");
    runCli(["install"], { cwd: repo });
    const hook = readFileSync(join(repo, ".husky/pre-commit"), "utf8");
    expect(hook.startsWith("echo existing step\n")).toBe(true);
    expect(hook.match(/hf-lint --staged/g)).toHaveLength(2); // one block: the project's bin or the one on PATH
    expect(existsSync(join(repo, ".git/hooks/pre-commit"))).toBe(false);

    expectHookGuardsCommits(repo);

    expect(runCli(["uninstall"], { cwd: repo }).stdout).toContain("removed hf-lint from");
    expect(readFileSync(join(repo, ".husky/pre-commit"), "utf8")).toBe("echo existing step\n");
  });

  it("says when husky is declared but not active in the clone", () => {
    const repo = tempRepo();
    write(repo, { "package.json": '{"devDependencies":{"husky":"^9"}}\n' });
    const { code, stdout } = runCli(["install"], { cwd: repo });
    expect(code).toBe(0);
    expect(stdout).toContain("husky is not active in this clone yet: run `npx husky`");
    expect(readFileSync(join(repo, ".husky/pre-commit"), "utf8")).toContain("hf-lint --staged");
  });

  it("exits 2 with one line outside a repository", () => {
    const { code, stderr } = runCli(["install"], { cwd: "/" });
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});
