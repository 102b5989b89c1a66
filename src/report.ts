import type { Finding, Report, SkipReason, SkippedFile } from "./types.js";

/** The report with other findings (filtered, fixed, verified…), its counts recomputed. */
export function withFindings(report: Report, findings: Finding[]): Report {
  const errors = findings.filter((f) => f.severity === "error").length;
  const counts = { errors, warnings: findings.length - errors, distinctSecrets: distinctSecrets(findings) };
  return { ...report, findings, summary: { ...report.summary, ...counts } };
}

/** Secrets to rotate: each value once, however many places hold it; a token the Hub says is revoked needs none. */
export function distinctSecrets(findings: Finding[]): number {
  const values = new Set<string>();
  for (const f of findings) if (f.secretFingerprint && f.verification?.status !== "revoked") values.add(f.secretFingerprint);
  return values.size;
}

/** The line every report ends with when there are secrets: `2 distinct secrets to rotate`. */
export function toRotate(report: Report): string | null {
  const count = report.summary.distinctSecrets;
  return count > 0 ? `${plural(count, "distinct secret")} to rotate` : null;
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

const NOT_SCANNED: Record<SkipReason, string> = {
  tooLarge: "larger than --max-file-size",
  unreadable: "unreadable",
  binary: "binary",
};

/** Why a file was not scanned, for a line about that file. */
export function notScanned(skipped: SkippedFile): string {
  return `not scanned: ${NOT_SCANNED[skipped.reason]}${skipped.detail ? ` (${skipped.detail})` : ""}`;
}

/**
 * One line per reason a file was passed over, naming the first few: what the human formats
 * print, so that no format hides a file it did not scan. Binary files last (images are common).
 */
export function skipLines(report: Report, named = 5): { reason: SkipReason; line: string }[] {
  const lines: { reason: SkipReason; line: string }[] = [];
  for (const reason of ["tooLarge", "unreadable", "binary"] as const) {
    const files = report.skipped.filter((skipped) => skipped.reason === reason);
    if (files.length === 0) continue;
    const names = files.slice(0, named).map((skipped) => printable(skipped.file + (skipped.detail ? ` (${skipped.detail})` : "")));
    const more = files.length > named ? ` and ${files.length - named} more` : "";
    lines.push({ reason, line: `${plural(files.length, "file")} not scanned (${NOT_SCANNED[reason]}): ${names.join(", ")}${more}` });
  }
  return lines;
}
