import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { GIT_ENV } from "./repo.js";

export const CLI = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a subprocess, as users and hooks do. */
export function runCli(
  args: string[],
  options: { cwd: string; input?: string; env?: Record<string, string>; timeoutMs?: number },
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    timeout: options.timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, ...GIT_ENV, NO_COLOR: "1", FORCE_COLOR: "", ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI with `--format json` and parses the report. */
export function runJson(args: string[], options: { cwd: string; input?: string; env?: Record<string, string> }) {
  const result = runCli(["--format", "json", ...args], options);
  return { ...result, report: JSON.parse(result.stdout) as import("../../src/types.js").Report };
}

/** `runCli` without blocking this process: for tests whose server runs in it. */
export function runCliAsync(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...GIT_ENV, NO_COLOR: "1", FORCE_COLOR: "", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
