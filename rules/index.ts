import type { Rule } from "./types.js";
import hfToken from "./hf-token.js";
import hfOrgToken from "./hf-org-token.js";
import hardcodedTokenArgument from "./hardcoded-token-argument.js";
import envFileNotIgnored from "./env-file-not-ignored.js";
import hfTokenFile from "./hf-token-file.js";
import legacyTokenEnv from "./legacy-token-env.js";

/**
 * Every rule, in precedence order: when two findings cover the same text (a token passed
 * as `token="hf_…"`), the earlier rule's finding is kept and the later one dropped.
 */
export const rules: readonly Rule[] = [
  hfToken,
  hfOrgToken,
  hardcodedTokenArgument,
  envFileNotIgnored,
  hfTokenFile,
  legacyTokenEnv,
];

export type { Rule, ContentRule, FileRule, Severity, TextMatch, FileFacts, FileStatus } from "./types.js";
