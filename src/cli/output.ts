import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Explicit flag first, then NO_COLOR / FORCE_COLOR, then whether stdout is a terminal. */
export function useColor(flag: boolean | undefined, toFile: boolean): boolean {
  if (toFile) return flag === true;
  if (flag !== undefined) return flag;
  if (process.env["NO_COLOR"]) return false;
  if (process.env["FORCE_COLOR"] && process.env["FORCE_COLOR"] !== "0") return true;
  return process.stdout.isTTY === true;
}

export function writeReport(text: string, outputFile: string | undefined): void {
  if (outputFile) {
    mkdirSync(dirname(outputFile), { recursive: true });
    writeFileSync(outputFile, text);
  } else if (text) {
    process.stdout.write(text);
  }
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
