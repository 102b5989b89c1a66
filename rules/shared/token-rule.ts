import { findTokens, tokenKeywords } from "./find-tokens.js";
import type { TokenPrefix } from "./credentials.js";
import type { ContentRule, TextMatch } from "../types.js";

export const ROTATE_ADVICE =
  "Rotate it at https://huggingface.co/settings/tokens if it was ever committed or pushed, " +
  "and read it from HF_TOKEN, `hf auth login` or a git-ignored .env instead.";

/** What each token prefix is called in messages. */
export const TOKEN_KINDS: Readonly<Record<TokenPrefix, string>> = {
  hf_: "Hugging Face access token",
  api_org_: "Hugging Face organization API token",
};

/**
 * The message of a token finding. `shown` (the redacted token) goes into the message where
 * the output has no other place for it (ESLint); the ESLint plugin passes `{{…}}` placeholders.
 */
export function tokenMessage(what: string, encoded: boolean, shown?: string): string {
  const found = encoded ? `Base64-encoded ${what}` : `${what} in plain text`;
  return `${found}${shown === undefined ? "" : ` (${shown})`}. ${ROTATE_ADVICE}`;
}

/** Builds the check of a rule that reports every realistic token with one prefix. */
export function tokenCheck(prefix: TokenPrefix): Pick<ContentRule, "keywords" | "check"> {
  return {
    keywords: tokenKeywords(prefix),
    check({ text, contains }): TextMatch[] {
      return findTokens(text, prefix, contains).map((hit) => ({
        start: hit.start,
        end: hit.end,
        secret: hit.token,
        message: tokenMessage(TOKEN_KINDS[prefix], hit.encoded),
      }));
    },
  };
}
