import type { ESLint, Linter } from "eslint";
import { rules as hfLintRules } from "../../rules/index.js";
import { VERSION } from "../package-info.js";
import { textLanguage } from "./language.js";
import { rules } from "./rules.js";

/**
 * Files the CLI scans that ESLint has no parser for, read by the plugin's plain-text language.
 * (JavaScript and TypeScript keep their parser: the rules run on their text all the same, and the
 * syntax tree adds fixes.)
 */
export const TEXT_FILES = [
  "**/*.{py,pyi,ipynb,r,R,jl,rs,go,java,kt,scala,rb,php,swift,c,cc,cpp,h,hpp,cs,lua,pl,sql}",
  "**/*.{yaml,yml,toml,ini,cfg,conf,properties,json,jsonc,json5,jsonl,xml,tf,tfvars,hcl}",
  "**/*.{md,mdx,rst,txt}",
  "**/*.{sh,bash,zsh,fish,ps1,bat,cmd}",
  "**/.env",
  "**/.env.*",
  "**/*.env",
  "**/{Dockerfile,Containerfile,Makefile,Procfile}",
  "**/{Dockerfile,Containerfile}.*",
  "**/*.{dockerfile,mk}",
  "**/{.npmrc,.pypirc,.netrc,.envrc}",
  // What `hf auth login` writes, judged by hf-token-file.
  "**/huggingface/token",
  "**/stored_tokens",
  "**/token",
];

const severities: Linter.RulesRecord = Object.fromEntries(
  hfLintRules.map((rule) => [`hf-lint/${rule.id}`, rule.severity === "error" ? "error" : "warn"]),
);

/**
 * The hf-lint rules for ESLint 9 and 10 flat config: `export default [hfLint.configs.recommended]`
 * for JavaScript and TypeScript, `export default [hfLint.configs.all].flat()` for every file type.
 */
const plugin = {
  meta: { name: "hf-lint", version: VERSION, namespace: "hf-lint" },
  rules,
  languages: { text: textLanguage },
  configs: {} as { recommended: Linter.Config; all: Linter.Config[] },
} satisfies ESLint.Plugin;

plugin.configs.recommended = { name: "hf-lint/recommended", plugins: { "hf-lint": plugin }, rules: severities };
plugin.configs.all = [
  plugin.configs.recommended,
  { name: "hf-lint/all/text", files: TEXT_FILES, plugins: { "hf-lint": plugin }, language: "hf-lint/text", rules: severities },
];

export default plugin;
// What require() returns (Node ≥ 20.19 loads ES modules with it): the plugin, as eslint.config.cjs expects.
export { plugin as "module.exports" };
