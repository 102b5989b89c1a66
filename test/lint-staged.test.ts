import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI } from "./helpers/cli.js";
import { GIT_ENV, commitAll, git, tempRepo, write } from "./helpers/repo.js";
import { fakeHfToken } from "./helpers/tokens.js";

const LINT_STAGED = fileURLToPath(new URL("../node_modules/lint-staged/bin/lint-staged.js", import.meta.url));
const token = fakeHfToken(71);

/** A repository whose pre-commit hook runs the real lint-staged, which runs hf-lint on the staged files. */
function repoWithLintStaged(lintStagedArgs: string[]): string {
  const repo = tempRepo();
  const config = { "lint-staged": { "*": `${process.execPath} ${CLI} --format compact` } };
  write(repo, {
    "package.json": JSON.stringify({ name: "app", private: true, ...config }),
    "README.md": "app\n",
    ".git/hooks/pre-commit": `#!/bin/sh\nexec "${process.execPath}" "${LINT_STAGED}" ${lintStagedArgs.join(" ")}\n`,
  });
  chmodSync(`${repo}/.git/hooks/pre-commit`, 0o755);
  commitAll(repo, "start");
  return repo;
}

function withoutNodeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env["NODE_ENV"];
  return env;
}

function commit(repo: string) {
  const result = spawnSync("git", ["commit", "-m", "change"], {
    cwd: repo,
    encoding: "utf8",
    // Without vitest's NODE_ENV=test, which switches lint-staged to a renderer for its own tests.
    env: { ...withoutNodeEnv(), ...GIT_ENV, NO_COLOR: "1", FORCE_COLOR: "0", CI: "true" },
  });
  if (process.env["SHOW"]) console.log(result.stdout + result.stderr);
  return { code: result.status, output: result.stdout + result.stderr };
}

describe("lint-staged, which passes the absolute paths of staged files", () => {
  it("refuses a commit with a token, showing the report, and lets a clean commit through", () => {
    const repo = repoWithLintStaged([]);
    write(repo, { "src/train.py": `login(token="${token}")\n`, "src/ok.py": "x = 1\n" });
    git(repo, "add", "-A");
    const refused = commit(repo);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/src\/train\.py:1:14 {2}error {2}hf-token/);
    expect(refused.output).toContain("1 distinct secret to rotate");
    expect(refused.output).not.toContain(token);
    expect(git(repo, "log", "--format=%s")).toBe("start\n");

    write(repo, { "src/train.py": "login()\n" });
    git(repo, "add", "-A");
    const clean = commit(repo);
    expect(clean.code).toBe(0);
    expect(git(repo, "log", "--format=%s")).toBe("change\nstart\n");
  });

  it("shows warnings on a commit that passes, with --verbose as the README says", () => {
    const repo = repoWithLintStaged(["--verbose"]);
    write(repo, { "run.sh": "export HUGGINGFACE_TOKEN=$X\n" }); // hf-lint-disable-line legacy-token-env
    git(repo, "add", "-A");
    const passed = commit(repo);
    expect(passed.code).toBe(0);
    expect(passed.output).toMatch(/run\.sh:1:8 {2}warning {2}legacy-token-env/);
  });
});
