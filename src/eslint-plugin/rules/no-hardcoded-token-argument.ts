import type { Rule } from "eslint";
import type { CallExpression, NewExpression, Node, Property } from "estree";
import { TOKEN_ENV_VARS, looksLikeCredential, realTokenPrefix, redact } from "../../../rules/shared/credentials.js";
import { REPLACEMENT, docs, envVariableName, staticString } from "../shared.js";

const CLIENTS = new Set(["InferenceClient", "HfInference"]);
const CREDENTIAL_KEYS = new Set(["token", "accessToken", "apiKey"]);
const TOKEN_VARIABLES = new Set<string>(TOKEN_ENV_VARS);
const MODULE_PREFIX = "@huggingface/";

function calleeName(node: CallExpression | NewExpression): string | null {
  const callee = node.callee;
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") return callee.property.name;
  return null;
}

function keyName(property: Property): string | null {
  if (property.computed) return null;
  if (property.key.type === "Identifier") return property.key.name;
  return staticString(property.key as Node);
}

/**
 * Credential literals where Hugging Face clients take a token (CLI rule hardcoded-token-argument).
 * Literals that are realistic hf_/api_org_ tokens are left to no-hf-token, so a literal is
 * reported once. Objects count as "passed to Hugging Face calls" in files that import or
 * require an `@huggingface/` package, and always as arguments of the Inference clients.
 */
const rule: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: docs("no-hardcoded-token-argument", "Disallow credential literals passed to Hugging Face clients"),
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
    messages: {
      hardcoded:
        "Credential hardcoded in {{where}} ({{secret}}). Read it from HF_TOKEN instead; rotate it if it was ever committed or pushed.",
      useEnv: `Replace the literal with ${REPLACEMENT}`,
    },
  },
  create(context) {
    let importsHuggingFace = false;

    function check(literal: Node | null | undefined, where: string, suggest: boolean): void {
      const value = staticString(literal);
      if (!literal || value === null || realTokenPrefix(value) || !looksLikeCredential(value)) return;
      context.report({
        node: literal,
        messageId: "hardcoded",
        data: { where, secret: redact(value) },
        suggest: suggest ? [{ messageId: "useEnv", fix: (fixer) => fixer.replaceText(literal, REPLACEMENT) }] : [],
      });
    }

    function checkCall(node: CallExpression | NewExpression): void {
      const name = calleeName(node);
      const isClient = node.type === "NewExpression" && name !== null && CLIENTS.has(name);
      if (isClient) check(node.arguments[0] as Node, `the ${name} constructor`, true);
      if (!isClient && !importsHuggingFace) return;
      for (const argument of node.arguments) {
        if (argument.type !== "ObjectExpression") continue;
        for (const property of argument.properties) {
          if (property.type !== "Property") continue;
          const key = keyName(property);
          if (key && CREDENTIAL_KEYS.has(key)) check(property.value as Node, `the \`${key}\` option`, true);
        }
      }
    }

    return {
      ImportDeclaration(node) {
        if (String(node.source.value).startsWith(MODULE_PREFIX)) importsHuggingFace = true;
      },
      CallExpression(node) {
        const source = node.callee.type === "Identifier" && node.callee.name === "require" ? staticString(node.arguments[0] as Node) : null;
        if (source?.startsWith(MODULE_PREFIX)) importsHuggingFace = true;
        checkCall(node);
      },
      NewExpression: checkCall,
      AssignmentExpression(node) {
        const name = envVariableName(node.left as Node);
        if (name && TOKEN_VARIABLES.has(name)) check(node.right as Node, `process.env.${name}`, false);
      },
    };
  },
};

export default rule;
