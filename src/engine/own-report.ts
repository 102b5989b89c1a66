import type { Finding } from "../types.js";

/**
 * How hf-lint's own formats begin (stylish: how it sums up). A report written with `-o` inside the
 * scanned tree quotes every message, legacy variable names included, and the next run would
 * report the report.
 */
const REPORT_SIGNATURES = [
  /^\{\n {2}"version": 1,\n {2}"findings": \[/, // json
  /^\{\n {2}"\$schema": "https:\/\/json\.schemastore\.org\/sarif-[^]{0,400}"name": "hf-lint"/, // sarif
  /^::(?:error|warning|notice) /, // github
  /^\S[^\n]* {2}(?:error|warning) {2}[a-z0-9-]+ {2}/, // compact
  /^\u2716 \d+ problems? \(\d+ errors?, \d+ warnings?\)$/m, // stylish (U+2716 keeps the bundle ASCII)
];

/**
 * The findings of a file, minus what it only quotes when it is one of hf-lint's reports: findings
 * on a line that carry no secret. A secret in a report (written with --show-secrets) is still a
 * leak and stays reported, as do findings about the file itself: nothing is hidden by looking
 * like a report.
 */
export function withoutReportQuotes(content: Buffer, findings: Finding[]): Finding[] {
  const quotes = (finding: Finding): boolean => finding.line !== null && finding.secret === null;
  if (!findings.some(quotes)) return findings;
  const text = content.toString("utf8");
  return REPORT_SIGNATURES.some((signature) => signature.test(text)) ? findings.filter((f) => !quotes(f)) : findings;
}
