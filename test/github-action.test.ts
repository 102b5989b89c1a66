import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "./helpers/clients.js";
import { tempDir, tempRepo, write } from "./helpers/repo.js";
import { ROOT, makeRelease, type Release } from "./helpers/release.js";
import { fakeHfToken } from "./helpers/tokens.js";

// action.yml checked by action-validator (from npm), and its script run as the runner would, from a release.
let release: Release;
beforeAll(() => {
  release = makeRelease();
}, 300_000);
afterAll(() => release?.remove());

function validate(file: string) {
  const result = spawnSync(client(".bin/action-validator"), [file], { encoding: "utf8" });
  return { code: result.status, output: result.stdout + result.stderr };
}

/** The `run:` script of action.yml's step, run by bash with what the runner provides. */
function runAction(cwd: string, actionPath: string, inputs: { args?: string; sarif?: string } = {}) {
  const yml = readFileSync(join(ROOT, "action.yml"), "utf8");
  const block = /^ {6}run: \|\n((?: {8}.*\n)+)/m.exec(yml)?.[1];
  expect(block, "action.yml has a run: | block").toBeDefined();
  const script = block!.replace(/^ {8}/gm, "");
  const runner = tempDir();
  const files = { summary: join(runner, "summary.md"), output: join(runner, "output.txt") };
  const result = spawnSync("bash", ["-e", "-c", script], {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_OUTPUT: files.output,
      RUNNER_TEMP: runner,
      HF_LINT_ARGS: inputs.args ?? "",
      HF_LINT_SARIF: inputs.sarif ?? "hf-lint.sarif",
      NO_COLOR: "1",
    },
  });
  const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : "");
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, summary: read(files.summary), output: read(files.output) };
}

describe("the GitHub Action", () => {
  it("is a valid composite action, and the README workflows are valid workflows", () => {
    expect(validate(join(ROOT, "action.yml"))).toEqual({ code: 0, output: "" });
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => /^jobs:/m.test(b));
    expect(workflows.length).toBeGreaterThanOrEqual(2);
    for (const workflow of workflows) {
      const dir = tempDir();
      write(dir, { ".github/workflows/hf-lint.yml": workflow });
      expect(validate(join(dir, ".github/workflows/hf-lint.yml"))).toEqual({ code: 0, output: "" });
    }
    const broken = tempDir();
    write(broken, { "action.yml": readFileSync(join(ROOT, "action.yml"), "utf8").replace("using: composite", "using: compost") });
    expect(validate(join(broken, "action.yml")).code).toBe(1);
  });

  it("annotates, writes SARIF and a summary that counts what GitHub does not show, and fails", { timeout: 300_000 }, () => {
    const repo = tempRepo();
    const files: Record<string, string> = { "legacy.sh": "export HUGGING_FACE_HUB_TOKEN=$SECRET\n" };
    for (let i = 0; i < 12; i++) files[`src/model_${i}.py`] = `login(token="${fakeHfToken(150 + i)}")\n`;
    write(repo, files);
    const run = runAction(repo, release.tree, { sarif: "out/hf.sarif", args: "--max-warnings 0" });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout.match(/^::error file=src\/model_\d+\.py,line=1,/gm)).toHaveLength(12);
    expect(run.stdout.match(/^::warning file=legacy\.sh,/gm)).toHaveLength(1);
    expect(run.stdout).not.toContain(fakeHfToken(150));
    expect(run.summary).toContain("### hf-lint: 13 problems (12 errors, 1 warning)");
    expect(run.summary.match(/^\| error \| src\/model\\_\d+\.py:1:14 \|/gm)).toHaveLength(12);
    expect(run.summary).toContain("GitHub shows at most 10 annotations of each level per step: 2 errors more are listed only in this table.");
    expect(run.output).toBe("errors=12\nwarnings=1\nsarif-file=out/hf.sarif\n");
    const sarif = JSON.parse(readFileSync(join(repo, "out/hf.sarif"), "utf8")) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results).toHaveLength(13);
  });

  it("passes a clean repository, and refuses to run from a ref without a build", { timeout: 300_000 }, () => {
    const repo = tempRepo();
    write(repo, { "app.py": "from huggingface_hub import login\nlogin()\n" });
    const clean = runAction(repo, release.tree, { args: "'app.py'" });
    expect(clean, clean.stderr).toMatchObject({ code: 0, stdout: "" });
    expect(clean.summary).toContain("### hf-lint: no problems");
    expect(clean.output).toContain("errors=0\n");

    const formatted = runAction(repo, release.tree, { args: "--format sarif" });
    expect(formatted.code).toBe(2);
    expect(formatted.stderr).toBe("hf-lint: args: the Action sets --format itself (it writes annotations, the sarif-file input and the summary)\n");

    const unbuilt = runAction(repo, tempDir());
    expect(unbuilt.code).toBe(2);
    expect(unbuilt.stdout).toMatch(/^::error title=hf-lint::.*release tag/);
  });
});
