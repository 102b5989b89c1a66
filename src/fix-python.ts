/**
 * Just enough of Python's lexical structure to tell `--fix` what a legacy name is where it
 * stands: inside a string, a keyword argument of a call, or a name that code binds and reads
 * (renaming that one alone would leave a NameError behind).
 */

export type PythonPlace = "string" | "call-keyword" | "code";

const STRING_START = /(?<![\w])[rRbBuUfF]{0,2}("""|'''|"|')/y;

/**
 * The place of each offset (ascending or not) in Python source. One pass over the text: strings,
 * comments and brackets are followed; an offset inside a comment counts as "string" (prose).
 */
export function pythonPlaces(text: string, offsets: number[]): Map<number, PythonPlace> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const places = new Map<number, PythonPlace>();
  const openers: number[] = []; // offsets of the open brackets around the cursor
  let lastSignificant = -1; // offset of the last character of code that is not white space
  let next = 0;
  let i = 0;
  const settle = (until: number, inside: boolean): void => {
    while (next < wanted.length && (wanted[next] as number) < until) {
      const offset = wanted[next++] as number;
      places.set(offset, inside ? "string" : placeOf(text, openers, lastSignificant));
    }
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (char === "#") {
      const end = lineEnd(text, i);
      settle(i, false);
      settle(end, true);
      i = end;
      continue;
    }
    STRING_START.lastIndex = i;
    const string = /[rRbBuUfF"']/.test(char) ? STRING_START.exec(text) : null;
    if (string) {
      const end = stringEnd(text, i + string[0].length, string[1] as string);
      settle(i, false);
      settle(end, true);
      lastSignificant = end - 1;
      i = end;
      continue;
    }
    settle(i + 1, false);
    if (char === "(" || char === "[" || char === "{") openers.push(i);
    else if (char === ")" || char === "]" || char === "}") openers.pop();
    if (!/\s/.test(char) && !(char === "\\" && text[i + 1] === "\n")) lastSignificant = i;
    i++;
  }
  settle(Number.POSITIVE_INFINITY, false);
  return places;
}

/** A name at `offset` is a call's keyword argument when it follows `(` or `,` directly inside a call's parentheses. */
function placeOf(text: string, openers: number[], lastSignificant: number): PythonPlace {
  const opener = openers.at(-1);
  if (opener === undefined || text[opener] !== "(") return "code";
  const before = text[lastSignificant];
  if (lastSignificant < opener || (before !== "(" && before !== ",")) return "code";
  // A call: the parenthesis follows a name, a call or a subscript, and is not a def's or a class's list.
  const head = text.slice(Math.max(0, opener - 200), opener);
  if (!/[\w)\]]\s*$/.test(head) || /\b(?:def|class)\s+\w+\s*$/.test(head)) return "code";
  return "call-keyword";
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end === -1 ? text.length : end;
}

/** The offset just past a string whose body starts at `from`. */
function stringEnd(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text.startsWith(quote, i)) return i + quote.length;
    else if (quote.length === 1 && text[i] === "\n") return i; // unterminated: the line ends it
  }
  return text.length;
}
