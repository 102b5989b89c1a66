/**
 * The step of the GitHub Action (action.yml): one scan by this package's CLI, shown three ways —
 * annotations on the pull request, a SARIF file for github/codeql-action/upload-sarif, and a job
 * summary table, which also counts what GitHub leaves out (it shows at most 10 annotations of each
 * level per step). Exits as the CLI did. Inputs come from the environment that action.yml sets.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { plural } from "../report.js";
import { loadReporter } from "../reporters/load.js";
import type { Report } from "../types.js";
import { Output, maskTokens } from "./output.js";

const out = new Output(false);

/** GitHub's limit of annotations shown per level and step. */
const SHOWN_PER_LEVEL = 10;

/** The `args` input as words; single or double quotes keep spaces inside one argument. */
function splitArgs(input: string): string[] {
  return [...input.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

/** The summary's note on annotations GitHub does not show. */
function hiddenAnnotations(report: Report): string {
  const hidden = (count: number, level: string) => (count > SHOWN_PER_LEVEL ? [`${plural(count - SHOWN_PER_LEVEL, level)}`] : []);
  const more = [...hidden(report.summary.errors, "error"), ...hidden(report.summary.warnings, "warning")];
  if (more.length === 0) return "";
  return `\nGitHub shows at most ${SHOWN_PER_LEVEL} annotations of each level per step: ${more.join(" and ")} more are listed only in this table.\n`;
}

async function main(): Promise<number> {
  const env = process.env;
  const work = mkdtempSync(join(env["RUNNER_TEMP"] ?? tmpdir(), "hf-lint-"));
  try {
    const reportFile = join(work, "report.json");
    const cli = fileURLToPath(new URL("hf-lint.cjs", import.meta.url));
    const given = splitArgs(env["HF_LINT_ARGS"] ?? "");
    const taken = given.find((arg) => /^(-f|--format|-o|--output-file)(=|$)/.test(arg));
    if (taken) throw new Error(`args: the Action sets ${taken} itself (it writes annotations, the sarif-file input and the summary)`);
    const args = ["--format", "json", "--output-file", reportFile, ...given];
    const scan = spawnSync(process.execPath, [cli, ...args], { stdio: ["ignore", "inherit", "inherit"] });
    if (scan.status !== 0 && scan.status !== 1) return scan.status ?? 2; // the CLI has said what went wrong
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as Report;
    const context = { color: false };

    // A CI log and a job summary are read by many: tokens stay masked there even with --show-secrets.
    out.stdout((await loadReporter("github"))(report, context));
    const sarifFile = env["HF_LINT_SARIF"] || "hf-lint.sarif";
    mkdirSync(dirname(sarifFile), { recursive: true });
    out.report((await loadReporter("sarif"))(report, context), sarifFile);
    const summary = env["GITHUB_STEP_SUMMARY"];
    if (summary) appendFileSync(summary, maskTokens((await loadReporter("markdown"))(report, context) + hiddenAnnotations(report)));
    const output = env["GITHUB_OUTPUT"];
    if (output) {
      appendFileSync(output, `errors=${report.summary.errors}\nwarnings=${report.summary.warnings}\nsarif-file=${sarifFile}\n`);
    }
    return scan.status;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Anything unexpected is exit code 2, never 1: a failed step must not read as "findings".
process.exitCode = await main().catch((error: unknown) => {
  out.stderr(`hf-lint: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
});
