/**
 * One detector: every fixture in `fixtures/<case>/`, run through the built CLI and through real
 * ESLint (9 and 10) with `hfLint.configs.all`, gives the same findings: rule, line, column, end
 * and message. Drift between the editor and the hook fails here.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ESLint, type Linter } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin from "../dist/src/eslint-plugin/index.js";
import { runJson } from "./helpers/cli.js";
import { git, tempDir } from "./helpers/repo.js";
import { fillExample } from "./helpers/tokens.js";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const cases = readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

/** What a user of a project with JavaScript and TypeScript writes (see README: ESLint / editors). */
const CONFIG: Linter.Config[] = [
  ...plugin.configs.all,
  { files: ["**/*.jsx"], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ["**/*.{ts,tsx,mts,cts}"], languageOptions: { parser: tseslint.parser as Linter.Parser } },
];

type Row = [file: string, rule: string, line: number, column: number, endLine: number | null, endColumn: number | null, message: string];

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** A case copied into a fresh repository, its `{{…}}` placeholders filled with generated secrets. */
function checkout(name: string): string {
  const root = tempDir();
  git(root, "init", "-q", "-b", "main");
  cpSync(new URL(name, FIXTURES), root, { recursive: true });
  for (const file of files(root)) {
    if (file.startsWith(".git/") || file === "expected.json") continue;
    writeFileSync(join(root, file), fillExample(readFileSync(join(root, file), "utf8")));
  }
  writeFileSync(join(root, "expected.json"), "[]\n"); // the snapshot is not an input
  return root;
}

/** The CLI's findings; a finding about a whole file is shown by ESLint on its first line. */
function cliRows(root: string): Row[] {
  const { report, stderr } = runJson([], { cwd: root });
  expect(stderr).toBe("");
  return report.findings
    .map((f): Row => (f.line === null ? [f.file, f.ruleId, 1, 1, null, null, f.message] : [f.file, f.ruleId, f.line, f.column!, f.endLine, f.endColumn, f.message]))
    .sort(compareRows);
}

async function eslintRows(ESLintClass: typeof ESLint, root: string, fileLevel: Set<string>): Promise<Row[]> {
  const eslint = new ESLintClass({ cwd: root, overrideConfigFile: true, overrideConfig: CONFIG });
  const results = await eslint.lintFiles(["."]);
  return results
    .flatMap((result) =>
      result.messages.map((m): Row => {
        const file = relative(root, result.filePath);
        const whole = fileLevel.has(`${file}\0${m.ruleId}`);
        return [file, (m.ruleId ?? "(fatal)").replace(/^hf-lint\//, ""), m.line, m.column, whole ? null : (m.endLine ?? null), whole ? null : (m.endColumn ?? null), m.message];
      }),
    )
    .sort(compareRows);
}

function compareRows(a: Row, b: Row): number {
  return a[0].localeCompare(b[0]) || a[2] - b[2] || a[3] - b[3] || a[1].localeCompare(b[1]);
}

describe.each([
  ["10", ESLint],
  ["9", ESLint9 as unknown as typeof ESLint],
])("CLI and ESLint %s agree on every fixture", (_major, ESLintClass) => {
  it.each(cases)("%s", async (name) => {
    const root = checkout(name);
    const cli = cliRows(root);
    const fileLevel = new Set(cli.filter((row) => row[4] === null).map((row) => `${row[0]}\0hf-lint/${row[1]}`));
    expect(await eslintRows(ESLintClass, root, fileLevel)).toEqual(cli);
  });
});
