import type { Rule } from "eslint";
import type { Node, ObjectPattern } from "estree";
import { LEGACY_NAMES, legacyMessage } from "../../../rules/legacy-token-env.js";
import { docs, envVariableName, isProcessEnv, staticString } from "../shared.js";

/** The environment variable names among the legacy names (the table also holds `use_auth_token`). */
const LEGACY_VARIABLES = new Map(Object.entries(LEGACY_NAMES).filter(([, legacy]) => legacy.replacement === "HF_TOKEN"));

/** The object a destructuring pattern takes its values from (`const {…} = x`, `({…} = x)`). */
function destructuredFrom(pattern: ObjectPattern & Rule.NodeParentExtension): Node | null {
  const parent = pattern.parent;
  if (parent.type === "VariableDeclarator" && parent.id === pattern) return parent.init ?? null;
  if (parent.type === "AssignmentExpression" && parent.left === pattern) return parent.right;
  return null;
}

/**
 * `process.env` lookups of the legacy token variables → `HF_TOKEN` (CLI rule legacy-token-env),
 * with an autofix: `process.env.X`, `process.env["X"]` and `const { X } = process.env`.
 */
const rule: Rule.RuleModule = {
  meta: {
    type: "suggestion",
    docs: docs("no-legacy-token-env", "Enforce HF_TOKEN over legacy and deprecated token variable names"),
    fixable: "code",
    schema: [],
    defaultOptions: [],
    messages: {
      legacy: legacyMessage("{{name}}", { why: "{{why}}", replacement: "{{replacement}}" }),
    },
  },
  create(context) {
    /** Reports the variable name written by `key`; a bare identifier is replaced, a string keeps its quotes. */
    function report(key: Node, name: string, fix: (fixer: Rule.RuleFixer, replacement: string) => Rule.Fix): void {
      const legacy = LEGACY_VARIABLES.get(name);
      if (!legacy) return;
      context.report({
        node: key,
        messageId: "legacy",
        data: { name, why: legacy.why, replacement: legacy.replacement },
        fix: (fixer) => fix(fixer, legacy.replacement),
      });
    }

    function rename(fixer: Rule.RuleFixer, key: Node, name: string, replacement: string): Rule.Fix {
      return key.type === "Identifier"
        ? fixer.replaceText(key, replacement)
        : fixer.replaceText(key, context.sourceCode.getText(key).replace(name, replacement));
    }

    return {
      MemberExpression(node) {
        const name = envVariableName(node as Node);
        const property = node.property as Node;
        if (name) report(property, name, (fixer, replacement) => rename(fixer, property, name, replacement));
      },
      ObjectPattern(node) {
        const source = destructuredFrom(node);
        if (!source || !isProcessEnv(source)) return;
        for (const property of node.properties) {
          if (property.type !== "Property") continue;
          const key = property.key as Node;
          const name = property.computed || key.type !== "Identifier" ? staticString(key) : key.name;
          if (!name) continue;
          // `{ X }` binds a local X: keep that binding and read HF_TOKEN into it.
          report(key, name, (fixer, replacement) =>
            property.shorthand ? fixer.insertTextBefore(key, `${replacement}: `) : rename(fixer, key, name, replacement),
          );
        }
      },
    };
  },
};

export default rule;
