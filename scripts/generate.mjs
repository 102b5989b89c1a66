#!/usr/bin/env node
// Regenerates what is derived from rule and config metadata: the config JSON schema,
// the header of each rule's doc page and the README rules table; and the keyword search's
// WebAssembly, assembled from its text form.
// `--check` writes nothing and exits 1 when anything is out of date (run by the tests).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { toJsonSchema } from "@valibot/to-json-schema";
import initWabt from "wabt";
import { rules } from "../dist/rules/index.js";
import { ConfigSchema } from "../dist/src/config/schema.js";
import eslintPlugin from "../dist/src/eslint-plugin/index.js";

const check = process.argv.includes("--check");
const root = new URL("../", import.meta.url);
const stale = [];

function update(path, next) {
  const file = new URL(path, root);
  const current = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (current === next) return;
  stale.push(path);
  if (!check) writeFileSync(file, next);
}

/** Replaces the text between `<!-- begin NAME -->` and `<!-- end NAME -->`. */
function between(text, name, body, path) {
  const begin = `<!-- begin ${name} -->`;
  const end = `<!-- end ${name} -->`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`${path}: missing ${begin} … ${end} markers`);
  return `${text.slice(0, from + begin.length)}\n${body}\n${text.slice(to)}`;
}

const schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  ...toJsonSchema(ConfigSchema, { errorMode: "ignore" }),
  $id: "https://github.com/hf-lint/hf-lint/blob/main/schema/hf-lint.config.schema.json",
  title: "hf-lint configuration (hf-lint.config.json, or the \"hf-lint\" key of package.json)",
};
update("schema/hf-lint.config.schema.json", `${JSON.stringify(schema, null, 2)}\n`);

/** What the ESLint twin of a rule offers, from its meta. */
function eslintLine(id) {
  const meta = eslintPlugin.rules[id].meta;
  const level = eslintPlugin.configs.recommended.rules[`hf-lint/${id}`];
  const repairs = [meta.fixable && "autofix where the result is valid code", meta.hasSuggestions && "suggestions"].filter(Boolean);
  return `- ESLint: \`hf-lint/${id}\`, ${level} in \`recommended\` and \`all\`${repairs.length ? `; ${repairs.join(", ")}` : ""}`;
}

for (const rule of rules) {
  const path = `docs/rules/${rule.id}.md`;
  const header = [
    `# ${rule.id}`,
    "",
    `${rule.description}`,
    "",
    `- Default severity: **${rule.severity}**`,
    `- Checks: ${rule.kind === "content" ? "file contents" : "the file itself (its name and whether git would commit it)"}`,
    rule.kind === "content" ? `- Prefilter keywords: ${rule.keywords.map((k) => `\`${k}\``).join(", ")}` : null,
    eslintLine(rule.id),
  ].filter((line) => line !== null).join("\n");
  const text = readFileSync(new URL(path, root), "utf8");
  update(path, between(text, "generated", header, path));
}

// The plugin's deprecated rule ids: a page each, pointing at what replaced them.
for (const [id, rule] of Object.entries(eslintPlugin.rules)) {
  const deprecated = rule.meta.deprecated;
  if (!deprecated) continue;
  const path = `docs/rules/${id}.md`;
  const header = [
    `# hf-lint/${id} (ESLint, deprecated)`,
    "",
    `Deprecated since ${deprecated.deprecatedSince}. ${deprecated.message} Replaced by ${deprecated.replacedBy
      .map(({ rule: { name } }) => `[\`${name}\`](${name.slice("hf-lint/".length)}.md)`)
      .join(" and ")}, which report the same findings.`,
  ].join("\n");
  const text = readFileSync(new URL(path, root), "utf8");
  update(path, between(text, "generated", header, path));
}

const table = [
  "| Rule | Default | What it finds |",
  "| --- | --- | --- |",
  ...rules.map((rule) => `| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.severity} | ${rule.description.replaceAll("|", "\\|")} |`),
].join("\n");
update("README.md", between(readFileSync(new URL("README.md", root), "utf8"), "rules", table, "README.md"));

const wat = "src/engine/keyword-scan.wat";
const wasm = (await initWabt()).parseWat(wat, readFileSync(new URL(wat, root), "utf8"), { simd: true }).toBinary({}).buffer;
update(
  "src/engine/keyword-scan-binary.ts",
  `// Generated from keyword-scan.wat by scripts/generate.mjs: do not edit.\n` +
    `export const KEYWORD_SCAN_WASM = "${Buffer.from(wasm).toString("base64")}";\n`,
);

if (stale.length > 0) {
  process.stderr.write(`${check ? "out of date" : "updated"}: ${stale.join(", ")}${check ? " (run npm run generate)" : ""}\n`);
  if (check) process.exitCode = 1;
}
