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

/**
 * Text safe to print on a terminal: control characters (a newline, an escape sequence in a
 * file name) written as escapes, so that a name can neither break a line nor drive the terminal.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => {
    const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
    return named[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}
