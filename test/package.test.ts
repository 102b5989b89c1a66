import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { write } from "./helpers/repo.js";
import { OFFLINE_NPM, ROOT, makeRelease, type Release } from "./helpers/release.js";
import { fakeHfToken } from "./helpers/tokens.js";

// The package as npm users get it: the release tarball installed into a fresh project, offline.
const token = fakeHfToken(131);
let release: Release;
let project: { dir: string; install: string };

beforeAll(() => {
  release = makeRelease();
  project = consumer();
}, 300_000);
afterAll(() => {
  release?.remove();
  if (project) rmSync(project.dir, { recursive: true, force: true });
});

const env = { ...process.env, ...OFFLINE_NPM };

/** A fresh project with the tarball installed; ESLint and Node's types linked from this repository. */
function consumer(): { dir: string; install: string } {
  const dir = mkdtempSync(join(tmpdir(), "hf-lint-consumer-"));
  write(dir, { "package.json": JSON.stringify({ name: "consumer", version: "1.0.0", private: true }) });
  const install = spawnSync("npm", ["install", "--no-save", release.tarball], { cwd: dir, env, encoding: "utf8" });
  expect(install.status, install.stderr).toBe(0);
  for (const name of ["eslint", "@types"]) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
  return { dir, install: install.stdout + install.stderr };
}

describe("the npm package", () => {
  it("ships the build, its dependencies and a LICENSE, and installs with no script", { timeout: 300_000 }, () => {
    const files = execFileSync("tar", ["tzf", release.tarball], { encoding: "utf8" }).split("\n");
    expect(files).toEqual(expect.arrayContaining(["package/LICENSE", "package/dist/src/cli/main.js", "package/dist/src/cli/hf-lint.cjs", "package/dist/src/cli/cli.cjs", "package/dist/src/index.d.ts", "package/node_modules/commander/package.json"]));
    expect(files.some((f) => f.startsWith("package/src/") || f.startsWith("package/test/"))).toBe(false);
    const pkg = JSON.parse(execFileSync("tar", ["xzOf", release.tarball, "package/package.json"], { encoding: "utf8" })) as Record<string, unknown>;
    expect(pkg["scripts"]).toBeUndefined();
    expect(pkg["devDependencies"]).toBeUndefined();
    expect(pkg["license"]).toBe("MIT");
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toMatch(/^MIT License/);

    const { dir, install } = project;
    expect(install).not.toMatch(/install-scripts|postinstall|prepare/);
    write(dir, { "cli/app.py": `login(token="${token}")\n` });
    const cli = spawnSync(join(dir, "node_modules/.bin/hf-lint"), ["cli", "-f", "json"], { cwd: dir, encoding: "utf8" });
    expect(cli.status, cli.stderr).toBe(1);
    expect(JSON.parse(cli.stdout).findings).toEqual([expect.objectContaining({ ruleId: "hf-token", file: expect.stringMatching(/app\.py$/) })]);
  });

  it("loads with require() and import, and ESLint takes it from an eslint.config.cjs", { timeout: 300_000 }, () => {
    const { dir } = project;
    write(dir, {
      "src/app.js": `const token = "${token}";\n`,
      "check.cjs": [
        'const { scan, rules } = require("hf-lint");',
        'const plugin = require("hf-lint/eslint-plugin");',
        'scan({ cwd: __dirname, paths: ["src"] }).then((report) => console.log(JSON.stringify({ rules: rules.length, errors: report.summary.errors, plugin: Object.keys(plugin.configs) })));',
      ].join("\n"),
      "check.mjs": 'import hfLint from "hf-lint/eslint-plugin";\nimport { rules } from "hf-lint";\nconsole.log(JSON.stringify({ rules: rules.length, plugin: Object.keys(hfLint.configs) }));\n',
      "eslint.config.cjs": 'const hfLint = require("hf-lint/eslint-plugin");\nmodule.exports = [hfLint.configs.recommended];\n',
    });
    const cjs = spawnSync(process.execPath, ["check.cjs"], { cwd: dir, encoding: "utf8" });
    expect(cjs.stderr).toBe("");
    const fromRequire = JSON.parse(cjs.stdout) as { rules: number; errors: number; plugin: string[] };
    expect(fromRequire).toMatchObject({ errors: 1, plugin: expect.arrayContaining(["recommended"]) });
    expect(fromRequire.rules).toBeGreaterThan(3);
    const esm = spawnSync(process.execPath, ["check.mjs"], { cwd: dir, encoding: "utf8" });
    expect(JSON.parse(esm.stdout)).toEqual({ rules: fromRequire.rules, plugin: fromRequire.plugin });

    const eslint = spawnSync(process.execPath, [join(ROOT, "node_modules/eslint/bin/eslint.js"), "src", "-f", "json"], { cwd: dir, encoding: "utf8" });
    expect(eslint.stderr).toBe("");
    const [result] = JSON.parse(eslint.stdout) as { messages: { ruleId: string }[] }[];
    expect(result!.messages.map((m) => m.ruleId)).toContain("hf-lint/hf-token");
  });

  it("has type declarations that check in a strict project with types: []", { timeout: 300_000 }, () => {
    const { dir } = project;
    write(dir, {
      "tsconfig.json": JSON.stringify({
        compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", types: [], noEmit: true, skipLibCheck: false },
        include: ["*.mts", "*.cts"],
      }),
      "esm.mts": [
        'import { scan, rules, UsageError, type Report, type Finding } from "hf-lint";',
        'import hfLint from "hf-lint/eslint-plugin";',
        'const report: Report = await scan({ cwd: ".", stdin: { content: "x", filename: "a.py" } });',
        "const first: Finding | undefined = report.findings[0];",
        "export const seen = [first?.ruleId, rules.length, UsageError.name, hfLint.configs.recommended.name];",
      ].join("\n"),
      "cjs.cts": [
        'import hf = require("hf-lint");',
        'import hfLint = require("hf-lint/eslint-plugin");',
        "export const seen: [number, string | undefined] = [hf.rules.length, hfLint.configs.recommended.name];",
      ].join("\n"),
    });
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], { cwd: dir, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
