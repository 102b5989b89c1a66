import { execFileSync } from "node:child_process";
import { chmodSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** test/clients: third-party tools from npm that the tests drive (.ci/run installs them; so does the first use). */
export const CLIENTS = fileURLToPath(new URL("../clients/", import.meta.url));

/** The path of a file in test/clients/node_modules, installing the clients when they are missing. */
export function client(path: string): string {
  const full = join(CLIENTS, "node_modules", path);
  if (!existsSync(full)) execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: CLIENTS, stdio: "ignore" });
  return full;
}

/** Microsoft's SARIF multitool (a self-contained .NET program; npm may skip the postinstall that marks it executable). */
export function sarifMultitool(): string {
  const binary = client("@microsoft/sarif-multitool-linux/Sarif.Multitool");
  chmodSync(binary, 0o755);
  return binary;
}
