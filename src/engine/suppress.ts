import type { LineIndex } from "./positions.js";

const DIRECTIVE = /hf-lint-disable-(next-)?line\b([ \t]+[a-z][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z][a-z0-9-]*)*)?/g;
const KEYWORD = "hf-lint-disable-";

/**
 * Inline suppressions in any comment syntax (`#`, `//`, `/* *\/`, `<!-- -->`): the directive
 * is recognised anywhere on the line, optionally followed by the rule ids it applies to.
 */
export class Suppressions {
  private readonly cache = new Map<number, { sameLine: RuleFilter; nextLine: RuleFilter }>();
  /** Searched for on the first finding only: most files have none, and the search reads the whole text. */
  private hasDirectives: boolean | undefined;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  isSuppressed(ruleId: string, line: number): boolean {
    this.hasDirectives ??= this.text.includes(KEYWORD);
    if (!this.hasDirectives) return false;
    return this.directives(line).sameLine(ruleId) || (line > 1 && this.directives(line - 1).nextLine(ruleId));
  }

  private directives(line: number): { sameLine: RuleFilter; nextLine: RuleFilter } {
    let parsed = this.cache.get(line);
    if (!parsed) {
      parsed = { sameLine: NONE, nextLine: NONE };
      for (const match of this.lines.lineText(line).matchAll(DIRECTIVE)) {
        const ids = match[2]?.split(",").map((id) => id.trim());
        const filter: RuleFilter = ids ? (ruleId) => ids.includes(ruleId) : ALL;
        if (match[1]) parsed.nextLine = either(parsed.nextLine, filter);
        else parsed.sameLine = either(parsed.sameLine, filter);
      }
      this.cache.set(line, parsed);
    }
    return parsed;
  }
}

type RuleFilter = (ruleId: string) => boolean;
const NONE: RuleFilter = () => false;
const ALL: RuleFilter = () => true;
const either = (a: RuleFilter, b: RuleFilter): RuleFilter => (ruleId) => a(ruleId) || b(ruleId);
