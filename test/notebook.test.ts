/** Notebooks are code: every rule runs on each cell's source and text outputs, positions in the .ipynb file. */
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.js";
import { notebookForm, notebookTexts } from "../rules/shared/notebook.js";
import { analyzeFile } from "../src/engine/analyze.js";
import { RuleSet } from "../src/engine/rule-set.js";
import { LineIndex } from "../src/engine/positions.js";
import { fakeCredential, fakeHfToken } from "./helpers/tokens.js";

const credential = fakeCredential(41);
const ruleSet = new RuleSet({});

function findings(path: string, text: string) {
  return analyzeFile({ path, status: "tracked", content: Buffer.from(text) }, ruleSet, { showSecrets: true });
}

/** A notebook as Jupyter writes it (one-space indent, one string per source line). */
function notebook(cells: object[]): string {
  return `${JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

const code = (source: string[] | string, outputs: object[] = []) => ({ cell_type: "code", metadata: {}, outputs, source });

/** The text at a finding's span, read back from the file by line and column. */
function spanText(text: string, finding: ReturnType<typeof findings>[number]): string {
  const lines = new LineIndex(text);
  expect(finding.line).toBe(finding.endLine);
  return lines.lineText(finding.line ?? 0).slice((finding.column ?? 0) - 1, (finding.endColumn ?? 0) - 1);
}

const CELLS: [string, string][] = [
  ["a token keyword argument", `login(token="${credential}")`],
  ["the InferenceClient api_key", `client = InferenceClient(api_key="${credential}")`],
  ["an os.environ write", `os.environ["HF_TOKEN"] = "${credential}"`],
  ["a HF_TOKEN assignment", `HF_TOKEN = "${credential}"`],
  ["the %env magic", `%env HF_TOKEN=${credential}`],
  ["a shell login command", `!huggingface-cli login --token ${credential}`],
];

describe.each(CELLS)("in a notebook cell, %s", (_, line) => {
  it("is found as in a .py file, at the value's place in the .ipynb file", () => {
    expect(findings("cell.py", `${line}\n`).map((f) => f.ruleId)).toEqual(["hardcoded-token-argument"]);
    const file = notebook([code(["import os\n", `${line}\n`, "print(1)\n"])]);
    const found = findings("demo.ipynb", file);
    expect(found.map((f) => f.ruleId)).toEqual(["hardcoded-token-argument"]);
    expect(found[0]?.secret).toBe(credential);
    expect(spanText(file, found[0]!)).toBe(credential);
  });

  it("is found when the source is one string", () => {
    const file = notebook([code(`x = 1\n${line}`)]);
    const found = findings("demo.ipynb", file);
    expect(found.map((f) => f.ruleId)).toEqual(["hardcoded-token-argument"]);
    expect(spanText(file, found[0]!)).toBe(credential);
  });
});

describe("notebook texts", () => {
  it("maps positions past escapes (quotes, tabs, \\u escapes) in the same JSON string", () => {
    const file = notebook([code([`s = "caf\u00e9\t\\"q\\""; login(token="${credential}")\n`])]);
    const ascii = file.replace("\u00e9", "\\u00e9"); // as nbformat writers with ensure_ascii do
    for (const text of [file, ascii]) {
      const found = findings("demo.ipynb", text);
      expect(found.map((f) => f.ruleId)).toEqual(["hardcoded-token-argument"]);
      expect(spanText(text, found[0]!)).toBe(credential);
    }
  });

  it("reads stream output, text data, tracebacks and metadata, but not images", () => {
    const token = fakeHfToken(42);
    const texts = notebookTexts(
      notebook([
        code(["print(1)\n"], [
          { output_type: "stream", name: "stdout", text: ["line one\n", "line two\n"] },
          { output_type: "display_data", data: { "text/plain": ["<Figure>"], "image/png": "iVBORw0KGgo" }, metadata: {} },
          { output_type: "error", ename: "E", evalue: "v", traceback: [`Error: ${token}`, "File train.py, line 3"] },
        ]),
      ]),
    ).texts.map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(["print(1)\n", "line one\nline two\n", "<Figure>"]));
    // A cell's other strings are the lines of one text (those too short to hold a finding left out)
    expect(texts.find((text) => text.includes("Error:"))?.split("\n")).toEqual([`Error: ${token}`, "File train.py, line 3"]);
    expect(texts.some((text) => text.includes("iVBORw0KGgo"))).toBe(false);
  });

  it("reports a token found both in the JSON and in a cell once", () => {
    const token = fakeHfToken(43);
    const found = findings("demo.ipynb", notebook([code([`token = "${token}"\n`])]));
    expect(found.map((f) => f.ruleId)).toEqual(["hf-token"]);
  });

  it("honours a suppression comment in the cell", () => {
    const file = notebook([code([`login(token="${credential}")  # hf-lint-disable-line hardcoded-token-argument\n`])]);
    expect(findings("demo.ipynb", file)).toEqual([]);
  });

  it("still scans a notebook that is not valid JSON, as text and as the strings it holds", () => {
    const token = fakeHfToken(44);
    expect(findings("broken.ipynb", `{"cells": [{"source": ["token = \\"${token}\\"\\n"`).map((f) => f.ruleId)).toEqual([
      "hf-token",
    ]);
    const broken = notebook([code([`login(token="${credential}")\n`])]).slice(0, -20);
    expect(findings("broken.ipynb", broken).map((f) => f.ruleId)).toEqual(["hardcoded-token-argument"]);
  });

  it("is silent on a legacy name read as the fallback of HF_TOKEN in a cell", () => {
    const fallback = 'token = os.getenv("HF_TOKEN") or os.getenv("HUGGING_FACE_' + 'HUB_TOKEN")\n';
    expect(findings("demo.ipynb", notebook([code([fallback])]))).toEqual([]);
  });

  it("keywords come with their JSON-escaped form, so the prefilter admits a notebook with them in a cell", () => {
    for (const rule of rules) {
      if (rule.kind !== "content") continue;
      for (const keyword of rule.keywords.filter((k) => !k.includes("\\"))) expect(rule.keywords).toContain(notebookForm(keyword));
    }
  });
});
