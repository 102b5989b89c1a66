import { TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import type { ESLint } from "eslint";

/** The whole file as one node: hf-lint's rules read text, whatever the file's syntax. */
interface TextDocument {
  type: "Document";
  range: [number, number];
  loc: { start: { line: number; column: number }; end: { line: number; column: number } };
}

type TextOptions = { LangOptions: Record<string, unknown>; RootNode: TextDocument; SyntaxElementWithLoc: TextDocument; ConfigNode: never };

class TextSourceCode extends TextSourceCodeBase<TextOptions> {
  /** The only node, entered and left once. */
  override traverse(): VisitNodeStep[] {
    return [1, 2].map((phase) => new VisitNodeStep({ target: this.ast, phase: phase as 1 | 2, args: [this.ast] }));
  }
}

function documentOf(text: string): TextDocument {
  const lastBreak = text.lastIndexOf("\n");
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return {
    type: "Document",
    range: [0, text.length],
    loc: { start: { line: 1, column: 1 }, end: { line: lines, column: text.length - lastBreak } },
  };
}

/**
 * An ESLint language for any text file (ESLint's language API), so that editors running ESLint
 * show hf-lint's findings in Python, YAML, `.env`, notebooks and every other file the CLI scans.
 * Lines and columns count from 1, as the CLI's do. Options are accepted and ignored: configs that
 * set a parser for every file (no `files` key) must not break the files this language reads.
 */
export const textLanguage: NonNullable<ESLint.Plugin["languages"]>[string] = {
  fileType: "text" as const,
  lineStart: 1 as const,
  columnStart: 1 as const,
  nodeTypeKey: "type",
  visitorKeys: { Document: [] },
  defaultLanguageOptions: {},
  validateLanguageOptions(): void {},
  parse(file: { body: string | Uint8Array }): { ok: true; ast: TextDocument } {
    return { ok: true, ast: documentOf(String(file.body)) };
  },
  createSourceCode(file: { body: string | Uint8Array }, parsed: { ast: unknown }): TextSourceCode {
    return new TextSourceCode({ text: String(file.body), ast: parsed.ast as TextDocument });
  },
};
