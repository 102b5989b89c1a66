/**
 * How every front end (the CLI engine, the ESLint plugin) runs a content rule over a file:
 * over its text, and for a notebook over its cells' sources and outputs instead, with the
 * positions mapped back to the file. Call this rather than `rule.check` directly.
 */
import type { ContentRule, TextContext, TextMatch } from "../types.js";
import { isNotebook, notebookForm, notebookTexts, type NotebookText } from "./notebook.js";

interface ReadNotebook {
  file: string;
  texts: NotebookText[];
  wellFormed: boolean;
  /** Keyword answers for its strings, asked once per rule and string: memoized. */
  answers: Map<string, boolean>;
}

/** The last notebook read: every rule of a file asks for the same one, one after another. */
let lastNotebook: (ReadNotebook & { contains: TextContext["contains"] }) | undefined;

/**
 * The notebook's strings, read once per file. The file's keyword answers (`contains`, one
 * function per file) tell another file apart without comparing two texts: versions of a
 * notebook in a history often have the same length and differ only far into the file.
 */
function read(file: string, contains: TextContext["contains"]): ReadNotebook {
  // Same answers: the same string object, so the text comparison is one of references.
  const same = lastNotebook !== undefined && (!contains || lastNotebook.contains === contains) && lastNotebook.file === file;
  if (!same) lastNotebook = { file, contains, ...notebookTexts(file), answers: new Map() };
  return lastNotebook as ReadNotebook;
}

/**
 * The rule's matches in a file. A notebook is read as its strings (every one: cells, outputs,
 * metadata; not images), so that a rule sees code, not JSON; one that is not valid JSON is read
 * both as text and as the strings a tolerant parser finds. `contains` answers for the file's
 * bytes; a string holds a keyword when the file holds it as JSON writes it (`token"` as `token\"`).
 */
export function checkText(rule: ContentRule, context: TextContext): TextMatch[] {
  if (!isNotebook(context.path)) return rule.check(context);
  const notebook = read(context.text, context.contains);
  const matches = notebook.wellFormed ? [] : rule.check(context);
  const fileContains = context.contains;
  const contains =
    fileContains &&
    ((keyword: string) => {
      let answer = notebook.answers.get(keyword);
      if (answer === undefined) {
        answer = fileContains(keyword) || fileContains(notebookForm(keyword));
        notebook.answers.set(keyword, answer);
      }
      return answer;
    });
  const seen = new Set(matches.map((match) => `${match.start}:${match.end}`));
  for (const cell of notebook.texts) {
    for (const match of rule.check({ ...context, text: cell.text, ...(contains && { contains }) })) {
      const span = cell.fileSpan(match.start, match.end);
      const key = `${span.start}:${span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      matches.push({ ...match, ...span });
    }
  }
  return matches;
}
