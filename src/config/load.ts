import { readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import type { Config } from "./schema.js";
import { UsageError } from "../errors.js";

export const CONFIG_FILE = "hf-lint.config.json";

export interface LoadedConfig {
  config: Config;
  /** Where it came from, for messages; undefined when no config was found. */
  source: string | undefined;
}

function readJson(file: string, shown: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    // Without V8's excerpt of the text around the error: part of a value, a token, would show.
    const reason = error instanceof SyntaxError ? `invalid JSON (${error.message.replace(/, (?:\.\.\.)?".*$/s, "")})` : "cannot be read";
    throw new UsageError(`${shown}: ${reason}`);
  }
}

type Valibot = typeof import("valibot");
type Schema = typeof import("./schema.js").ConfigSchema;

/** Validates a config value; `source` names it in the error. */
export function validateConfig(v: Valibot, schema: Schema, value: unknown, source: string): Config {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const key = v.getDotPath(issue) ?? "(root)";
  throw new UsageError(`${source}: invalid config at "${key}": ${issue.message}`);
}

/**
 * The explicit `--config` file, else `hf-lint.config.json` in the root, else the `hf-lint`
 * key of the root's package.json; null for the defaults. Read, not validated.
 */
export function findConfig(root: string, explicit: string | undefined, cwd: string): { value: unknown; source: string } | null {
  if (explicit) {
    if (!existsSync(explicit)) throw new UsageError(`config file not found: ${explicit}`);
    return { value: readJson(explicit, explicit), source: explicit };
  }
  const file = join(root, CONFIG_FILE);
  if (existsSync(file)) {
    const shown = relative(cwd, file) || CONFIG_FILE;
    return { value: readJson(file, shown), source: shown };
  }
  const pkg = join(root, "package.json");
  if (existsSync(pkg)) {
    const shownPackage = relative(cwd, pkg) || "package.json";
    const json = readJson(pkg, shownPackage) as Record<string, unknown> | null;
    if (json && typeof json === "object" && "hf-lint" in json) {
      return { value: json["hf-lint"], source: `${shownPackage} ("hf-lint" key)` };
    }
  }
  return null;
}

/** `findConfig`, validated; the validator is loaded only when there is a config to validate. */
export async function loadConfig(root: string, explicit: string | undefined, cwd: string): Promise<LoadedConfig> {
  const found = findConfig(root, explicit, cwd);
  if (!found) return { config: {}, source: undefined };
  const [v, { ConfigSchema }] = await Promise.all([import("valibot"), import("./schema.js")]);
  return { config: validateConfig(v, ConfigSchema, found.value, found.source), source: found.source };
}
