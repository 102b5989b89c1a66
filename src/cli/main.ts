import { CommanderError } from "commander";
import { UsageError } from "../errors.js";
import { Output } from "./output.js";
import { createProgram, type CliOptions } from "./program.js";
import { scanCommand } from "./scan-command.js";

/** Exit codes: 0 clean, 1 findings, 2 usage or runtime error (one line, no stack unless --debug). */
export async function run(argv: string[]): Promise<number> {
  let exitCode = 0;
  // Read before parsing: an argument that commander rejects is echoed, and masked, too.
  const output = new Output(argv.includes("--show-secrets"));
  const print = (line: string): void => output.stdout(`${line}\n`);
  const program = createProgram({
    scan: async (paths: string[], options: CliOptions) => {
      exitCode = await scanCommand(paths, options, output);
    },
    hub: async (repos, options) => {
      exitCode = await (await import("./hub-command.js")).hubCommand(repos, options, output);
    },
    install: async ({ prePush }) => print(await (await import("./install.js")).install(process.cwd(), prePush ? "pre-push" : "pre-commit")),
    uninstall: async () => print(await (await import("./install.js")).uninstall(process.cwd())),
  })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.stdout(text),
      writeErr: (text) => output.stderr(text),
      outputError: (message, write) => write(`hf-lint: ${message.replace(/^error: /, "")}`),
    });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one line (or the help / version).
      return error.exitCode === 0 ? 0 : 2;
    }
    output.stderr(`hf-lint: ${error instanceof Error ? error.message : String(error)}\n`);
    if (argv.includes("--debug") && !(error instanceof UsageError) && error instanceof Error) {
      output.stderr(`${error.stack}\n`);
    }
    return 2;
  }
}

/**
 * A failure outside run()'s promise chain (in a stream or timer callback) would end Node with
 * exit 1, the findings code, and a stack trace: it is one line and exit 2 like any other error.
 */
function crash(error: unknown): never {
  const argv = process.argv.slice(2);
  const output = new Output(argv.includes("--show-secrets"));
  output.stderr(`hf-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (argv.includes("--debug") && error instanceof Error) output.stderr(`${error.stack}\n`);
  process.exit(2);
}
process.on("uncaughtException", crash).on("unhandledRejection", crash);

// Not awaited at the top level: the bundle is CommonJS (see hf-lint.cts).
void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
