import { createHash } from "node:crypto";
import { checkText } from "../../rules/shared/check-text.js";
import { redact } from "../../rules/shared/credentials.js";
import type { TextMatch } from "../../rules/types.js";
import type { Finding, SourceFile } from "../types.js";
import { LineIndex } from "./positions.js";
import type { RuleSet } from "./rule-set.js";
import type { LineFilter } from "../sources/types.js";
import { Suppressions } from "./suppress.js";

export interface AnalyzeOptions {
  showSecrets: boolean;
  /** Report content findings only on these 1-based lines (the lines a commit adds). */
  onlyLines?: LineFilter;
}

/** Git's own heuristic: a NUL byte in the first 8000 bytes makes a file binary. */
export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

export function fingerprint(...parts: (string | number)[]): string {
  return createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 32);
}

/** The findings of the rules about the file itself (its name, whether git commits it). */
export function fileFindings(file: SourceFile, ruleSet: RuleSet): Finding[] {
  const findings: Finding[] = [];
  for (const rule of ruleSet.fileRules) {
    const severity = ruleSet.severity(rule.id, file.path);
    const message = severity && rule.check({ path: file.path, status: file.status, ignored: file.ignored, content: file.content });
    if (!severity || !message || ruleSet.isAllowed(rule.id, file.path)) continue;
    findings.push({
      ruleId: rule.id,
      severity,
      file: file.path,
      line: null,
      column: null,
      endLine: null,
      endColumn: null,
      message,
      secret: null,
      fingerprint: fingerprint(rule.id, file.path),
    });
  }
  return findings;
}

/** prefilter → match → suppress → findings, for one file. */
export function analyzeFile(file: SourceFile, ruleSet: RuleSet, options: AnalyzeOptions): Finding[] {
  const findings = fileFindings(file, ruleSet);
  const { rules: contentRules, contains } = ruleSet.prefilter(file.content);
  if (contentRules.length === 0) return findings;

  let text = file.content.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // columns count from after a BOM, as editors do
  const lines = new LineIndex(text);
  const suppressions = new Suppressions(text, lines);
  const matches: { ruleId: string; match: TextMatch; line: number }[] = [];
  for (const rule of contentRules) {
    if (!ruleSet.severity(rule.id, file.path)) continue;
    for (const match of checkText(rule, { text, path: file.path, contains })) {
      const line = lines.lineOf(match.start);
      if (options.onlyLines && !options.onlyLines.has(line)) continue;
      if (suppressions.isSuppressed(rule.id, line)) continue;
      if (ruleSet.isAllowed(rule.id, match.secret ?? text.slice(match.start, match.end))) continue;
      matches.push({ ruleId: rule.id, match, line });
    }
  }
  const occurrences = new Map<string, number>();
  for (const { ruleId, match } of withoutOverlaps(matches, ruleSet.precedence)) {
    const start = lines.position(match.start);
    const end = lines.position(match.end);
    const value = match.secret ?? text.slice(match.start, match.end);
    // The n-th occurrence of the same value keeps its fingerprint when other lines move.
    const key = `${ruleId}\0${value}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    findings.push({
      ruleId,
      severity: ruleSet.severity(ruleId, file.path) ?? "error",
      file: file.path,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      message: match.message,
      secret: match.secret === undefined ? null : options.showSecrets ? match.secret : redact(match.secret),
      fingerprint: fingerprint(ruleId, file.path, value, occurrence),
    });
  }
  return findings;
}

/** One finding per piece of text: where spans overlap, the rule listed first wins. */
function withoutOverlaps<T extends { ruleId: string; match: TextMatch }>(
  matches: T[],
  precedence: Map<string, number>,
): T[] {
  const rank = (item: T): number => precedence.get(item.ruleId) ?? Number.MAX_SAFE_INTEGER;
  const byPrecedence = [...matches].sort((a, b) => rank(a) - rank(b) || a.match.start - b.match.start);
  const kept: T[] = [];
  for (const candidate of byPrecedence) {
    const overlaps = kept.some((k) => candidate.match.start < k.match.end && k.match.start < candidate.match.end);
    if (!overlaps) kept.push(candidate);
  }
  return kept.sort((a, b) => a.match.start - b.match.start || rank(a) - rank(b));
}
