import { randomBytes, createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { UsageError } from "./errors.js";
import { withFindings } from "./report.js";
import type { Finding, Report } from "./types.js";

export const DEFAULT_BASELINE = ".hf-lint-baseline.json";

/**
 * A baseline records accepted findings so that a repository adopting hf-lint fails only on new
 * ones. Entries are keyed by rule, file and a salted hash of the finding's fingerprint (itself a
 * hash of rule, file and secret, independent of the line): no secret is stored, the file is safe
 * to commit, and moving lines does not bring entries back.
 */
interface BaselineFile {
  version: 1;
  salt: string;
  entries: { ruleId: string; file: string; hash: string }[];
}

function hash(salt: string, finding: Finding): string {
  return createHash("sha256").update(`${salt}\0${finding.fingerprint}`).digest("hex").slice(0, 32);
}

function read(path: string): BaselineFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`${path}: ${error instanceof SyntaxError ? "invalid JSON" : "cannot be read"}`);
  }
  const file = parsed as Partial<BaselineFile>;
  if (file?.version !== 1 || typeof file.salt !== "string" || !Array.isArray(file.entries)) {
    throw new UsageError(`${path}: not an hf-lint baseline (expected version 1 with "salt" and "entries")`);
  }
  return file as BaselineFile;
}

/** The report without the findings the baseline accepts; the summary is recounted. */
export function applyBaseline(report: Report, path: string): Report {
  const baseline = read(path);
  const accepted = new Set(baseline.entries.map((entry) => `${entry.ruleId}\0${entry.file}\0${entry.hash}`));
  const findings = report.findings.filter(
    (f) => !accepted.has(`${f.ruleId}\0${f.file}\0${hash(baseline.salt, f)}`),
  );
  return withFindings(report, findings);
}

/** Writes every current finding as accepted (keeping the salt of an existing baseline). Returns the count. */
export function writeBaseline(report: Report, path: string, previous?: string): number {
  const salt = previous ? read(previous).salt : randomBytes(16).toString("hex");
  const entries = report.findings
    .map((f) => ({ ruleId: f.ruleId, file: f.file, hash: hash(salt, f) }))
    .sort((a, b) => (a.file + a.ruleId + a.hash < b.file + b.ruleId + b.hash ? -1 : 1));
  const baseline: BaselineFile = { version: 1, salt, entries };
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
  return entries.length;
}
