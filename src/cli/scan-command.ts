import { existsSync } from "node:fs";
import { DEFAULT_BASELINE, applyBaseline, writeBaseline } from "../baseline.js";
import { UsageError } from "../errors.js";
import { loadReporter } from "../reporters/load.js";
import { checkCombinations, cliOptionName } from "../option-names.js";
import { fromCwd } from "../paths.js";
import { scanWithContext, type ScanOptions } from "../scan.js";
import { applyFixes, planFixes, preview, type FileEdit } from "../fix.js";
import { plural, printable, withFindings } from "../report.js";
import type { Report } from "../types.js";
import type { CliOptions } from "./program.js";
import { prepareReportFile, readStdin, useColor, type Output } from "./output.js";

const COMMIT_BLOCKED = `
hf-lint stopped this commit. What to do:
  - Take the value out of the file and read it from HF_TOKEN (or \`hf auth login\`); keep local values in a .env file listed in .gitignore.
  - Unstage a file that should not be committed: git restore --staged -- <file>
  - If the token was ever pushed or shared, rotate it at https://huggingface.co/settings/tokens
  - A false positive? Add "hf-lint-disable-line <rule>" in a comment on the line, or bypass once with: git commit --no-verify
`;

/**
 * `hf-lint [paths…]`: scan, report, and turn the report into an exit code. `source` scans
 * something other than the file system (`hf-lint hub`).
 */
export async function scanCommand(
  paths: string[],
  options: CliOptions,
  output: Output,
  source: Pick<ScanOptions, "hub" | "alwaysRedact"> = {},
): Promise<number> {
  if (options.stdinFilename && !options.stdin) throw new UsageError("--stdin-filename needs --stdin");
  const history = Boolean(options.history) || options.range !== undefined || options.since !== undefined;
  const verify = Boolean(options.verify || options.onlyVerified);
  if (options.verifyTimeout !== undefined && !verify) throw new UsageError("--verify-timeout needs --verify or --only-verified");
  const reporter = await loadReporter(options.format ?? (options.staged ? "compact" : "stylish"));
  const fixing = options.fix || options.fixDryRun;
  if (fixing && (options.staged || history || options.stdin)) {
    throw new UsageError("--fix works on the work tree: it cannot be combined with --staged, --history or --stdin");
  }
  const scanOptions: ScanOptions = {
    paths,
    config: options.config,
    maxFileSize: options.maxFileSize,
    showSecrets: options.showSecrets,
    staged: options.staged,
    allLines: options.allLines,
    history,
    range: options.range,
    since: options.since,
    verify: verify ? { timeoutMs: options.verifyTimeout } : undefined,
    onlyVerified: options.onlyVerified,
    onWarning: (message) => output.stderr(`hf-lint: warning: ${message}\n`),
    ...source,
  };
  // Before standard input is read: a terminal would wait for it before hearing what is wrong.
  checkCombinations({ ...scanOptions, ...(options.stdin ? { stdin: { content: "" } } : {}) }, cliOptionName);
  // After the options are known to fit (a refused command leaves no empty report behind), before the scan.
  if (options.outputFile) prepareReportFile(options.outputFile);
  if (options.stdin) scanOptions.stdin = { content: await readStdin(), filename: options.stdinFilename };
  const { report: scanned, root, inGit } = await scanWithContext(scanOptions, cliOptionName);
  const report = fixing ? await fix(scanned, root, inGit, Boolean(options.fixDryRun), output) : scanned;
  if (options.writeBaseline) {
    const path = typeof options.writeBaseline === "string" ? options.writeBaseline : DEFAULT_BASELINE;
    const count = writeBaseline(report, path, existsSync(path) ? path : options.baseline);
    output.stderr(`hf-lint: recorded ${plural(count, "finding")} in ${path}\n`);
    return 0;
  }
  const current = options.baseline ? applyBaseline(report, options.baseline) : report;
  const shown = options.quiet ? errorsOnly(current) : current;
  const cwd = process.cwd();
  // Standard input's name is the user's own; every other path is relative to the root.
  const displayPath = options.stdin || root === cwd ? undefined : (file: string) => fromCwd(root, cwd, file);
  const color = useColor(options.color, Boolean(options.outputFile));
  output.report(reporter(shown, { color, ...(displayPath ? { displayPath } : {}) }), options.outputFile);
  const { errors, warnings } = shown.summary;
  const failed = errors > 0 || (options.maxWarnings >= 0 && warnings > options.maxWarnings);
  if (failed && options.staged) output.stderr(COMMIT_BLOCKED);
  return failed ? 1 : 0;
}

/** Applies (or previews) what `--fix` can repair and returns the report of what remains. */
async function fix(report: Report, root: string, inGit: boolean, dryRun: boolean, output: Output): Promise<Report> {
  const plan = await planFixes(root, report.findings, { inGit, cwd: process.cwd() });
  const summary = (edits: FileEdit[]): string => {
    const count = new Set(edits.flatMap((edit) => edit.fixes)).size;
    return `${plural(count, "problem")}${edits.length > 0 ? ` in ${edits.map((edit) => printable(edit.file)).join(", ")}` : ""}`;
  };
  let fixed = new Set(plan.edits.flatMap((edit) => edit.fixes));
  if (dryRun) {
    // On stderr, so that stdout stays the report in whatever format was asked for.
    output.stderr(preview(plan));
    output.stderr(`hf-lint: --fix would fix ${summary(plan.edits)}; nothing was written\n`);
  } else {
    const { written, failed } = applyFixes(root, plan);
    fixed = new Set(written.flatMap((edit) => edit.fixes));
    output.stderr(`hf-lint: fixed ${summary(written)}\n`);
    for (const { edit, reason } of failed) output.stderr(`hf-lint: could not write ${printable(edit.file)} (${reason}): nothing in it was fixed\n`);
  }
  for (const { command } of plan.commands) output.stderr(`hf-lint: to stop tracking a dotenv file, run: ${command}\n`);
  for (const { finding, reason } of plan.skipped) output.stderr(`hf-lint: not fixed: ${printable(finding.file)}${finding.line ? `:${finding.line}` : ""}: ${reason}\n`);
  if (dryRun) return report;
  // What remains: a dotenv file still tracked is still a problem until the user runs git rm.
  const stillTracked = new Set(plan.commands.map(({ file }) => file));
  return withFindings(report, report.findings.filter((f) => !fixed.has(f) || stillTracked.has(f.file)));
}

function errorsOnly(report: Report): Report {
  return withFindings(report, report.findings.filter((finding) => finding.severity === "error"));
}

