import { Command, InvalidArgumentError } from "commander";
import { rules } from "../../rules/index.js";
import { VERSION } from "../package-info.js";


export interface CliOptions {
  format?: string;
  history?: boolean;
  range?: string;
  since?: string;
  baseline?: string;
  writeBaseline?: string | boolean;
  verify?: boolean;
  onlyVerified?: boolean;
  verifyTimeout?: number;
  fix?: boolean;
  fixDryRun?: boolean;
  staged?: boolean;
  allLines?: boolean;
  outputFile?: string;
  quiet?: boolean;
  maxWarnings: number;
  color?: boolean;
  config?: string;
  showSecrets?: boolean;
  stdin?: boolean;
  stdinFilename?: string;
  maxFileSize?: number;
  debug?: boolean;
}

function wholeNumber(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number");
  return Number(value);
}

function positiveWholeNumber(value: string): number {
  const number = wholeNumber(value);
  if (number <= 0) throw new InvalidArgumentError("expected a positive whole number");
  return number;
}

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `10485760`, `512KiB`, `10MB` → bytes (binary units). */
export function byteSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match && UNITS[(match[2] ?? "").toLowerCase()];
  if (!match || !unit || Number(match[1]) <= 0) throw new InvalidArgumentError("expected a size such as 10MiB or 500000");
  return Math.floor(Number(match[1]) * unit);
}

export interface HubCliOptions extends CliOptions {
  author?: string;
  type?: string[];
  revision?: string;
  discussions?: boolean;
  requestTimeout?: number;
}

/** Options of the scan that mean the same for `hub`: shared, not redeclared. */
const HUB_SHARED_OPTIONS = new Set([
  "--format", "--verify", "--only-verified", "--verify-timeout", "--baseline", "--write-baseline", "--output-file",
  "--quiet", "--max-warnings", "--color", "--no-color", "--config", "--show-secrets", "--max-file-size", "--debug",
]);

export interface Handlers {
  scan(paths: string[], options: CliOptions): Promise<void>;
  hub(repos: string[], options: HubCliOptions): Promise<void>;
  install(options: { prePush?: boolean }): Promise<void>;
  uninstall(): Promise<void>;
}

/** The command line, following ESLint's conventions where they fit. */
export function createProgram(handlers: Handlers): Command {
  const program = new Command("hf-lint")
    // Options after a subcommand's name are the subcommand's: `hub` takes the scan's own.
    .enablePositionalOptions()
    .description("Find leaked Hugging Face tokens and credential mistakes in a repository.")
    .version(VERSION, "-v, --version")
    .argument("[paths...]", "files or directories to scan (default: the whole repository)")
    .option("-f, --format <name>", "output format: stylish (default), compact (default with --staged), json, sarif, github, markdown")
    .option("--staged", "scan what `git commit` would record: the lines it adds to staged files")
    .option("--all-lines", "with --staged: report findings anywhere in the staged files")
    .option("--history", "scan every version of the files that commits reachable from HEAD wrote")
    .option("--range <A..B>", "scan only the commits in a revision range (implies --history)")
    .option("--since <date>", "scan only commits after a date (implies --history)")
    .option("--verify", "ask the Hub (HF_ENDPOINT, else huggingface.co) whether each token is live, and its role")
    .option("--only-verified", "report only live tokens (implies --verify)")
    .option("--verify-timeout <ms>", "per-request timeout for --verify (default 5000)", positiveWholeNumber)
    .option("--fix", "rename legacy variables and add dotenv files to .gitignore, in place")
    .option("--fix-dry-run", "print what --fix would change without writing")
    .option("--baseline <file>", "report only findings that are not in this baseline file")
    .option("--write-baseline [file]", "record the current findings as accepted (default .hf-lint-baseline.json)")
    .option("-o, --output-file <path>", "write the report to a file instead of standard output")
    .option("--quiet", "report errors only")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", wholeNumber, -1)
    .option("--color", "force coloured output")
    .option("--no-color", "disable coloured output (also NO_COLOR)")
    .option("-c, --config <path>", "config file (default: hf-lint.config.json, or the hf-lint key of package.json)")
    .option("--show-secrets", "print secrets in full instead of redacted")
    .option("--stdin", "scan standard input instead of files")
    .option("--stdin-filename <name>", "file name to report (and to match rules against) for --stdin")
    .option("--max-file-size <size>", "skip and count larger files (default 10MiB)", byteSize)
    .option("--debug", "print stack traces for unexpected errors")
    .addHelpText(
      "after",
      `\nRules:\n${rules.map((rule) => `  ${rule.id.padEnd(26)} ${rule.severity.padEnd(8)} ${rule.description}`).join("\n")}\n\n` +
        "Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings, 2 usage or runtime error.",
    )
    .action(handlers.scan);
  program
    .command("install")
    .description("install a pre-commit hook running `hf-lint --staged` (through husky when the repository uses it)")
    .option("--pre-push", "install a pre-push hook instead: `hf-lint --range` over the commits being pushed")
    .action(handlers.install);
  program.command("uninstall").description("remove exactly what `hf-lint install` added").action(handlers.uninstall);
  const hub = program
    .command("hub")
    .description("scan repositories published on the Hugging Face Hub (HF_ENDPOINT; HF_TOKEN for private ones)")
    .argument("[repos...]", "owner/name (a model), datasets/owner/name, spaces/owner/name")
    .option("--author <user-or-org>", "scan every repository of a user or organization")
    .option("--type <type>", "with --author: model, dataset or space (repeatable; default all three)", (value: string, types: string[] = []) => [...types, value])
    .option("--revision <rev>", "branch, tag or commit to scan (default main)")
    .option("--history", "scan every file version that the repository's commits wrote")
    .option("--discussions", "also scan discussion and pull-request titles and comments")
    .option("--request-timeout <ms>", "per-request timeout (default 30000)", positiveWholeNumber);
  for (const option of program.options) if (option.long && HUB_SHARED_OPTIONS.has(option.long)) hub.addOption(option);
  hub.action(handlers.hub);
  return program;
}
