import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { TOKEN_KINDS, redact } from "../../rules/shared/credentials.js";
import { UsageError } from "../errors.js";

/** Explicit flag first, then NO_COLOR / FORCE_COLOR, then whether stdout is a terminal. */
export function useColor(flag: boolean | undefined, toFile: boolean): boolean {
  if (toFile) return flag === true;
  if (flag !== undefined) return flag;
  if (process.env["NO_COLOR"]) return false;
  if (process.env["FORCE_COLOR"] && process.env["FORCE_COLOR"] !== "0") return true;
  return process.stdout.isTTY === true;
}

/** Every token kind's shape, placeholder or not, wherever it comes from (a file, an argument, git). */
const TOKEN_SHAPE = new RegExp(TOKEN_KINDS.map((kind) => `${kind.prefix}[A-Za-z0-9]{${kind.bodyLength},}`).join("|"), "g");

export function maskTokens(text: string): string {
  return text.replace(TOKEN_SHAPE, (token) => redact(token));
}

/**
 * The one way out of the CLI: standard output, standard error and the report file. Every string
 * passes through here, so no token reaches a terminal, a CI log or a file unless --show-secrets,
 * whichever message (a finding, a git error, an echoed argument) carries it.
 */
export class Output {
  constructor(private readonly showSecrets: boolean) {}

  private shown(text: string): string {
    return this.showSecrets ? text : maskTokens(text);
  }

  stdout(text: string): void {
    if (text) process.stdout.write(this.shown(text));
  }

  stderr(text: string): void {
    if (text) process.stderr.write(this.shown(text));
  }

  /** The report, to standard output or to `file` (whose directory `prepareReportFile` made). */
  report(text: string, file: string | undefined): void {
    if (!file) return this.stdout(text);
    try {
      writeFileSync(file, this.shown(text));
    } catch (error) {
      throw new UsageError(`cannot write the report to ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
}

/**
 * Creates `-o`'s directories (one level at a time: Node's recursive mkdir loops forever under
 * /proc) and opens the file once, before the scan: a path that cannot be written is exit 2 at once.
 */
export function prepareReportFile(file: string): void {
  const missing: string[] = [];
  for (let dir = dirname(resolve(file)); !existsSync(dir); dir = dirname(dir)) missing.unshift(dir);
  try {
    for (const dir of missing) mkdirSync(dir);
    closeSync(openSync(file, "a"));
  } catch (error) {
    throw new UsageError(`cannot write the report to ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
