import { createHash } from "node:crypto";
import { checkText } from "../../rules/shared/check-text.js";
import { redact } from "../../rules/shared/credentials.js";
import type { TextMatch } from "../../rules/types.js";
import type { Finding, SourceFile } from "../types.js";
import { hasWideMark } from "./encoding.js";
import { LineIndex } from "./positions.js";
import type { RuleSet } from "./rule-set.js";
import type { LineFilter } from "../sources/types.js";
import { Suppressions } from "./suppress.js";

export interface AnalyzeOptions {
  showSecrets: boolean;
  /** Report content findings only on these 1-based lines (the lines a commit adds). */
  onlyLines?: LineFilter;
  /** Content findings to return at most, the first by position (a file of nothing but tokens has a match per line). */
  maxFindings?: number;
}

/** How far git's own heuristic looks: a NUL byte in the first 8000 bytes makes a file binary. */
export const BINARY_TEST_BYTES = 8000;

export function isBinary(content: Buffer): boolean {
  // UTF-16 and UTF-32 text with its byte order mark is full of NUL bytes, and still text.
  return !hasWideMark(content) && content.subarray(0, BINARY_TEST_BYTES).includes(0);
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
  for (const { ruleId, match } of withoutOverlaps(matches, ruleSet.precedence).slice(0, options.maxFindings)) {
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
      ...(match.secret === undefined ? {} : { secretFingerprint: fingerprint("secret", match.secret) }),
    });
  }
  return findings;
}

/**
 * One finding per piece of text: where spans overlap, the rule listed first wins. Rule by rule,
 * in precedence order, against the spans kept so far (disjoint, so sorted by start and searched
 * by bisection): a file with a match on every line made the pairwise check quadratic.
 */
function withoutOverlaps<T extends { ruleId: string; match: TextMatch }>(
  matches: T[],
  precedence: Map<string, number>,
): T[] {
  const rank = (item: T): number => precedence.get(item.ruleId) ?? Number.MAX_SAFE_INTEGER;
  const byRank = new Map<number, T[]>();
  for (const item of matches) {
    const group = byRank.get(rank(item));
    if (group) group.push(item);
    else byRank.set(rank(item), [item]);
  }
  let kept: T[] = [];
  for (const [, group] of [...byRank].sort(([a], [b]) => a - b)) {
    const added: T[] = [];
    for (const candidate of group.sort((a, b) => a.match.start - b.match.start)) {
      const last = added[added.length - 1];
      if (last && candidate.match.start < last.match.end) continue;
      if (!overlapsAny(kept, candidate.match)) added.push(candidate);
    }
    kept = mergeByStart(kept, added);
  }
  return kept;
}

/** Whether a span overlaps one of `spans` (disjoint, sorted by start). */
function overlapsAny(spans: readonly { match: TextMatch }[], span: TextMatch): boolean {
  let low = 0;
  let high = spans.length; // first span starting at or after span.end
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((spans[mid]?.match.start ?? 0) < span.end) low = mid + 1;
    else high = mid;
  }
  const before = spans[low - 1];
  return before !== undefined && before.match.end > span.start;
}

function mergeByStart<T extends { match: TextMatch }>(a: T[], b: T[]): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && (a[i]?.match.start ?? 0) <= (b[j]?.match.start ?? 0)) ? a[i++] : b[j++];
    if (next) merged.push(next);
  }
  return merged;
}
