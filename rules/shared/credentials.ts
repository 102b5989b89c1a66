/**
 * What a Hugging Face token looks like, and how to tell a real one from a placeholder.
 * Shared by the token rules, the argument rule and the ESLint plugin.
 */

export const TOKEN_PREFIXES = ["hf_", "api_org_"] as const;
export type TokenPrefix = (typeof TOKEN_PREFIXES)[number];

export const TOKEN_BODY_LENGTH = 34;

/** The environment variables the Hugging Face libraries read a token from. */
export const TOKEN_ENV_VARS = [
  "HF_TOKEN",
  "HUGGING_FACE_HUB_TOKEN", // hf-lint-disable-line legacy-token-env
  "HUGGINGFACE_TOKEN", // hf-lint-disable-line legacy-token-env
  "HUGGINGFACEHUB_API_TOKEN",
  "HF_API_TOKEN",
] as const;

/**
 * A token candidate: the prefix, 34 ASCII letters or digits, not followed by more of a word.
 * The pattern starts with the literal prefix so the regex engine can skip ahead quickly;
 * what may precede it is checked by `startsWord`.
 */
export function tokenPattern(prefix: TokenPrefix): RegExp {
  return new RegExp(`${prefix}[A-Za-z0-9]{${TOKEN_BODY_LENGTH}}(?![A-Za-z0-9_])`, "g");
}

function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/**
 * Whether a match at `index` is not the tail of a longer word. A JSON/C escape such as
 * `\n` may precede it (notebook sources end lines with one).
 */
export function startsWord(text: string, index: number): boolean {
  if (index === 0 || !isWordCode(text.charCodeAt(index - 1))) return true;
  const escaped = "nrt".includes(text.charAt(index - 1));
  return escaped && text.charCodeAt(index - 2) === 92 && (index < 3 || text.charCodeAt(index - 3) !== 92);
}

const PLACEHOLDER_WORDS = /your|token|example|placeholder|dummy|sample|redacted|secret|insert|replace|changeme/i;

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Longest run of characters whose codes step by +1 or -1 ignoring case (abcde, 12345, AbCdE). */
function longestSequence(value: string): number {
  const lower = value.toLowerCase();
  let longest = 1;
  let run = 1;
  let step = 0;
  for (let i = 1; i < lower.length; i++) {
    const delta = lower.charCodeAt(i) - lower.charCodeAt(i - 1);
    if ((delta === 1 || delta === -1) && (run === 1 || delta === step)) {
      run++;
      step = delta;
    } else if (delta === 1 || delta === -1) {
      run = 2;
      step = delta;
    } else {
      run = 1;
    }
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * True for values written by a person rather than generated: repeated characters
 * (`xxxxx`), alphabet or digit runs (`abcde`, `12345`), few distinct characters, or
 * placeholder words (`YourTokenHere`).
 */
function looksHandWritten(value: string): boolean {
  return (
    /(.)\1{4}/.test(value) ||
    longestSequence(value) >= 5 ||
    new Set(value).size < 10 ||
    PLACEHOLDER_WORDS.test(value)
  );
}

/**
 * True for token bodies that are obviously not random: documentation placeholders
 * and hex digests. A random 34-character body trips one of these checks less than
 * once in ten thousand.
 */
export function isPlaceholderBody(body: string): boolean {
  if (looksHandWritten(body)) return true;
  if (/^[0-9a-f]+$/.test(body) || /^[0-9A-F]+$/.test(body)) return true;
  return entropy(body) < 3;
}

/** Returns the prefix when `value` is exactly a realistic (non-placeholder) token. */
export function realTokenPrefix(value: string): TokenPrefix | null {
  for (const prefix of TOKEN_PREFIXES) {
    if (
      value.length === prefix.length + TOKEN_BODY_LENGTH &&
      value.startsWith(prefix) &&
      /^[A-Za-z0-9]+$/.test(value.slice(prefix.length)) &&
      !isPlaceholderBody(value.slice(prefix.length))
    ) {
      return prefix;
    }
  }
  return null;
}

/** Values that are references, not literals: `$HF_TOKEN`, `${{ secrets.X }}`, `%X%`, `<token>`, None. */
export function isReference(value: string): boolean {
  return (
    /^[$%<[{]/.test(value) ||
    /\$\{|\{\{|\$\(/.test(value) ||
    /^(?:true|false|none|null|undefined|nil)$/i.test(value)
  );
}

/**
 * Whether a literal given as a credential looks like a real secret rather than a
 * placeholder, a path or a word: long, high-entropy, letters and digits, no prose.
 */
export function looksLikeCredential(value: string): boolean {
  if (realTokenPrefix(value)) return true;
  if (value.length < 16 || value.length > 512) return false;
  if (isReference(value)) return false;
  if (!/^[A-Za-z0-9_\-.+/=:]+$/.test(value)) return false;
  if (/^[./~]|:\/\//.test(value)) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return !looksHandWritten(value) && entropy(value) >= 3.3;
}

/** `hf_Ab…yz`: enough to recognise a token, never enough to use it. */
export function redact(secret: string): string {
  const prefix = TOKEN_PREFIXES.find((p) => secret.startsWith(p)) ?? "";
  const body = secret.slice(prefix.length);
  if (body.length < 8) return `${prefix}…`;
  return `${prefix}${body.slice(0, 2)}…${body.slice(-2)}`;
}
