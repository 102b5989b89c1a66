import { findTokens, tokenKeywords } from "./find-tokens.js";
import type { TokenPrefix } from "./credentials.js";
import type { ContentRule, TextMatch } from "../types.js";

export const ROTATE_ADVICE =
  "Rotate it at https://huggingface.co/settings/tokens if it was ever committed or pushed, " +
  "and read it from HF_TOKEN, `hf auth login` or a git-ignored .env instead.";

/** Builds the check of a rule that reports every realistic token with one prefix. */
export function tokenCheck(prefix: TokenPrefix, what: string): Pick<ContentRule, "keywords" | "check"> {
  return {
    keywords: tokenKeywords(prefix),
    check({ text }): TextMatch[] {
      return findTokens(text, prefix).map((hit) => ({
        start: hit.start,
        end: hit.end,
        secret: hit.token,
        message: `${hit.encoded ? `Base64-encoded ${what}` : `${capitalize(what)} in plain text`}. ${ROTATE_ADVICE}`,
      }));
    },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
