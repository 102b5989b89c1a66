import ignore, { type Ignore } from "ignore";
import { rules as allRules, type ContentRule, type FileRule, type Rule, type Severity } from "../../rules/index.js";
import type { Config, Level } from "../config/schema.js";
import { KeywordScanner } from "./keywords.js";

const LEVELS: Record<Level, Severity | null> = { off: null, warn: "warning", error: "error" };

interface Override {
  matcher: Ignore;
  levels: Partial<Record<string, Level>>;
}

/** What the prefilter found in one file: the rules to run, and its keyword answers to reuse. */
export interface Prefiltered {
  rules: ContentRule[];
  /** Whether the file contains a keyword: all declared keywords are searched in one pass. */
  contains: (keyword: string) => boolean;
}

/**
 * The rules as configured: which run, at what severity, for which paths, with which
 * allowed values. Built once per scan; everything per-file is a lookup.
 */
export class RuleSet {
  readonly contentRules: ContentRule[];
  readonly fileRules: FileRule[];
  private readonly scanner: KeywordScanner;
  /** Position of each rule in precedence order, for de-duplicating overlapping findings. */
  readonly precedence: Map<string, number>;
  private readonly levels: Map<string, Severity>;
  private readonly overrides: Override[];
  private readonly allow: Map<string, RegExp[]>;

  constructor(config: Config, rules: readonly Rule[] = allRules) {
    this.overrides = (config.overrides ?? []).map((override) => ({
      matcher: ignore().add(override.files),
      levels: override.rules,
    }));
    const overridden = new Set(this.overrides.flatMap((override) => Object.keys(override.levels)));
    this.levels = new Map();
    for (const rule of rules) {
      const level = config.rules?.[rule.id];
      const severity = level ? LEVELS[level] : rule.severity;
      if (severity) this.levels.set(rule.id, severity);
    }
    // A rule off globally but on in an override still has to run.
    const runs = (rule: Rule): boolean => this.levels.has(rule.id) || overridden.has(rule.id);
    this.contentRules = rules.filter((rule): rule is ContentRule => rule.kind === "content" && runs(rule));
    this.fileRules = rules.filter((rule): rule is FileRule => rule.kind === "file" && runs(rule));
    this.precedence = new Map(rules.map((rule, index) => [rule.id, index]));
    this.allow = new Map(
      Object.entries(config.allow ?? {}).map(([id, patterns]) => [id, patterns.map((p) => new RegExp(p))]),
    );
    this.scanner = new KeywordScanner(this.contentRules.flatMap((rule) => rule.keywords));
  }

  /** The severity of a rule for a file, or null when it is off there. */
  severity(ruleId: string, path: string): Severity | null {
    let severity = this.levels.get(ruleId) ?? null;
    for (const override of this.overrides) {
      const level = override.levels[ruleId];
      if (level && override.matcher.ignores(path)) severity = LEVELS[level];
    }
    return severity;
  }

  /** Whether a configured `allow` pattern accepts this value for this rule. */
  isAllowed(ruleId: string, value: string): boolean {
    return this.allow.get(ruleId)?.some((pattern) => pattern.test(value)) ?? false;
  }

  /**
   * The content rules whose keywords occur in the raw bytes: the cheap prefilter. Rules that
   * match later ask `contains` about their keywords instead of searching the text again.
   */
  prefilter(content: Buffer): Prefiltered {
    const contains = this.scanner.scan(content);
    return { rules: this.contentRules.filter((rule) => rule.keywords.some(contains)), contains };
  }
}
