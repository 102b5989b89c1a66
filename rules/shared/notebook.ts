/**
 * Notebooks are code: a `.ipynb` file is JSON whose strings hold the cells, with escaped quotes
 * and a `\n` ending every line, so a rule reading the file's text misses `login(token=\"…\")`.
 * This module gives the rules the notebook's strings as plain text, a cell's source or an
 * output's text as one, and maps positions in them back to offsets in the file. Used by the
 * CLI engine and the ESLint plugin (through checkText).
 *
 * The scanner is ours: it needs where every string is, which JSON.parse does not say, and
 * jsonc-parser (which does) took 0.8 s over the 15 MB of notebooks of one real repository, ten
 * times this one, which jumps from quote to quote with indexOf.
 */

/** A text the rules read, and where each piece of it is in the file. */
export interface NotebookText {
  text: string;
  /** The file span of `text.slice(start, end)` (`end > start`). */
  fileSpan(start: number, end: number): { start: number; end: number };
}

/** The JSON strings that make up one text: where each starts in the file and in the text. */
class Literals {
  readonly pieces: string[] = [];
  /** Offset of each literal's first character (after its quote) in the file. */
  readonly fileStarts: number[] = [];
  /** Offset of each literal's first character in the text. */
  readonly textStarts: number[] = [];
  length = 0;

  add(value: string, fileStart: number): void {
    this.pieces.push(value);
    this.fileStarts.push(fileStart);
    this.textStarts.push(this.length);
    this.length += value.length;
  }

  /**
   * Where text unit `unit` is in `file`, and how many file units it takes (2 or 6 for an
   * escape). Decodes only the literal that holds it: spans are asked for rarely (per match).
   */
  locate(file: string, unit: number): { at: number; width: number } {
    let low = 0;
    let high = this.textStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.textStarts[mid] ?? 0) <= unit) low = mid;
      else high = mid - 1;
    }
    let at = this.fileStarts[low] ?? 0;
    for (let left = unit - (this.textStarts[low] ?? 0); ; left--) {
      const width = file.charAt(at) !== "\\" ? 1 : file.charAt(at + 1) === "u" ? 6 : 2;
      if (left === 0) return { at, width };
      at += width;
    }
  }
}

/** A keyword as it appears inside a notebook's JSON strings (`token"` is `token\\"` there). */
export function notebookForm(keyword: string): string {
  return JSON.stringify(keyword).slice(1, -1);
}

/** Keywords plus their notebook forms, so that the prefilter admits a notebook holding them in a cell. */
export function withNotebookForms(keywords: readonly string[]): string[] {
  return [...new Set(keywords.flatMap((keyword) => [keyword, notebookForm(keyword)]))];
}

export function isNotebook(path: string): boolean {
  return path.toLowerCase().endsWith(".ipynb");
}

/** Output data that is not text: images are base64 of pixels, not something a person wrote. */
const BINARY_MIME = /^(?:image|audio|video)\//;

type Path = readonly (string | number)[];

/**
 * Which text a JSON string belongs to, and whether it is a line of its own in it. The strings
 * of a cell's `source`, of an output's `text` and of one output `data` entry make one text each
 * (their lines end with `\n`); a cell's other strings (tracebacks, metadata) are the lines of
 * one text, and so are the notebook's own; image data is in none.
 */
function textKey(path: Path): { key: string; ownLine: boolean } | null {
  const [cells, cell, field, , outputField, mime] = path;
  if (cells !== "cells" || typeof cell !== "number") return { key: "notebook", ownLine: true };
  if (field === "source" && path.length <= 4) return { key: `${cell}`, ownLine: false };
  if (field === "outputs" && outputField === "text" && path.length <= 6) return { key: path.slice(1, 5).join("/"), ownLine: false };
  if (field === "outputs" && outputField === "data" && typeof mime === "string") {
    return BINARY_MIME.test(mime) ? null : { key: path.slice(1, 6).join("/"), ownLine: false };
  }
  return { key: `${cell}/other`, ownLine: true };
}

/** An open object (with the key being read) or array (with the index of the item being read). */
interface Frame {
  key: string | number;
  /** In an object, before the `:` of the current member. */
  readingKey: boolean;
}

/** The end of the string literal opening at `start`: the index of its closing quote, or -1. */
function closingQuote(file: string, start: number): number {
  for (let at = file.indexOf('"', start + 1); at !== -1; at = file.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (file.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

function decode(file: string, start: number, end: number): string {
  const raw = file.slice(start + 1, end);
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** Characters JSON allows outside strings: a notebook with others (a merge conflict) is also read as text. */
const OUTSIDE_STRINGS = new Uint8Array(128);
for (const char of " \t\r\n{}[]:,0123456789eE.+-truefalsn") OUTSIDE_STRINGS[char.charCodeAt(0)] = 1;

/**
 * No rule matches fewer characters (the legacy argument name and its `=`): a string that is a line of its own and
 * shorter (`"code"`, `"stdout"`, a cell id) holds nothing, and is left out to keep memory low.
 */
const SHORTEST_MATCH = 15;

/** Far deeper than any notebook: a bound on the memory a hostile file can make the scanner take. */
const MAX_DEPTH = 256;

/**
 * The strings of a notebook as texts, and whether the file is well-formed JSON (when it is not,
 * the caller reads it as text too).
 */
export function notebookTexts(file: string): { texts: NotebookText[]; wellFormed: boolean } {
  const texts = new Map<string, Literals>();
  const stack: Frame[] = [];
  let wellFormed = true;
  for (let i = 0; i < file.length; i++) {
    const code = file.charCodeAt(i);
    if (code === 32 || code === 10) continue; // most of what is not in strings: indentation
    const char = file.charAt(i);
    const top = stack[stack.length - 1];
    if (char === '"') {
      const end = closingQuote(file, i);
      if (end === -1) return { texts: textsOf(file, texts), wellFormed: false };
      if (top?.readingKey) top.key = decode(file, i, end);
      else if (end > i + 1) {
        const slot = textKey(stack.map((frame) => frame.key));
        if (slot !== null && (!slot.ownLine || end - i > SHORTEST_MATCH)) {
          let literals = texts.get(slot.key);
          if (!literals) texts.set(slot.key, (literals = new Literals()));
          if (slot.ownLine && literals.length > 0) literals.add("\n", i); // the line break stands at the opening quote
          literals.add(decode(file, i, end), i + 1);
        }
      }
      i = end;
    } else if ((char === "{" || char === "[") && stack.length === MAX_DEPTH) {
      return { texts: textsOf(file, texts), wellFormed: false }; // no notebook nests this deep: read as text
    } else if (char === "{") stack.push({ key: "", readingKey: true });
    else if (char === "[") stack.push({ key: 0, readingKey: false });
    else if (char === "}" || char === "]") stack.pop();
    else if (char === ":" && top) top.readingKey = false;
    else if (char === "," && top) {
      if (typeof top.key === "number") top.key++;
      else top.readingKey = true;
    } else if (OUTSIDE_STRINGS[code] !== 1) wellFormed = false;
  }
  return { texts: textsOf(file, texts), wellFormed: wellFormed && stack.length === 0 };
}

function textsOf(file: string, texts: Map<string, Literals>): NotebookText[] {
  return [...texts.values()].map((literals) => ({
    text: literals.pieces.join(""),
    fileSpan(start, end) {
      const last = literals.locate(file, end - 1);
      return { start: literals.locate(file, start).at, end: last.at + last.width };
    },
  }));
}
