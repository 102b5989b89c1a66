/**
 * How every front end (the CLI engine, the ESLint plugin) runs a content rule over a file:
 * over its text, and for a notebook also over each cell's source and text outputs, with the
 * positions mapped back to the file. Call this rather than `rule.check` directly.
 */
import type { ContentRule, TextContext, TextMatch } from "../types.js";
import { isNotebook, notebookTexts, type NotebookText } from "./notebook.js";

/** The last notebook read: every rule of a file asks for the same one, one after another. */
let lastNotebook: { file: string; texts: NotebookText[] } | undefined;

function textsOf(file: string): NotebookText[] {
  if (lastNotebook?.file !== file) lastNotebook = { file, texts: notebookTexts(file) };
  return lastNotebook.texts;
}

/**
 * The rule's matches in a file. In a notebook, a value found both in the file's JSON and in a
 * cell is one match. `contains` answers for the file's bytes and still holds for its cells:
 * no keyword has a character that JSON escapes (a test checks that).
 */
export function checkText(rule: ContentRule, context: TextContext): TextMatch[] {
  const matches = rule.check(context);
  if (!isNotebook(context.path)) return matches;
  const seen = new Set(matches.map((match) => `${match.start}:${match.end}`));
  for (const cell of textsOf(context.text)) {
    for (const match of rule.check({ ...context, text: cell.text })) {
      const span = cell.fileSpan(match.start, match.end);
      const key = `${span.start}:${span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      matches.push({ ...match, ...span });
    }
  }
  return matches;
}
