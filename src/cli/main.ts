#!/usr/bin/env node
import { CommanderError } from "commander";
import { UsageError } from "../errors.js";
import { createProgram, type CliOptions } from "./program.js";
import { scanCommand } from "./scan-command.js";

/** Exit codes: 0 clean, 1 findings, 2 usage or runtime error (one line, no stack unless --debug). */
export async function run(argv: string[]): Promise<number> {
  let exitCode = 0;
  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  const program = createProgram({
    scan: async (paths: string[], options: CliOptions) => {
      exitCode = await scanCommand(paths, options);
    },
    hub: async (repos, options) => {
      exitCode = await (await import("./hub-command.js")).hubCommand(repos, options);
    },
    install: async () => print(await (await import("./install.js")).install(process.cwd())),
    uninstall: async () => print(await (await import("./install.js")).uninstall(process.cwd())),
  })
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(`hf-lint: ${message.replace(/^error: /, "")}`) });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one line (or the help / version).
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`hf-lint: ${error instanceof Error ? error.message : String(error)}\n`);
    if (argv.includes("--debug") && !(error instanceof UsageError) && error instanceof Error) {
      process.stderr.write(`${error.stack}\n`);
    }
    return 2;
  }
}

process.exitCode = await run(process.argv.slice(2));
