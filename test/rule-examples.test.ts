import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { analyzeFile } from "../src/engine/analyze.js";
import { RuleSet } from "../src/engine/rule-set.js";
import { fillExample } from "./helpers/tokens.js";

/** Every rule's own examples, gitleaks-style: flagged ones must be found, ignored ones must not. */
describe.each(rules.map((rule) => [rule.id, rule] as const))("%s examples", (id, rule) => {
  const ruleSet = new RuleSet({}, [rule]);
  const findingsFor = (path: string, status: Parameters<typeof analyzeFile>[0]["status"], text: string) =>
    analyzeFile({ path, status, content: Buffer.from(fillExample(text, 7)) }, ruleSet, { showSecrets: false }).filter(
      (finding) => finding.ruleId === id,
    );

  if (rule.kind === "content") {
    it.each(rule.examples.flagged.map((e) => [e.text.slice(0, 60), e] as const))("flags %j", (_, example) => {
      expect(findingsFor(example.filename ?? "example.txt", "tracked", example.text)).not.toHaveLength(0);
    });
    it.each(rule.examples.ignored.map((e) => [e.text.slice(0, 60), e] as const))("ignores %j", (_, example) => {
      expect(findingsFor(example.filename ?? "example.txt", "tracked", example.text)).toEqual([]);
    });
    it("flags its examples when its check is called directly, without the engine's keyword search", () => {
      for (const example of rule.examples.flagged) {
        expect(rule.check({ text: fillExample(example.text, 7), path: example.filename ?? "example.txt" })).not.toEqual([]);
      }
    });
  } else {
    it.each(rule.examples.flagged.map((e) => [`${e.path} (${e.status})`, e] as const))("flags %s", (_, example) => {
      expect(findingsFor(example.path, example.status, example.text ?? "")).toHaveLength(1);
    });
    it.each(rule.examples.ignored.map((e) => [`${e.path} (${e.status})`, e] as const))("ignores %s", (_, example) => {
      expect(findingsFor(example.path, example.status, example.text ?? "")).toEqual([]);
    });
  }

  it("has a doc page and complete metadata", async () => {
    const { existsSync } = await import("node:fs");
    expect(rule.docsUrl.endsWith(`/docs/rules/${id}.md`)).toBe(true);
    expect(existsSync(new URL(`../docs/rules/${id}.md`, import.meta.url))).toBe(true);
    expect(rule.description.length).toBeGreaterThan(20);
  });
});
