import { UsageError } from "./errors.js";

/**
 * How a message names an option: as the command line spells it (`--all-lines`) for the CLI, as
 * the property (`options.allLines`) for a caller of the library, who never typed a flag.
 */
export type OptionNamer = (option: string) => string;

/** The scan options whose combinations are checked (ScanOptions' own names; no import, no cycle). */
interface Combinable {
  paths?: string[];
  staged?: boolean;
  allLines?: boolean;
  history?: boolean;
  range?: string;
  since?: string;
  stdin?: unknown;
}

export const apiOptionName: OptionNamer = (option) => `options.${option}`;

export const cliOptionName: OptionNamer = (option) =>
  option === "paths" ? "paths" : `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** Options that cannot go together, refused before anything is read. */
export function checkCombinations(options: Combinable, name: OptionNamer): void {
  // Given but empty (an unset variable in a hook) still asks for history: readHistory says what is wrong.
  const history = Boolean(options.history) || options.range !== undefined || options.since !== undefined;
  if (options.stdin && (options.paths?.length ?? 0) > 0) throw new UsageError(`${name("stdin")} cannot be combined with ${name("paths")}`);
  if (options.allLines && !options.staged) throw new UsageError(`${name("allLines")} needs ${name("staged")}`);
  if (options.staged && options.stdin) throw new UsageError(`${name("staged")} cannot be combined with ${name("stdin")}`);
  if (history && (options.staged || options.stdin)) {
    throw new UsageError(`${name("history")} cannot be combined with ${name("staged")} or ${name("stdin")}`);
  }
}
