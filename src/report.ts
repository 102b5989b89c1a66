import type { Finding, Report } from "./types.js";

/** The report with other findings (filtered, fixed, verified…), its counts recomputed. */
export function withFindings(report: Report, findings: Finding[]): Report {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { ...report, findings, summary: { ...report.summary, errors, warnings: findings.length - errors } };
}

/** `1 problem`, `2 problems`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
