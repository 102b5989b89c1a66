import type { Finding } from "../types.js";

/**
 * How hf-lint's own formats begin (a report written with `-o` inside the scanned tree quotes
 * every message, legacy variable names included, and the next run would report the report).
 * Each of these matches within a report's first line or first few hundred characters.
 */
const REPORT_BEGINNINGS = [
  /^\{\n {2}"version": 1,\n {2}"findings": \[/, // json
  /^\{\n {2}"\$schema": "https:\/\/json\.schemastore\.org\/sarif-[^]{0,400}"name": "hf-lint"/, // sarif
  /^::(?:error|warning|notice) /, // github
  /^\S[^\n]* {2}(?:error|warning) {2}[a-z0-9-]+ {2}/, // compact
];
/** Bytes enough for every beginning above (400 characters of up to 4 bytes, and more). */
const BEGINNING_BYTES = 4096;
/** How stylish sums up, on a line of its own anywhere (U+2716 keeps the bundle ASCII). */
const STYLISH_SUMMARY = /^\u2716 \d+ problems? \(\d+ errors?, \d+ warnings?\)$/m;
const STYLISH_MARK = Buffer.from("\u2716 ", "utf8");

/** Whether the content is one of hf-lint's reports; decodes only its beginning, and all of it only when stylish's mark is there. */
function isOwnReport(content: Buffer): boolean {
  const firstLineEnd = content.indexOf(0x0a);
  const head = content.toString("utf8", 0, Math.max(BEGINNING_BYTES, firstLineEnd === -1 ? content.length : firstLineEnd));
  if (REPORT_BEGINNINGS.some((beginning) => beginning.test(head))) return true;
  return content.includes(STYLISH_MARK) && STYLISH_SUMMARY.test(content.toString("utf8"));
}

/**
 * The findings of a file, minus what it only quotes when it is one of hf-lint's reports: findings
 * on a line that carry no secret. A secret in a report (written with --show-secrets) is still a
 * leak and stays reported, as do findings about the file itself: nothing is hidden by looking
 * like a report.
 */
export function withoutReportQuotes(content: Buffer, findings: Finding[]): Finding[] {
  const quotes = (finding: Finding): boolean => finding.line !== null && finding.secret === null;
  if (!findings.some(quotes)) return findings;
  return isOwnReport(content) ? findings.filter((f) => !quotes(f)) : findings;
}
