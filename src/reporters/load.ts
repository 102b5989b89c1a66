import { UsageError } from "../errors.js";
import type { Reporter } from "./types.js";

/**
 * The formats, each loaded only when it is asked for. A new format is a module in this folder
 * and a line here (a test checks that every module of the folder is listed).
 */
const FORMATS: Readonly<Record<string, () => Promise<{ default: Reporter }>>> = {
  compact: () => import("./compact.js"),
  github: () => import("./github.js"),
  json: () => import("./json.js"),
  markdown: () => import("./markdown.js"),
  sarif: () => import("./sarif.js"),
  stylish: () => import("./stylish.js"),
};

export function availableFormats(): string[] {
  return Object.keys(FORMATS).sort();
}

export async function loadReporter(name: string): Promise<Reporter> {
  const load = Object.hasOwn(FORMATS, name) ? FORMATS[name] : undefined;
  if (!load) throw new UsageError(`unknown format "${name}"; available: ${availableFormats().join(", ")}`);
  return (await load()).default;
}
