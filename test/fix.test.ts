import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, runJson } from "./helpers/cli.js";
import { commitAll, git, tempRepo, write } from "./helpers/repo.js";

// Legacy names are built from parts so this file passes our own scan without suppressions.
const LEGACY_HUB = ["HUGGING", "FACE", "HUB", "TOKEN"].join("_");
const DEPRECATED = ["HUGGINGFACE", "TOKEN"].join("_");
const AUTH_ARG = ["use", "auth", "token"].join("_");

const read = (repo: string, path: string) => readFileSync(join(repo, path), "utf8");

describe("--fix", () => {
  it("renames legacy names on the reported spans only, keeping CRLF and a BOM", () => {
    const repo = tempRepo();
    const script = `\uFEFFexport ${LEGACY_HUB}=$X\r\n# MY_${DEPRECATED}_PATH stays\r\necho "$${DEPRECATED}"\r\n`;
    const python = `model = AutoModel.from_pretrained(name, ${AUTH_ARG}=True)\nif ${AUTH_ARG} == 1: pass\n`;
    write(repo, { "run.sh": script, "train.py": python });
    const { code, stderr } = runCli(["--fix"], { cwd: repo });
    expect(code).toBe(0);
    expect(stderr).toContain("fixed 3 problems in run.sh, train.py");
    expect(read(repo, "run.sh")).toBe(`\uFEFFexport HF_TOKEN=$X\r\n# MY_${DEPRECATED}_PATH stays\r\necho "$HF_TOKEN"\r\n`);
    expect(read(repo, "train.py")).toBe(`model = AutoModel.from_pretrained(name, token=True)\nif ${AUTH_ARG} == 1: pass\n`);
    expect(runJson([], { cwd: repo }).report.findings).toEqual([]);
  });

  it("adds untracked dotenv files to the nearest .gitignore, idempotently, keeping its line endings", () => {
    const repo = tempRepo();
    write(repo, {
      ".gitignore": "node_modules/\r\ndist/",
      ".env": "A=1\n",
      "services/api/.gitignore": "*.log\n",
      "services/api/.env.local": "B=1\n",
      "tools/deep/.env.production": "C=1\n",
    });
    const { code } = runCli(["--fix"], { cwd: repo });
    expect(code).toBe(0);
    expect(read(repo, ".gitignore")).toBe("node_modules/\r\ndist/\r\n.env\r\n/tools/deep/.env.production\r\n");
    expect(read(repo, "services/api/.gitignore")).toBe("*.log\n.env.local\n");
    expect(runJson([], { cwd: repo }).report.findings).toEqual([]);
    runCli(["--fix"], { cwd: repo });
    expect(read(repo, ".gitignore")).toBe("node_modules/\r\ndist/\r\n.env\r\n/tools/deep/.env.production\r\n");
  });

  it("creates a .gitignore when there is none, and only explains how to untrack a tracked dotenv file", () => {
    const repo = tempRepo();
    write(repo, { "app/.env": "A=1\n", "x.txt": "x\n" });
    commitAll(repo);
    const { code, stderr } = runCli(["--fix"], { cwd: repo });
    expect(stderr).toContain("run: git rm --cached -- app/.env");
    expect(code).toBe(1); // still tracked until the user runs it
    expect(read(repo, "app/.gitignore")).toBe(".env\n");
    expect(git(repo, "ls-files")).toContain("app/.env");
    git(repo, "rm", "-q", "--cached", "app/.env");
    expect(runCli([], { cwd: repo }).code).toBe(0);
  });

  it("prints the git rm command relative to where hf-lint runs, so it works when pasted", () => {
    const repo = tempRepo();
    write(repo, { "app/.env": "A=1\n", "app/.env.it's": "B=1\n" });
    commitAll(repo);
    const { stderr } = runCli(["--fix"], { cwd: join(repo, "app") });
    expect(stderr).toContain("run: git rm --cached -- .env\n");
    expect(stderr).toContain(`run: git rm --cached -- '.env.it'\\''s'\n`);
    git(join(repo, "app"), "rm", "-q", "--cached", "--", ".env");
    expect(git(repo, "ls-files")).not.toContain("app/.env\n");
  });

  it("writes names with glob characters as literal .gitignore patterns", () => {
    const repo = tempRepo();
    write(repo, { ".env.[x]": "A=1\n", ".env.x": "B=1\n", "sub/.env.a*b ": "C=1\n", ".gitignore": ".env.x\n" });
    expect(runCli(["--fix"], { cwd: repo }).code).toBe(0);
    expect(read(repo, ".gitignore")).toBe(".env.x\n.env.\\[x]\n/sub/.env.a\\*b\\ \n");
    // git agrees: each file is ignored by its own line, none by a stray glob
    expect(git(repo, "check-ignore", "-v", "--", ".env.[x]", ".env.x", "sub/.env.a*b ")).toBe(
      ".gitignore:2:.env.\\[x]\t.env.[x]\n.gitignore:1:.env.x\t.env.x\n.gitignore:3:/sub/.env.a\\*b\\ \tsub/.env.a*b \n",
    );
    runCli(["--fix"], { cwd: repo });
    expect(read(repo, ".gitignore")).toBe(".env.x\n.env.\\[x]\n/sub/.env.a\\*b\\ \n");
  });

  it("never writes through a .gitignore that is a symbolic link", () => {
    const repo = tempRepo();
    write(repo, { "shared-ignore": "*.log\n", "app/.env": "A=1\n" });
    symlinkSync("../shared-ignore", join(repo, "app/.gitignore"));
    const { code, stderr } = runCli(["--fix"], { cwd: repo });
    expect(code).toBe(1);
    expect(stderr).toContain("not fixed: app/.env: app/.gitignore is not a regular file");
    expect(read(repo, "shared-ignore")).toBe("*.log\n");
  });

  it("--fix-dry-run previews the changes and writes nothing", () => {
    const repo = tempRepo();
    write(repo, { "run.sh": `export ${DEPRECATED}=$X\n`, ".env": "A=1\n" });
    const { code, stdout, stderr } = runCli(["--fix-dry-run", "-f", "json"], { cwd: repo });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).findings).toHaveLength(2); // stdout stays the report
    expect(stderr).toContain(`--- run.sh\n+++ run.sh\n@@ line 1 @@\n-export ${DEPRECATED}=$X\n+export HF_TOKEN=$X\n`);
    expect(stderr).toContain("--- .gitignore\n+++ .gitignore\n@@ line 1 @@\n+.env\n");
    expect(stderr).toContain("nothing was written");
    expect(read(repo, "run.sh")).toBe(`export ${DEPRECATED}=$X\n`);
    expect(existsSync(join(repo, ".gitignore"))).toBe(false);
  });

  it("--fix-dry-run shows CRLF files without their carriage returns", () => {
    const repo = tempRepo();
    write(repo, { ".gitignore": "dist/\r\n", ".env": "A=1\n" });
    const { stderr } = runCli(["--fix-dry-run"], { cwd: repo });
    expect(stderr).toContain("--- .gitignore\n+++ .gitignore\n@@ line 2 @@\n+.env\nhf-lint: --fix would fix 1 problem");
    expect(read(repo, ".gitignore")).toBe("dist/\r\n");
  });

  it("refuses to combine with --staged or --history", () => {
    const repo = tempRepo();
    const { code, stderr } = runCli(["--fix", "--staged"], { cwd: repo });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^hf-lint: --fix works on the work tree/);
  });
});
