import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.js";
import type { Reporter } from "./types.js";

const NOT_FORMATS = new Set(["load", "types"]);

/** This folder, found the same way from this module and from the bundled CLI (a sibling folder). */
const FOLDER = new URL("../reporters/", import.meta.url);

/** The formats are the files of this folder, as ESLint's formatters are. */
export function availableFormats(): string[] {
  const dir = fileURLToPath(FOLDER);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".js"))
    .map((name) => name.slice(0, -3))
    .filter((name) => !NOT_FORMATS.has(name))
    .sort();
}

export async function loadReporter(name: string): Promise<Reporter> {
  if (!/^[a-z][a-z0-9-]*$/.test(name) || NOT_FORMATS.has(name) || !availableFormats().includes(name)) {
    throw new UsageError(`unknown format "${name}"; available: ${availableFormats().join(", ")}`);
  }
  const module = (await import(new URL(`${name}.js`, FOLDER).href)) as { default: Reporter };
  return module.default;
}
