import type { Rule as ESLintRule } from "eslint";
import { rules as hfLintRules, type Rule } from "../../rules/index.js";
import { docsUrlFor } from "../../rules/types.js";
import { findingsFor } from "./analysis.js";
import { REPLACEMENT, repairsFor } from "./fixes.js";

/**
 * The root node of each language the rules may run in: JavaScript (`Program`), this plugin's
 * plain text and @eslint/json (`Document`), @eslint/markdown (`root`), @eslint/css (`StyleSheet`).
 * The rules read the whole text once, at the root.
 */
const ROOTS = ["Program", "Document", "root", "StyleSheet"];

/** An ESLint rule reporting the CLI's findings of `ids` (one id, or several for a deprecated alias). */
function adapter(ids: readonly string[], meta: ESLintRule.RuleMetaData): ESLintRule.RuleModule {
  const reported = new Set(ids);
  return {
    meta,
    create(context) {
      const report = (): void => {
        const { sourceCode } = context;
        for (const located of findingsFor(sourceCode, context.filename, context.cwd)) {
          if (!reported.has(located.finding.ruleId)) continue;
          context.report({
            message: located.finding.message,
            loc: { start: sourceCode.getLocFromIndex(located.start), end: sourceCode.getLocFromIndex(located.end) },
            ...repairsFor(sourceCode, located),
          });
        }
      };
      return Object.fromEntries(ROOTS.map((root) => [root, report]));
    },
  };
}

const MESSAGES = { useEnv: `Replace the literal with ${REPLACEMENT}`, rename: "Rename it to {{replacement}}" };

function metaOf(rule: Rule): ESLintRule.RuleMetaData {
  const content = rule.kind === "content";
  return {
    type: rule.severity === "error" ? "problem" : "suggestion",
    docs: { description: rule.description, recommended: true, url: rule.docsUrl },
    ...(rule.id === "legacy-token-env" ? { fixable: "code" as const } : {}),
    hasSuggestions: content,
    schema: [],
    defaultOptions: [],
    messages: content ? MESSAGES : {},
  };
}

/** One ESLint rule per hf-lint rule, under the same id (`hf-lint/<id>`). */
export const rules: Record<string, ESLintRule.RuleModule> = Object.fromEntries(
  hfLintRules.map((rule) => [rule.id, adapter([rule.id], metaOf(rule))]),
);

/**
 * The plugin's rule ids before it ran the CLI's rules, kept as deprecated aliases so existing
 * configs keep working; each reports what its replacements report (do not enable both).
 */
export const DEPRECATED_ALIASES: Readonly<Record<string, readonly string[]>> = {
  "no-hf-token": ["hf-token", "hf-org-token"],
  "no-hardcoded-token-argument": ["hardcoded-token-argument"],
  "no-legacy-token-env": ["legacy-token-env"],
};

for (const [alias, ids] of Object.entries(DEPRECATED_ALIASES)) {
  const replaced = ids.map((id) => rules[id]!.meta!);
  rules[alias] = adapter(ids, {
    ...replaced[0],
    docs: { description: `Deprecated: use ${ids.map((id) => `hf-lint/${id}`).join(" and ")}.`, url: docsUrlFor(alias) },
    fixable: replaced.some((meta) => meta.fixable) ? "code" : undefined,
    deprecated: {
      message: "The plugin now runs the CLI's rules under the CLI's ids.",
      url: docsUrlFor(alias),
      deprecatedSince: "0.2.0",
      replacedBy: ids.map((id) => ({ rule: { name: `hf-lint/${id}`, url: docsUrlFor(id) } })),
    },
  });
}
