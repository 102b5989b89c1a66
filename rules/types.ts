// Buffer appears in the published types: this keeps the .d.ts checking in projects with `types: []`.
/// <reference types="node" preserve="true" />
/**
 * The rule contract shared by the CLI engine and the ESLint plugin.
 * A rule is one module in `rules/`; nothing else needs to change to add one.
 */

export type Severity = "error" | "warning";

/** Where a file comes from, which decides what "git would commit it" means. */
export type FileStatus =
  | "tracked" // in the index (committed or staged) and present in the work tree
  | "untracked" // not in the index, not ignored: `git add -A` would take it
  | "staged" // a blob in the index, scanned by `--staged`
  | "committed" // a blob from history
  | "unversioned" // outside any git repository, not covered by .gitignore
  | "stdin";

/** A match inside a text, as offsets into the decoded text (end exclusive). */
export interface TextMatch {
  start: number;
  end: number;
  message: string;
  /** The credential itself, when the finding is about one (redacted before output). */
  secret?: string;
}

export interface TextContext {
  /** Decoded file text (UTF-8, BOM removed). */
  text: string;
  /** POSIX path relative to the repository (or scan) root. */
  path: string;
  /**
   * Whether the text contains a literal, answered by the engine's one-pass keyword search:
   * cheaper than `text.includes`. Absent when a check is called directly (the exported `rules`);
   * rules then search the text themselves.
   */
  contains?(keyword: string): boolean;
}

export interface FileFacts {
  path: string;
  status: FileStatus;
  /** Git's ignore rules cover the file although it is listed: force-added (`git add -f`), or named on the command line. */
  ignored?: boolean;
  /** Raw bytes when the file was read (absent for files too large or unreadable). */
  content?: Buffer;
}

/**
 * Examples are checked automatically by the test suite (gitleaks-style). Each token kind's
 * marker (`{{HF_TOKEN}}`, `{{ORG_TOKEN}}`, see TOKEN_KINDS) and its `_BASE64` form,
 * `{{HF_TOKEN_LETTERS}}` and `{{CREDENTIAL}}` are replaced with generated, realistic values at
 * test time, so no real-format secret is ever written in this repository.
 */
export interface TextExample {
  text: string;
  /** File name the example is scanned as (defaults to `example.txt`). */
  filename?: string;
}

export interface FileExample {
  path: string;
  status: FileStatus;
  text?: string;
}

interface RuleMeta {
  id: string;
  severity: Severity;
  /** One sentence, used by the README table, `--help` and SARIF. */
  description: string;
  docsUrl: string;
}

export interface ContentRule extends RuleMeta {
  kind: "content";
  /**
   * Literal byte strings (case-sensitive); a file that contains none of them is never
   * decoded or matched for this rule. This is the prefilter that keeps scans fast.
   */
  keywords: readonly string[];
  check(context: TextContext): TextMatch[];
  examples: { flagged: TextExample[]; ignored: TextExample[] };
}

export interface FileRule extends RuleMeta {
  kind: "file";
  /** Returns the message when the file itself is the problem, else null. */
  check(file: FileFacts): string | null;
  examples: { flagged: FileExample[]; ignored: FileExample[] };
}

export type Rule = ContentRule | FileRule;

const DOCS_BASE = "https://github.com/hf-lint/hf-lint/blob/main/docs/rules/";

export function docsUrlFor(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
