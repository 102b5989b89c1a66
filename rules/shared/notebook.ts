/**
 * Notebooks are code: a `.ipynb` file is JSON whose strings hold the cells, with escaped quotes
 * and a `\n` ending every line, so a rule reading the file's text misses `login(token=\"…\")`.
 * This module gives the rules each cell's source and text outputs as plain text, and maps
 * positions in that text back to offsets in the file. Used by the CLI engine and the ESLint plugin.
 */
import { visit, type JSONPath } from "jsonc-parser";

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

export function isNotebook(path: string): boolean {
  return path.toLowerCase().endsWith(".ipynb");
}

/** Output data that people read: `text/plain`, `text/html`, `text/markdown`…, not images. */
const TEXT_MIME = /^text\//;

/**
 * The key of the text a JSON string belongs to, or null when it holds no cell text:
 * `cells[i].source` and `cells[i].outputs[j].text` (one string, or one per line),
 * `cells[i].outputs[j].data["text/…"]`, and each line of a traceback on its own.
 */
function textKey(path: JSONPath): string | null {
  if (path[0] !== "cells" || typeof path[1] !== "number") return null;
  if (path[2] === "source" && path.length <= 4) return `${path[1]}`;
  if (path[2] !== "outputs" || typeof path[3] !== "number") return null;
  const field = path[4];
  if (field === "text" && path.length <= 6) return `${path[1]}/${path[3]}`;
  if (field === "data" && typeof path[5] === "string" && TEXT_MIME.test(path[5]) && path.length <= 7) {
    return `${path[1]}/${path[3]}/${path[5]}`;
  }
  if (field === "traceback" && path.length === 6) return `${path[1]}/${path[3]}/traceback/${path[5]}`;
  return null;
}

/** Each cell's source and each text output of a notebook, in file order. */
export function notebookTexts(file: string): NotebookText[] {
  const texts = new Map<string, Literals>();
  visit(
    file,
    {
      onLiteralValue(value: unknown, offset: number, _length: number, _line: number, _column: number, pathSupplier: () => JSONPath) {
        if (typeof value !== "string" || value === "") return;
        const key = textKey(pathSupplier());
        if (key === null) return;
        let literals = texts.get(key);
        if (!literals) {
          literals = new Literals();
          texts.set(key, literals);
        }
        literals.add(value, offset + 1);
      },
    },
    { disallowComments: true },
  );
  return [...texts.values()].map((literals) => ({
    text: literals.pieces.join(""),
    fileSpan(start, end) {
      const last = literals.locate(file, end - 1);
      return { start: literals.locate(file, start).at, end: last.at + last.width };
    },
  }));
}
