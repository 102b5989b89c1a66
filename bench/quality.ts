/** Detection quality on the labelled corpus: hf-lint against secretlint's Hugging Face rule. */
import { spawnSync } from "node:child_process";
import { relative } from "node:path";
import type { Case } from "./corpus.js";

export interface Quality {
  tool: string;
  found: number;
  positives: number;
  falsePositives: number;
  decoys: number;
  missed: string[];
  noisy: string[];
}

function score(tool: string, cases: Case[], flagged: Set<string>): Quality {
  const positives = cases.filter((c) => c.positive);
  const decoys = cases.filter((c) => !c.positive);
  return {
    tool,
    found: positives.filter((c) => flagged.has(c.file)).length,
    positives: positives.length,
    falsePositives: decoys.filter((c) => flagged.has(c.file)).length,
    decoys: decoys.length,
    missed: positives.filter((c) => !flagged.has(c.file)).map((c) => c.file),
    noisy: decoys.filter((c) => flagged.has(c.file)).map((c) => c.file),
  };
}

/** Files with an error-severity finding (legacy-name warnings are advice, not detections). */
export function hfLintQuality(cli: string, corpus: string, cases: Case[]): Quality {
  const result = spawnSync(process.execPath, [cli, "--format", "json", "--quiet"], { cwd: corpus, encoding: "utf8" });
  const report = JSON.parse(result.stdout) as { findings: { file: string; severity: string }[] };
  return score("hf-lint", cases, new Set(report.findings.map((f) => f.file)));
}

export function secretlintQuality(secretlint: string, config: string, corpus: string, cases: Case[]): Quality {
  const result = spawnSync(secretlint, ["--secretlintrc", config, "--format", "json", "--no-color", "**/*"], {
    cwd: corpus,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const results = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
  const flagged = new Set(
    results
      .filter((r) => r.messages.some((m) => m.ruleId.includes("huggingface")))
      .map((r) => relative(corpus, r.filePath)),
  );
  return score("secretlint (Hugging Face rule)", cases, flagged);
}
