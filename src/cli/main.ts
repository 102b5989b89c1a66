#!/usr/bin/env node
import { CommanderError } from "commander";
import { UsageError } from "../errors.js";
import { loadReporter } from "../reporters/load.js";
import { scan } from "../scan.js";
import type { Report } from "../types.js";
import { createProgram, type CliOptions } from "./program.js";
import { readStdin, useColor, writeReport } from "./output.js";

/** Exit codes: 0 clean, 1 findings, 2 usage or runtime error. */
export async function run(argv: string[]): Promise<number> {
  const program = createProgram()
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(`hf-lint: ${message.replace(/^error: /, "")}`) });
  let debug = argv.includes("--debug");
  try {
    program.parse(argv, { from: "user" });
    const options = program.opts<CliOptions>();
    debug = options.debug ?? false;
    const paths = program.args;
    if (options.stdin && paths.length > 0) throw new UsageError("--stdin cannot be combined with paths");
    if (options.stdinFilename && !options.stdin) throw new UsageError("--stdin-filename needs --stdin");
    const reporter = await loadReporter(options.format);
    const report = await scan({
      paths,
      config: options.config,
      maxFileSize: options.maxFileSize,
      showSecrets: options.showSecrets,
      stdin: options.stdin ? { content: await readStdin(), filename: options.stdinFilename } : undefined,
      onWarning: (message) => process.stderr.write(`hf-lint: warning: ${message}\n`),
    });
    const shown = options.quiet ? errorsOnly(report) : report;
    writeReport(reporter(shown, { color: useColor(options.color, Boolean(options.outputFile)) }), options.outputFile);
    const { errors, warnings } = shown.summary;
    return errors > 0 || (options.maxWarnings >= 0 && warnings > options.maxWarnings) ? 1 : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one line (or the help / version).
      return error.exitCode === 0 ? 0 : 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`hf-lint: ${message}\n`);
    if (debug && !(error instanceof UsageError) && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

function errorsOnly(report: Report): Report {
  const findings = report.findings.filter((finding) => finding.severity === "error");
  return { ...report, findings, summary: { ...report.summary, warnings: 0 } };
}

process.exitCode = await run(process.argv.slice(2));
