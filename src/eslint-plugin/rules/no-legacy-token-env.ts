import type { Rule } from "eslint";
import type { Node } from "estree";
import { LEGACY_NAMES } from "../../../rules/legacy-token-env.js";
import { docs, envVariableName } from "../shared.js";

/** The environment variable names among the legacy names (the table also holds `use_auth_token`). */
const LEGACY_VARIABLES = Object.entries(LEGACY_NAMES).filter(([, legacy]) => legacy.replacement === "HF_TOKEN");

/** `process.env` lookups of the legacy token variables → `HF_TOKEN` (CLI rule legacy-token-env), with an autofix. */
const rule: Rule.RuleModule = {
  meta: {
    type: "suggestion",
    docs: docs("no-legacy-token-env", "Enforce HF_TOKEN over legacy and deprecated token variable names"),
    fixable: "code",
    schema: [],
    defaultOptions: [],
    messages: {
      legacy: "`{{name}}` {{why}}: use `HF_TOKEN` instead (the Hugging Face libraries read HF_TOKEN first).",
    },
  },
  create(context) {
    return {
      MemberExpression(node) {
        const name = envVariableName(node as Node);
        const legacy = LEGACY_VARIABLES.find(([legacyName]) => legacyName === name)?.[1];
        if (!name || !legacy) return;
        const property = node.property;
        context.report({
          node: property,
          messageId: "legacy",
          data: { name, why: legacy.why },
          fix: (fixer) =>
            node.computed
              ? fixer.replaceText(property, context.sourceCode.getText(property).replace(name, legacy.replacement))
              : fixer.replaceText(property, legacy.replacement),
        });
      },
    };
  },
};

export default rule;
