import type { Rule } from "eslint";
import type { CallExpression, NewExpression, Node, Property } from "estree";
import { hardcodedMessage } from "../../../rules/hardcoded-token-argument.js";
import { TOKEN_ENV_VARS, looksLikeCredential, realTokenPrefix, redact } from "../../../rules/shared/credentials.js";
import { REPLACEMENT, docs, envVariableName, staticString } from "../shared.js";

const CLIENTS = new Set(["InferenceClient", "HfInference"]);
const CREDENTIAL_KEYS = new Set(["token", "accessToken", "apiKey"]);
const TOKEN_VARIABLES = new Set<string>(TOKEN_ENV_VARS);
const MODULE_PREFIX = "@huggingface/";

/** A credential literal found while walking the file, reported once the whole file is known. */
interface Candidate {
  literal: Node;
  value: string;
  where: string;
  suggest: boolean;
  /** Only a problem in a file that loads an `@huggingface/` package. */
  needsHuggingFace: boolean;
}

function isHuggingFaceModule(source: Node | null | undefined): boolean {
  return staticString(source)?.startsWith(MODULE_PREFIX) ?? false;
}

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
 * reported once. Objects count as "passed to Hugging Face calls" in files that import,
 * require or dynamically import an `@huggingface/` package (anywhere in the file), and always
 * as arguments of the Inference clients.
 */
const rule: Rule.RuleModule = {
  meta: {
    type: "problem",
    docs: docs("no-hardcoded-token-argument", "Disallow credential literals passed to Hugging Face clients"),
    hasSuggestions: true,
    schema: [],
    defaultOptions: [],
    messages: {
      hardcoded: hardcodedMessage("{{where}}", "{{secret}}"),
      useEnv: `Replace the literal with ${REPLACEMENT}`,
    },
  },
  create(context) {
    let importsHuggingFace = false;
    const candidates: Candidate[] = [];

    function collect(literal: Node | null | undefined, where: string, suggest: boolean, needsHuggingFace = false): void {
      const value = staticString(literal);
      if (!literal || value === null || realTokenPrefix(value) || !looksLikeCredential(value)) return;
      candidates.push({ literal, value, where, suggest, needsHuggingFace });
    }

    function checkCall(node: CallExpression | NewExpression): void {
      const name = calleeName(node);
      const isClient = node.type === "NewExpression" && name !== null && CLIENTS.has(name);
      if (isClient) collect(node.arguments[0] as Node, `the ${name} constructor`, true);
      for (const argument of node.arguments) {
        if (argument.type !== "ObjectExpression") continue;
        for (const property of argument.properties) {
          if (property.type !== "Property") continue;
          const key = keyName(property);
          if (key && CREDENTIAL_KEYS.has(key)) collect(property.value as Node, `the \`${key}\` option`, true, !isClient);
        }
      }
    }

    return {
      ImportDeclaration(node) {
        if (isHuggingFaceModule(node.source)) importsHuggingFace = true;
      },
      ImportExpression(node) {
        if (isHuggingFaceModule(node.source)) importsHuggingFace = true;
      },
      CallExpression(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "require" && isHuggingFaceModule(node.arguments[0] as Node)) {
          importsHuggingFace = true;
        }
        checkCall(node);
      },
      NewExpression: checkCall,
      AssignmentExpression(node) {
        const name = envVariableName(node.left as Node);
        // No suggestion here: it would assign the variable to itself.
        if (name && TOKEN_VARIABLES.has(name)) collect(node.right as Node, `process.env.${name}`, false);
      },
      "Program:exit"() {
        for (const { literal, value, where, suggest, needsHuggingFace } of candidates) {
          if (needsHuggingFace && !importsHuggingFace) continue;
          context.report({
            node: literal,
            messageId: "hardcoded",
            data: { where, secret: redact(value) },
            suggest: suggest ? [{ messageId: "useEnv", fix: (fixer) => fixer.replaceText(literal, REPLACEMENT) }] : [],
          });
        }
      },
    };
  },
};

export default rule;
