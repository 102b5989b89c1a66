/**
 * A rule is one registered module with a doc page that matches its meta: a file in rules/ that
 * is not registered, a rule (CLI or ESLint plugin) without a doc page, or a doc that drifts from
 * the rule's meta fails here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import plugin from "../src/eslint-plugin/index.js";

const RULES_DIR = new URL("../rules/", import.meta.url);
const NOT_RULES = new Set(["index.ts", "types.ts"]);
const ruleFiles = readdirSync(RULES_DIR).filter((name) => name.endsWith(".ts") && !NOT_RULES.has(name));

describe("rules/", () => {
  it.each(ruleFiles)("%s is a registered rule whose id is its file name", async (name) => {
    const module = (await import(new URL(name.replace(/\.ts$/, ".js"), RULES_DIR).href)) as { default?: unknown };
    expect(rules).toContain(module.default);
    expect(rules.find((rule) => rule === module.default)?.id).toBe(name.slice(0, -3));
  });

  it("registers nothing that is not a file of rules/, and no id twice", () => {
    expect(rules.map((rule) => `${rule.id}.ts`).sort()).toEqual([...ruleFiles].sort());
  });
});

describe("documentation", () => {
  const docPage = (url: string | undefined) => {
    const name = /\/docs\/rules\/([a-z0-9-]+\.md)$/.exec(url ?? "")?.[1];
    return name === undefined ? null : new URL(`../docs/rules/${name}`, import.meta.url);
  };

  it.each(rules.map((rule) => [rule.id, rule] as const))("CLI rule %s has its doc page", (_, rule) => {
    const page = docPage(rule.docsUrl);
    expect(page && existsSync(page)).toBe(true);
  });

  it.each(Object.entries(plugin.rules))("ESLint plugin rule %s has a doc page", (_, rule) => {
    const page = docPage(rule.meta?.docs?.url);
    expect(page && existsSync(page)).toBe(true);
  });

  it("matches the rules' meta (the generated parts are up to date)", () => {
    const script = fileURLToPath(new URL("../scripts/generate.mjs", import.meta.url));
    const result = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
