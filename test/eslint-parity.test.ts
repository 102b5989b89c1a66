/**
 * One detector: every fixture in `fixtures/<case>/`, run through the built CLI and through real
 * ESLint (9 and 10) with `hfLint.configs.all`, gives the same findings: rule, line, column, end
 * and message. Drift between the editor and the hook fails here.
 */
import { relative } from "node:path";
import { ESLint, type Linter } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin from "../dist/src/eslint-plugin/index.js";
import { rules } from "../rules/index.js";
import { runJson } from "./helpers/cli.js";
import { fixtureCases, snapshotOf, writeFixture, type ExpectedFinding } from "./helpers/fixtures.js";
import { tempRepo } from "./helpers/repo.js";

/** What a user of a project with JavaScript and TypeScript writes (see README: ESLint / editors). */
const CONFIG: Linter.Config[] = [
  ...plugin.configs.all,
  { files: ["**/*.jsx"], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ["**/*.{ts,tsx,mts,cts}"], languageOptions: { parser: tseslint.parser as Linter.Parser } },
];

/** ESLint shows a finding about a whole file on its first line; the CLI gives it no line. */
const FILE_RULES = new Set(rules.filter((rule) => rule.kind === "file").map((rule) => rule.id));

type Found = ExpectedFinding & { message: string };

/** Findings in the snapshot's order, each followed by its message. */
function shown(findings: Found[]): string {
  const messages = new Map(findings.map((f) => [`${f.file}:${f.line}:${f.column}:${f.rule}`, f.message]));
  return `${snapshotOf(findings)}${[...messages.keys()].sort().map((key) => `${key} ${messages.get(key)}`).join("\n")}`;
}

async function eslintFindings(ESLintClass: typeof ESLint, root: string): Promise<Found[]> {
  const results = await new ESLintClass({ cwd: root, overrideConfigFile: true, overrideConfig: CONFIG }).lintFiles(["."]);
  return results.flatMap((result) =>
    result.messages.map((m): Found => {
      const rule = (m.ruleId ?? `fatal: ${m.message}`).replace(/^hf-lint\//, "");
      const whole = FILE_RULES.has(rule);
      return {
        file: relative(root, result.filePath),
        rule,
        severity: m.severity === 2 ? "error" : "warning",
        line: whole ? null : m.line,
        column: whole ? null : m.column,
        endLine: whole ? null : (m.endLine ?? null),
        endColumn: whole ? null : (m.endColumn ?? null),
        message: m.message,
      };
    }),
  );
}

describe.each([
  ["10", ESLint],
  ["9", ESLint9 as unknown as typeof ESLint],
])("the CLI and ESLint %s with configs.all agree on every fixture", (_major, ESLintClass) => {
  it.each(fixtureCases())("%s", async (name) => {
    const root = tempRepo();
    writeFixture(name, root);
    const { report, stderr } = runJson([], { cwd: root });
    expect(stderr).toBe("");
    const cli = report.findings.map((f): Found => ({ ...f, rule: f.ruleId }));
    expect(shown(await eslintFindings(ESLintClass, root))).toBe(shown(cli));
  });
});
