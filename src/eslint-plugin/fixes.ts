import type { Rule, SourceCode } from "eslint";
import type { Node } from "estree";
import { LEGACY_NAMES } from "../../rules/legacy-token-env.js";
import type { Located } from "./analysis.js";

export const REPLACEMENT = "process.env.HF_TOKEN";

type Parented = Node & { parent?: Parented };
type Repairs = Pick<Rule.ReportDescriptorOptions, "fix" | "suggest">;

/**
 * Fixes come from the syntax tree, and only where the result is valid code: the detection
 * itself is the CLI's, on the text. Languages without a JavaScript tree (the plain-text language)
 * get the text rename `hf-lint --fix` makes, and no suggestion for secrets.
 */
export function repairsFor(sourceCode: SourceCode, { finding, start, end }: Located): Repairs {
  const tree = typeof sourceCode.getNodeByRangeIndex === "function";
  if (finding.ruleId === "legacy-token-env") {
    const replacement = LEGACY_NAMES[sourceCode.text.slice(start, end)]?.replacement;
    if (!replacement) return {};
    const rename: Rule.ReportFixer = (fixer) => fixer.replaceTextRange([start, end], replacement);
    if (!tree) return { fix: rename };
    return legacyRepairs(sourceCode.getNodeByRangeIndex(start) as Parented | null, start, replacement, rename);
  }
  if (!tree || finding.secret === null) return {};
  const literal = wholeLiteral(sourceCode.getNodeByRangeIndex(start) as Parented | null, start, end);
  if (!literal || !isExpressionSlot(literal)) return {};
  const text = (literal.parent?.type as string) === "JSXAttribute" ? `{${REPLACEMENT}}` : REPLACEMENT;
  return { suggest: [{ messageId: "useEnv", fix: (fixer) => fixer.replaceText(literal, text) }] };
}

/** The string literal (or template without expressions) whose whole value is `[start, end)`. */
function wholeLiteral(node: Parented | null, start: number, end: number): Parented | null {
  const literal = node?.type === "TemplateElement" ? (node.parent ?? null) : node;
  if (!literal?.range) return null;
  const isString =
    (literal.type === "Literal" && typeof literal.value === "string") ||
    (literal.type === "TemplateLiteral" && literal.expressions.length === 0);
  return isString && literal.range[0] + 1 === start && literal.range[1] - 1 === end ? literal : null;
}

/** Parents under which a literal is a value that `process.env.HF_TOKEN` may replace. */
const VALUE_PARENTS = new Set([
  "VariableDeclarator", "CallExpression", "NewExpression", "AssignmentPattern", "ArrayExpression",
  "ReturnStatement", "ConditionalExpression", "LogicalExpression", "PropertyDefinition", "JSXExpressionContainer",
  "JSXAttribute", "ArrowFunctionExpression", "AwaitExpression", "TSAsExpression", "TSSatisfiesExpression",
  "TSNonNullExpression", "TSTypeAssertion", "ParenthesizedExpression",
]);

/**
 * Not in type positions (`TSLiteralType`), enum members, import sources, keys or directives, and
 * not the value assigned to an environment variable (it would assign the variable to itself).
 */
function isExpressionSlot(literal: Parented): boolean {
  const parent = literal.parent;
  if (!parent) return false;
  if (parent.type === "Property") return parent.value === literal && parent.parent?.type === "ObjectExpression";
  if (parent.type === "AssignmentExpression") {
    const target = parent.left as Parented;
    return parent.right === literal && !(target.type === "MemberExpression" && isProcessEnv(target.object as Parented));
  }
  if (parent.type === "PropertyDefinition") return parent.value === literal;
  if (parent.type === "VariableDeclarator") return parent.init === literal;
  if (parent.type === "CallExpression" || parent.type === "NewExpression") return parent.callee !== literal;
  return VALUE_PARENTS.has(parent.type);
}

function isProcessEnv(node: Parented | null): boolean {
  return (
    node?.type === "MemberExpression" &&
    !node.computed &&
    node.object.type === "Identifier" &&
    node.object.name === "process" &&
    node.property.type === "Identifier" &&
    node.property.name === "env"
  );
}

/**
 * A legacy name is renamed automatically where it names the variable of a `process.env` lookup
 * (`process.env.X`, `process.env["X"]`, `const { X } = process.env`); inside other strings the
 * rename is offered as a suggestion, and identifiers are left alone (renaming one use breaks the others).
 */
function legacyRepairs(node: Parented | null, start: number, replacement: string, rename: Rule.ReportFixer): Repairs {
  const parent = node?.parent;
  if (!node || !parent) return {};
  if (parent.type === "MemberExpression" && parent.property === node && isProcessEnv(parent.object as Parented)) {
    return { fix: rename };
  }
  if (parent.type === "Property" && parent.key === node && parent.parent?.type === "ObjectPattern" && isProcessEnv(destructuredFrom(parent.parent))) {
    // `{ X }` binds a local X: keep that binding and read HF_TOKEN into it.
    return { fix: parent.shorthand ? (fixer) => fixer.insertTextBeforeRange([start, start], `${replacement}: `) : rename };
  }
  if ((node.type === "Literal" && typeof node.value === "string") || node.type === "TemplateElement") {
    return { suggest: [{ messageId: "rename", data: { replacement }, fix: rename }] };
  }
  return {};
}

/** The object a destructuring pattern takes its values from (`const {…} = x`, `({…} = x)`). */
function destructuredFrom(pattern: Parented): Parented | null {
  const parent = pattern.parent;
  if (parent?.type === "VariableDeclarator" && parent.id === pattern) return (parent.init as Parented | null) ?? null;
  if (parent?.type === "AssignmentExpression" && parent.left === pattern) return parent.right as Parented;
  return null;
}
