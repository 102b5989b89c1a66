import type { Rule } from "eslint";
import type { Node } from "estree";
import { docsUrlFor } from "../../rules/types.js";

/** `meta.docs` for a plugin rule: the same documentation site as the CLI rules. */
export function docs(name: string, description: string): Rule.RuleMetaData["docs"] {
  return { description, recommended: true, url: docsUrlFor(name) };
}

/** The value of a string literal or of a template literal without expressions, else null. */
export function staticString(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/** `process.env`, the object every environment lookup goes through. */
export function isProcessEnv(node: Node): boolean {
  return (
    node.type === "MemberExpression" &&
    node.object.type === "Identifier" &&
    node.object.name === "process" &&
    !node.computed &&
    node.property.type === "Identifier" &&
    node.property.name === "env"
  );
}

/** The variable name of `process.env.NAME` or `process.env["NAME"]`, else null. */
export function envVariableName(node: Node): string | null {
  if (node.type !== "MemberExpression" || !isProcessEnv(node.object as Node)) return null;
  if (!node.computed && node.property.type === "Identifier") return node.property.name;
  return node.computed ? staticString(node.property as Node) : null;
}

export const REPLACEMENT = "process.env.HF_TOKEN";
