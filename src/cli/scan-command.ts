import { existsSync } from "node:fs";
import { DEFAULT_BASELINE, applyBaseline, writeBaseline } from "../baseline.js";
import { UsageError } from "../errors.js";
import { loadReporter } from "../reporters/load.js";
import { scan } from "../scan.js";
import type { Report } from "../types.js";
import type { CliOptions } from "./program.js";
import { readStdin, useColor, writeReport } from "./output.js";

const COMMIT_BLOCKED = `
hf-lint stopped this commit. What to do:
  - Take the value out of the file and read it from HF_TOKEN (or \`hf auth login\`); keep local values in a .env file listed in .gitignore.
  - Unstage a file that should not be committed: git restore --staged -- <file>
  - If the token was ever pushed or shared, rotate it at https://huggingface.co/settings/tokens
  - A false positive? Add "hf-lint-disable-line <rule>" in a comment on the line, or bypass once with: git commit --no-verify
`;

/** `hf-lint [paths…]`: scan, report, and turn the report into an exit code. */
export async function scanCommand(paths: string[], options: CliOptions): Promise<number> {
  if (options.stdin && paths.length > 0) throw new UsageError("--stdin cannot be combined with paths");
  if (options.stdinFilename && !options.stdin) throw new UsageError("--stdin-filename needs --stdin");
  if (options.allLines && !options.staged) throw new UsageError("--all-lines needs --staged");
  if (options.staged && options.stdin) throw new UsageError("--staged cannot be combined with --stdin");
  const history = Boolean(options.history || options.range || options.since);
  if (history && (options.staged || options.stdin)) throw new UsageError("--history cannot be combined with --staged or --stdin");
  const reporter = await loadReporter(options.format ?? (options.staged ? "compact" : "stylish"));
  const report = await scan({
    paths,
    config: options.config,
    maxFileSize: options.maxFileSize,
    showSecrets: options.showSecrets,
    staged: options.staged,
    allLines: options.allLines,
    history,
    range: options.range,
    since: options.since,
    stdin: options.stdin ? { content: await readStdin(), filename: options.stdinFilename } : undefined,
    onWarning: (message) => process.stderr.write(`hf-lint: warning: ${message}\n`),
  });
  if (options.writeBaseline) {
    const path = typeof options.writeBaseline === "string" ? options.writeBaseline : DEFAULT_BASELINE;
    const count = writeBaseline(report, path, existsSync(path) ? path : options.baseline);
    process.stderr.write(`hf-lint: recorded ${count} finding${count === 1 ? "" : "s"} in ${path}\n`);
    return 0;
  }
  const current = options.baseline ? applyBaseline(report, options.baseline) : report;
  const shown = options.quiet ? errorsOnly(current) : current;
  writeReport(reporter(shown, { color: useColor(options.color, Boolean(options.outputFile)) }), options.outputFile);
  const { errors, warnings } = shown.summary;
  const failed = errors > 0 || (options.maxWarnings >= 0 && warnings > options.maxWarnings);
  if (failed && options.staged) process.stderr.write(COMMIT_BLOCKED);
  return failed ? 1 : 0;
}

function errorsOnly(report: Report): Report {
  const findings = report.findings.filter((finding) => finding.severity === "error");
  return { ...report, findings, summary: { ...report.summary, warnings: 0 } };
}
