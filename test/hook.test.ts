import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI, runCli } from "./helpers/cli.js";
import { GIT_ENV, commitAll, git, tempDir, tempRepo, write } from "./helpers/repo.js";
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

/** hf-lint as a project installs it (node_modules/.bin), kept out of the project's commits. */
function installLocally(repo: string): void {
  write(repo, { "node_modules/.bin/hf-lint": `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, ".git/info/exclude": "node_modules/\n" });
  spawnSync("chmod", ["+x", join(repo, "node_modules/.bin/hf-lint")]);
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

  it("respects core.hooksPath, and names no path of this machine in a hook that may be committed", () => {
    const repo = tempRepo();
    git(repo, "config", "core.hooksPath", "githooks");
    installLocally(repo);
    runCli(["install"], { cwd: repo });
    expect(readFileSync(join(repo, "githooks/pre-commit"), "utf8")).not.toContain(CLI);
    expectHookGuardsCommits(repo);
  });

  it("goes through husky when the repository uses it, keeping what is there", () => {
    const repo = tempRepo();
    write(repo, { "package.json": '{"name":"demo","devDependencies":{"husky":"^9"}}\n', ".husky/pre-commit": "echo existing step\n" });
    commitAll(repo);
    installLocally(repo);
    const husky = spawnSync(process.execPath, [HUSKY], { cwd: repo, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });
    expect(husky.status).toBe(0);
    expect(runCli(["install"], { cwd: repo }).stdout).toContain("(husky)");
    runCli(["install"], { cwd: repo });
    const hook = readFileSync(join(repo, ".husky/pre-commit"), "utf8");
    expect(hook.startsWith("echo existing step\n")).toBe(true);
    expect(hook.match(/hf_lint --staged/g)).toHaveLength(1); // one block
    expect(hook).not.toContain(CLI); // .husky/ is committed: no path of this machine
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
    expect(readFileSync(join(repo, ".husky/pre-commit"), "utf8")).toContain("hf_lint --staged");
  });

  it("exits 2 with one line outside a repository", () => {
    const { code, stderr } = runCli(["install"], { cwd: "/" });
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});

/** A real `git push`; returns what the pusher sees. */
function push(repo: string, ...args: string[]) {
  const result = spawnSync("git", ["push", "-q", ...args], { cwd: repo, encoding: "utf8", env: { ...process.env, ...GIT_ENV, NO_COLOR: "1" } });
  return { code: result.status, output: result.stdout + result.stderr };
}

function repoWithRemote(): { repo: string; remote: string } {
  const repo = tempRepo();
  const remote = tempDir();
  git(remote, "init", "-q", "--bare");
  git(repo, "remote", "add", "origin", remote);
  return { repo, remote };
}

/** Pushes a clean root, then a token committed and removed again: the push carries it in its history. */
function expectPushGuarded(repo: string, remote: string): void {
  write(repo, { "README.md": "# demo\n" });
  commitAll(repo, "start");
  expect(push(repo, "origin", "main")).toMatchObject({ code: 0 });

  write(repo, { "notebook.py": `key = "${token}"\n` });
  commitAll(repo, "token");
  write(repo, { "notebook.py": "key = None\n" });
  commitAll(repo, "gone again");
  const refused = push(repo, "origin", "main");
  expect(refused.code).not.toBe(0);
  expect(refused.output).toContain("notebook.py");
  expect(refused.output).not.toContain(token);
  expect(git(remote, "log", "--format=%s", "main").trim()).toBe("start");

  // A new branch from a pushed base is scanned from that base; deleting a branch scans nothing.
  git(repo, "reset", "-q", "--hard", "HEAD~2");
  git(repo, "checkout", "-q", "-b", "topic");
  write(repo, { "ok.py": "x = 1\n" });
  commitAll(repo, "clean topic");
  expect(push(repo, "origin", "topic")).toMatchObject({ code: 0 });
  expect(push(repo, "origin", "--delete", "topic")).toMatchObject({ code: 0 });
}

describe("hf-lint install --pre-push", () => {
  it("refuses a push whose commits add a token, keeping a foreign pre-push hook and its input", () => {
    const { repo, remote } = repoWithRemote();
    write(repo, { ".git/hooks/pre-push": '#!/bin/sh\ncat > "$(dirname "$0")/../foreign-saw"\n' });
    spawnSync("chmod", ["+x", join(repo, ".git/hooks/pre-push")]);
    expect(runCli(["install", "--pre-push"], { cwd: repo })).toMatchObject({ code: 0, stdout: expect.stringContaining("pre-push hook") });
    expectPushGuarded(repo, remote);
    expect(readFileSync(join(repo, ".git/foreign-saw"), "utf8")).toContain("refs/heads/topic");

    expect(runCli(["uninstall"], { cwd: repo }).stdout).toContain("restored your previous pre-push hook");
    expect(readFileSync(join(repo, ".git/hooks/pre-push"), "utf8")).toContain("foreign-saw");
  });

  it("goes through husky, with no path of this machine", () => {
    const { repo, remote } = repoWithRemote();
    write(repo, { "package.json": '{"name":"demo","devDependencies":{"husky":"^9"}}\n' });
    installLocally(repo);
    expect(spawnSync(process.execPath, [HUSKY], { cwd: repo, env: { ...process.env, ...GIT_ENV } }).status).toBe(0);
    expect(runCli(["install", "--pre-push"], { cwd: repo }).stdout).toContain("(husky)");
    expect(runCli(["install"], { cwd: repo }).stdout).toContain("(husky)");
    const hook = readFileSync(join(repo, ".husky/pre-push"), "utf8");
    expect(hook).toContain("hf_lint --range");
    expect(hook).not.toContain(CLI);
    expectPushGuarded(repo, remote);

    expect(runCli(["uninstall"], { cwd: repo }).stdout.trim().split("\n")).toHaveLength(2);
    expect(existsSync(join(repo, ".husky/pre-push"))).toBe(false);
    expect(existsSync(join(repo, ".husky/pre-commit"))).toBe(false);
  });
});
