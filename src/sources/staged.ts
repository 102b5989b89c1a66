import { literalPathspecs, type Git } from "./git.js";
import type { SourceItem } from "./types.js";

/**
 * What `git commit` is about to record: the index compared with HEAD (or with nothing in a
 * new repository). One `git diff --cached` call gives both the exact names (NUL-separated
 * raw records) and, through unlimited context, each changed file's full staged text with
 * the lines the commit adds. Its cost follows the size of the change, not of the repository.
 */

const REGULAR_FILE_MODES = new Set(["100644", "100755"]);
const WHOLE_FILE = "--unified=2147483647";

interface RawRecord {
  path: string;
  status: string;
  mode: string;
  blob: string;
}

interface PatchSection {
  /** The staged text, or null when the patch carries none (binary, pure rename, mode change). */
  text: string | null;
  added: Set<number>;
}

export interface StagedOptions {
  /** Scan whole staged files instead of only the lines the commit adds. */
  allLines: boolean;
  maxFileSize: number;
  isIgnored: (path: string) => boolean;
}

export async function* readStaged(git: Git, pathspecs: string[], options: StagedOptions): AsyncGenerator<SourceItem> {
  const output = await git.raw([
    "diff", "--cached", "-z", "--raw", "--no-abbrev", "-p", WHOLE_FILE,
    "--no-color", "--no-ext-diff", "--no-textconv", "--diff-filter=d",
    // Whole files have no "rename": the renamed file's every line is in the commit.
    options.allLines ? "--no-renames" : "-M",
    ...literalPathspecs(pathspecs),
  ]);
  const { records, patch } = parseRaw(output);
  const sections = parsePatch(patch);
  for (const [index, record] of records.entries()) {
    // Unmerged paths cannot be committed; submodules and links are not files.
    if (record.status === "U" || !REGULAR_FILE_MODES.has(record.mode) || options.isIgnored(record.path)) continue;
    const section = sections[index];
    let text = section?.text ?? null;
    if (text === null && options.allLines) text = await git.raw(["cat-file", "blob", record.blob]);
    const content = Buffer.from(text ?? "");
    if (content.length > options.maxFileSize) {
      yield { skipped: "tooLarge", path: record.path };
      continue;
    }
    yield {
      file: { path: record.path, status: "staged", content },
      onlyLines: options.allLines ? undefined : (section?.added ?? new Set()),
    };
  }
}

/** `:oldmode newmode oldsha newsha STATUS\0path\0[newpath\0]` records, then `\0` and the patch. */
function parseRaw(output: string): { records: RawRecord[]; patch: string } {
  const records: RawRecord[] = [];
  let position = 0;
  const next = (): string => {
    const end = output.indexOf("\0", position);
    const field = output.slice(position, end === -1 ? undefined : end);
    position = end === -1 ? output.length : end + 1;
    return field;
  };
  while (output[position] === ":") {
    const [, mode = "", , blob = "", status = ""] = next().slice(1).split(" ");
    let path = next();
    if (status.startsWith("R") || status.startsWith("C")) path = next();
    records.push({ path, status: status.charAt(0), mode, blob });
  }
  if (output[position] === "\0") position++;
  return { records, patch: output.slice(position) };
}

/** One section per `diff --git` header, in the order of the raw records. */
function parsePatch(patch: string): PatchSection[] {
  const sections: PatchSection[] = [];
  let lines: string[] | null = null;
  let current: PatchSection | undefined;
  let lineNumber = 0;
  let lastWasNew = false;
  let finalNewline = true;
  const close = (): void => {
    if (current && lines) current.text = lines.join("\n") + (finalNewline && lines.length > 0 ? "\n" : "");
  };
  for (const line of patch.split("\n")) {
    if (line.startsWith("diff --git ")) {
      close();
      current = { text: null, added: new Set() };
      sections.push(current);
      lines = null;
      finalNewline = true;
    } else if (line.startsWith("@@ ")) {
      lines ??= [];
      lineNumber = Number(/\+(\d+)/.exec(line)?.[1] ?? 1);
    } else if (lines && current) {
      const marker = line.charAt(0);
      if (marker === " " || marker === "+") {
        lines.push(line.slice(1));
        if (marker === "+") current.added.add(lineNumber);
        lineNumber++;
        lastWasNew = true;
      } else if (marker === "-") {
        lastWasNew = false;
      } else if (marker === "\\" && lastWasNew) {
        finalNewline = false; // "\ No newline at end of file" after a line of the staged version
      }
    }
  }
  close();
  return sections;
}
