/**
 * The shared evidence in `fixtures/<case>/`: input files (with `{{…}}` markers for generated
 * secrets, see tokens.ts) and `expected.json`, the findings every front end must report.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { write } from "./repo.js";
import { fillExample } from "./tokens.js";

export const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
export const EXPECTED = "expected.json";

/** One finding as the snapshot records it: what the CLI and the plugin must agree on. */
export interface ExpectedFinding {
  file: string;
  rule: string;
  severity: "error" | "warning";
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
}

export function fixtureCases(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split(sep).join("/"));
}

/** A case's input files (POSIX paths relative to the case) with their markers filled in. */
export function fixtureInputs(name: string): Record<string, string> {
  const dir = join(FIXTURES, name);
  const inputs: Record<string, string> = {};
  for (const path of filesUnder(dir).filter((path) => path !== EXPECTED).sort()) {
    inputs[path] = fillExample(readFileSync(join(dir, path), "utf8"), 13);
  }
  return inputs;
}

/** Writes a case's filled inputs into `root`; returns their paths. */
export function writeFixture(name: string, root: string): string[] {
  const inputs = fixtureInputs(name);
  write(root, inputs);
  return Object.keys(inputs);
}

export function expectedPath(name: string): string {
  return join(FIXTURES, name, EXPECTED);
}

export function readExpected(name: string): ExpectedFinding[] {
  return JSON.parse(readFileSync(expectedPath(name), "utf8")) as ExpectedFinding[];
}

/** Findings in the snapshot's order and shape, from any front end. */
export function snapshotOf(findings: ExpectedFinding[]): string {
  const sorted = [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
  const shaped = sorted.map(({ file, rule, severity, line, column, endLine, endColumn }) => ({
    file,
    rule,
    severity,
    line,
    column,
    endLine,
    endColumn,
  }));
  return `${JSON.stringify(shaped, null, 2)}\n`;
}
