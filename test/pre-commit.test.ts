import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GIT_ENV, commitAll, git, tempDir, tempRepo, write } from "./helpers/repo.js";
import { OFFLINE_NPM, ROOT, makeRelease, type Release } from "./helpers/release.js";
import { fakeHfToken } from "./helpers/tokens.js";

// The real pre-commit framework (Debian's package, installed by .ci/run) installing the hook from a
// release tag of a clone of this repository, with npm offline: nothing comes from the network.
const token = fakeHfToken(121);
let release: Release;
let home: string;

beforeAll(() => {
  release = makeRelease();
  home = mkdtempSync(join(tmpdir(), "hf-lint-pre-commit-home-"));
}, 300_000);
afterAll(() => {
  release?.remove();
  if (home) rmSync(home, { recursive: true, force: true });
});

const env = () => ({ ...process.env, ...GIT_ENV, ...OFFLINE_NPM, PRE_COMMIT_HOME: home, NO_COLOR: "1" });

function run(cwd: string, command: string, ...args: string[]) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: env(), input: "" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const preCommitVersion = execFileSync("pre-commit", ["--version"], { encoding: "utf8" }).match(/(\d+)\.(\d+)/)!;
/** Stage names changed in pre-commit 3.2 (push → pre-push); Debian 12 ships 3.0.4. */
const oldStageNames = Number(preCommitVersion[1]) < 3 || (Number(preCommitVersion[1]) === 3 && Number(preCommitVersion[2]) < 2);

/** The README's .pre-commit-config.yaml, pointed at the local release. */
function readmeConfig(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes("id: hf-lint-push"));
  expect(block, "README has a .pre-commit-config.yaml snippet with hf-lint-push").toBeDefined();
  const rev = /rev: (v\d+\.\d+\.\d+)/.exec(block!)?.[1];
  expect(rev).toBeDefined();
  let config = block!.replace(/repo: \S+/, `repo: ${release.repo}`).replace(`rev: ${rev}`, `rev: ${release.tag}`);
  if (oldStageNames) config = config.replace("stages: [pre-push]", "stages: [push]");
  return config;
}

function projectWithHooks(): string {
  const repo = tempRepo();
  write(repo, { ".pre-commit-config.yaml": readmeConfig(), "README.md": "# project\n" });
  commitAll(repo, "start");
  const installed = run(repo, "pre-commit", "install", "--install-hooks", "--hook-type", "pre-commit", "--hook-type", "pre-push");
  expect(installed, installed.output).toMatchObject({ code: 0 });
  return repo;
}

describe("the pre-commit framework", () => {
  it("installs the hook from a release tag, with no install script and no build tool", { timeout: 300_000 }, () => {
    const repo = projectWithHooks();
    const installed = execFileSync("find", [home, "-path", "*/lib/node_modules/hf-lint/package.json"], { encoding: "utf8" }).trim();
    expect(installed).not.toBe("");
    const pkg = JSON.parse(readFileSync(installed, "utf8")) as Record<string, unknown>;
    expect(pkg["scripts"]).toBeUndefined();
    expect(execFileSync("find", [home, "-name", "typescript", "-o", "-name", "esbuild"], { encoding: "utf8" }).trim()).toBe("");

    write(repo, { "train.py": `from huggingface_hub import login\nlogin(token="${token}")\n` });
    git(repo, "add", "train.py");
    const refused = run(repo, "git", "commit", "-m", "add training");
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/train\.py[\s\S]*2:14\s+error/);
    expect(refused.output).not.toContain(token);

    write(repo, { "train.py": "from huggingface_hub import login\nlogin()  # reads HF_TOKEN\n" });
    git(repo, "add", "train.py");
    const accepted = run(repo, "git", "commit", "-m", "add training");
    expect(accepted, accepted.output).toMatchObject({ code: 0 });
    expect(accepted.output).toMatch(/hf-lint \(Hugging Face tokens\)\.+Passed/);
  });

  it("scans the files it is given: run --all-files fails on a committed token", { timeout: 300_000 }, () => {
    const repo = projectWithHooks();
    write(repo, { "config.py": `TOKEN = "${token}"\n` });
    commitAll(repo, "token, committed without the hook");
    expect(run(repo, "pre-commit", "run").code).toBe(0); // nothing staged: nothing to check
    const all = run(repo, "pre-commit", "run", "--all-files");
    expect(all.code).toBe(1);
    expect(all.output).toContain("config.py");
    const one = run(repo, "pre-commit", "run", "hf-lint", "--files", "README.md");
    expect(one, one.output).toMatchObject({ code: 0 });
  });

  it("try-repo runs the hook straight from the release tag, as a first try does", { timeout: 300_000 }, () => {
    const repo = tempRepo();
    write(repo, { "settings.py": `HF = "${token}"\n`, "ok.py": "x = 1\n" });
    commitAll(repo, "token");
    const tried = run(repo, "pre-commit", "try-repo", release.repo, "hf-lint", "--ref", release.tag, "--all-files");
    expect(tried.code).toBe(1);
    expect(tried.output).toMatch(/settings\.py[\s\S]*1:7\s+error/);
    expect(tried.output).not.toContain(token);
  });

  it("pre-push refuses commits that carry a token, and lets clean ones through", { timeout: 300_000 }, () => {
    const repo = projectWithHooks();
    const remote = tempDir();
    git(remote, "init", "-q", "--bare");
    git(repo, "remote", "add", "origin", remote);
    const first = run(repo, "git", "push", "-q", "origin", "main");
    expect(first, first.output).toMatchObject({ code: 0 });

    write(repo, { "notebook.py": `key = "${token}"\n` });
    commitAll(repo, "token, committed without the hook");
    write(repo, { "notebook.py": "key = None\n" });
    commitAll(repo, "removed again: the history still has it");
    const refused = run(repo, "git", "push", "origin", "main");
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("notebook.py");
    expect(refused.output).not.toContain(token);
    expect(git(remote, "log", "--format=%s", "main").trim()).toBe("start");
    expect(existsSync(join(repo, ".git/hooks/pre-push"))).toBe(true);
  });
});
