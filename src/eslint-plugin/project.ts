import { statSync } from "node:fs";
import { join } from "node:path";
import type { Ignore } from "ignore";
import * as v from "valibot";
import { CONFIG_FILE, findConfig, validateConfig } from "../config/load.js";
import { ConfigSchema } from "../config/schema.js";
import { RuleSet } from "../engine/rule-set.js";
import { DEFAULT_MAX_FILE_SIZE, IGNORE_FILE, projectIgnores } from "../scan.js";

/** What the CLI reads from a repository root before scanning it, for the plugin to apply the same way. */
export interface Project {
  ruleSet: RuleSet;
  /** `.hflintignore` and the config's `ignores` (a pattern too costly to match is not applied: its files are scanned). */
  ignored: Pick<Ignore, "ignores"> | null;
  maxFileSize: number;
}

/** The files a project's settings come from: a change to any of them reloads it. */
const SETTINGS_FILES = [CONFIG_FILE, "package.json", IGNORE_FILE];

const projects = new Map<string, { stamp: string; project: Project }>();

function stampOf(root: string): string {
  return SETTINGS_FILES.map((name) => statSync(join(root, name), { throwIfNoEntry: false })?.mtimeMs ?? "-").join(",");
}

/**
 * The project rooted at `root`, loaded as `hf-lint` loads it and kept until one of its settings
 * files changes (an editor lints the same files many times). An invalid config throws the
 * CLI's one-line message, which ESLint shows.
 */
export function projectAt(root: string, cwd: string): Project {
  const stamp = stampOf(root);
  const cached = projects.get(root);
  if (cached?.stamp === stamp) return cached.project;
  const found = findConfig(root, undefined, cwd);
  const config = found ? validateConfig(v, ConfigSchema, found.value, found.source) : {};
  const project = {
    ruleSet: new RuleSet(config),
    ignored: projectIgnores(root, config.ignores ?? [], undefined),
    maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
  };
  projects.set(root, { stamp, project });
  return project;
}
