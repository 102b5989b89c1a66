#!/usr/bin/env node
// The plugin's cost per keystroke: a 1,000-line Python file re-linted through the ESLint API (as the
// editor extensions call it), one character changed before each run. Run after `npm run build`:
//   node scripts/bench-eslint-file.mjs
// Prints a Markdown table of medians and 95th percentiles for ESLint 10 and 9.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ESLint } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";
import hfLint from "../dist/src/eslint-plugin/index.js";

const RUNS = 300;
const WARM_UP = 30;

/** ML-project Python: imports, configs, environment lookups, token-named arguments, strings. */
function pythonFile(lines) {
  const blocks = [
    (i) => `def load_${i}(name: str, revision: str = "main"):`,
    (i) => `    model = AutoModel.from_pretrained(name, revision=revision, token=os.environ["HF_TOKEN"])  # ${i}`,
    () => `    tokenizer = AutoTokenizer.from_pretrained(name, pad_token="<pad>", eos_token="</s>")`,
    (i) => `    config = {"learning_rate": 3e-5, "batch_size": ${i % 64}, "hub_model_id": "org/model-${i}"}`,
    () => `    api_key = os.getenv("OPENAI_API_KEY")  # read at run time, never written here`,
    (i) => `    logger.info("loaded %s with %d parameters", name, model.num_parameters() + ${i})`,
    () => `    return model, tokenizer, config`,
    () => ``,
  ];
  const out = ["import os", "from transformers import AutoModel, AutoTokenizer", ""];
  for (let i = 0; out.length < lines; i++) out.push(blocks[i % blocks.length](i));
  return `${out.slice(0, lines).join("\n")}\n`;
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

async function measure(ESLintClass, root, config, text, findings) {
  const eslint = new ESLintClass({ cwd: root, overrideConfigFile: true, overrideConfig: config });
  const filePath = join(root, "app.py");
  const samples = [];
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    const typed = text.replace("batch_size", `batch_size${run % 10}`); // a keystroke: new text every run
    const start = performance.now();
    const [result] = await eslint.lintText(typed, { filePath });
    const elapsed = performance.now() - start;
    if (run >= WARM_UP) samples.push(elapsed);
    if (result.messages.length !== findings) throw new Error(`expected ${findings} findings: ${JSON.stringify(result.messages)}`);
  }
  return stats(samples);
}

const root = mkdtempSync(join(tmpdir(), "hf-lint-bench-eslint-"));
try {
  execFileSync("git", ["init", "-q", root]);
  const clean = pythonFile(1000);
  const secret = `${clean}login(token="${["aZ3kP9qR", "2mX7vB4n", "L8wT1yC6"].join("")}")\n`; // one finding: adds the git call
  writeFileSync(join(root, "app.py"), clean);
  const noRules = [{ ...hfLint.configs.all[1], rules: {} }];
  const rows = [];
  for (const [name, ESLintClass] of [["ESLint 10", ESLint], ["ESLint 9", ESLint9]]) {
    const cases = [
      ["plain-text language, no rules (ESLint's own cost)", noRules, clean, 0],
      ["configs.all, clean file", hfLint.configs.all, clean, 0],
      ["configs.all, one finding (adds a git ls-files call)", hfLint.configs.all, secret, 1],
    ];
    for (const [label, config, text, findings] of cases) {
      const { median, p95 } = await measure(ESLintClass, root, config, text, findings);
      rows.push(`| ${name} | ${label} | ${median.toFixed(2)} ms | ${p95.toFixed(2)} ms |`);
    }
  }
  console.log(`1,000-line Python file (${Buffer.byteLength(clean)} bytes), ${RUNS} runs after ${WARM_UP} warm-up, Node ${process.version}\n`);
  console.log("| ESLint | configuration | median | p95 |\n| --- | --- | --- | --- |");
  console.log(rows.join("\n"));
} finally {
  rmSync(root, { recursive: true, force: true });
}
