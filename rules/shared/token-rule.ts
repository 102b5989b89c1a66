import { findTokens, tokenKeywords } from "./find-tokens.js";
import { TOKEN_KINDS } from "./credentials.js";
import type { ContentRule, TextMatch } from "../types.js";

export const ROTATE_ADVICE =
  "Rotate it at https://huggingface.co/settings/tokens if it was ever committed or pushed, " +
  "and read it from HF_TOKEN, `hf auth login` or a git-ignored .env instead.";

/** The message of a token finding (the CLI's and the ESLint plugin's alike). */
export function tokenMessage(what: string, encoded: boolean): string {
  const found = encoded ? `Base64-encoded ${what}` : `${what} in plain text`;
  return `${found}. ${ROTATE_ADVICE}`;
}

/** Builds the check of the rule `ruleId`: every realistic token of the kinds it reports (see TOKEN_KINDS). */
export function tokenCheck(ruleId: string): Pick<ContentRule, "keywords" | "check"> {
  const kinds = TOKEN_KINDS.filter((kind) => kind.rule === ruleId);
  return {
    keywords: kinds.flatMap((kind) => tokenKeywords(kind.prefix)),
    check({ text, contains }): TextMatch[] {
      return kinds.flatMap((kind) =>
        findTokens(text, kind.prefix, contains).map((hit) => ({
          start: hit.start,
          end: hit.end,
          secret: hit.token,
          message: tokenMessage(kind.name, hit.encoded),
        })),
      );
    },
  };
}
