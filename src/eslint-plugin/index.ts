import type { ESLint, Linter, Rule } from "eslint";
import noHardcodedTokenArgument from "./rules/no-hardcoded-token-argument.js";
import noHfToken from "./rules/no-hf-token.js";
import noLegacyTokenEnv from "./rules/no-legacy-token-env.js";
import { VERSION } from "../package-info.js";


const rules: Record<string, Rule.RuleModule> = {
  "no-hf-token": noHfToken,
  "no-hardcoded-token-argument": noHardcodedTokenArgument,
  "no-legacy-token-env": noLegacyTokenEnv,
};

/** The hf-lint rules for ESLint 9 and 10 flat config: `export default [hfLint.configs.recommended]`. */
const plugin = {
  meta: { name: "hf-lint", version: VERSION, namespace: "hf-lint" },
  rules,
  configs: {} as { recommended: Linter.Config },
} satisfies ESLint.Plugin;

plugin.configs.recommended = {
  name: "hf-lint/recommended",
  plugins: { "hf-lint": plugin },
  rules: {
    "hf-lint/no-hf-token": "error",
    "hf-lint/no-hardcoded-token-argument": "error",
    "hf-lint/no-legacy-token-env": "warn",
  },
};

export default plugin;
// What require() returns (Node ≥ 20.19 loads ES modules with it): the plugin, as eslint.config.cjs expects.
export { plugin as "module.exports" };
