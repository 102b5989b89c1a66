import ignore, { type Ignore } from "ignore";

/**
 * The ignore library turns each `**` into a regex loop; several in one pattern backtrack
 * exponentially on deep paths (a, `**`, a, `**`, …, b joined by slashes, over `a/a/a/…`, took
 * seconds per file).
 */
const MAX_GLOBSTARS = 3;
/** Deeper paths are never matched (the cost grows with depth too): they are scanned. */
const MAX_DEPTH = 32;

const NOT_MATCHED = { ignored: false, unignored: false };

/** What a warning about a dropped pattern says, before the pattern. */
export const NOT_APPLIED = "ignore pattern not applied (more than three **, too costly to match): ";

/**
 * gitignore-syntax patterns at a bounded cost per path. A pattern with more than three `**` is
 * not applied, and a path more than 32 directories deep is not matched: either way its file is
 * scanned, never skipped. A negation cannot be dropped that way (it would ignore more), so a
 * set with such a negation is not applied at all.
 */
export function boundedIgnore(text: string | string[]): { matcher: Pick<Ignore, "ignores" | "test">; dropped: string[] } {
  const lines = (typeof text === "string" ? text.split(/\r?\n/) : text).filter((line) => !line.startsWith("#"));
  const dropped = lines.filter((line) => (line.match(/\*\*/g) ?? []).length > MAX_GLOBSTARS);
  const kept = dropped.some((line) => line.startsWith("!")) ? [] : lines.filter((line) => !dropped.includes(line));
  const inner = ignore().add(kept);
  const tooDeep = (path: string): boolean => path.split("/").length > MAX_DEPTH + 1;
  return {
    matcher: {
      ignores: (path) => !tooDeep(path) && inner.ignores(path),
      test: (path) => (tooDeep(path) ? { ...NOT_MATCHED } : inner.test(path)),
    },
    dropped,
  };
}
