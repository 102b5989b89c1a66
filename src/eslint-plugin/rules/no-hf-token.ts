import type { Rule } from "eslint";
import type { Node } from "estree";
import { TOKEN_PREFIXES, redact, tokenKind } from "../../../rules/shared/credentials.js";
import { findTokens, tokenKeywords } from "../../../rules/shared/find-tokens.js";
import { tokenMessage } from "../../../rules/shared/token-rule.js";
import { REPLACEMENT, docs, staticString } from "../shared.js";

const KEYWORDS = TOKEN_PREFIXES.flatMap((prefix) => tokenKeywords(prefix));

/** hf_ and api_org_ tokens in strings, template literals, JSX text and comments (CLI rules hf-token, hf-org-token). */
const rule: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: docs("no-hf-token", "Disallow Hugging Face access tokens in source code"),
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
    messages: {
      token: tokenMessage("{{what}}", false, "{{secret}}"),
      encodedToken: tokenMessage("{{what}}", true, "{{secret}}"),
      useEnv: `Replace the literal with ${REPLACEMENT}`,
    },
  },
  create(context) {
    const { sourceCode } = context;

    /** Reports tokens in the raw source text of a node or comment starting at `offset`. */
    function check(raw: string, offset: number, literal?: Node): void {
      if (!KEYWORDS.some((keyword) => raw.includes(keyword))) return; // cheap test before any regex
      for (const prefix of TOKEN_PREFIXES) {
        for (const hit of findTokens(raw, prefix)) {
          // When the token is the whole string, offer to read it from the environment instead.
          // (Not in JSX attributes, where an expression would need braces.)
          const wholeLiteral =
            literal && staticString(literal) === hit.token && (literal as { parent?: { type: string } }).parent?.type !== "JSXAttribute";
          context.report({
            loc: { start: sourceCode.getLocFromIndex(offset + hit.start), end: sourceCode.getLocFromIndex(offset + hit.end) },
            messageId: hit.encoded ? "encodedToken" : "token",
            data: { what: tokenKind(prefix).name, secret: redact(hit.token) },
            suggest: wholeLiteral ? [{ messageId: "useEnv", fix: (fixer) => fixer.replaceText(literal, REPLACEMENT) }] : [],
          });
        }
      }
    }

    const node = (n: Node): void => {
      const range = n.range ?? [0, 0];
      check(sourceCode.text.slice(range[0], range[1]), range[0], n);
    };
    return {
      Literal: (n) => {
        if (typeof n.value === "string") node(n);
      },
      TemplateElement: node,
      JSXText: (n: Node) => node(n),
      Program() {
        for (const comment of sourceCode.getAllComments()) {
          const range = comment.range ?? [0, 0];
          check(sourceCode.text.slice(range[0], range[1]), range[0]);
        }
      },
    } as Rule.RuleListener;
  },
};

export default rule;
