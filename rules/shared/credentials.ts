/**
 * What a Hugging Face token looks like, and how to tell a real one from a placeholder.
 * Shared by the token rules, the argument rule and the ESLint plugin.
 */

/**
 * A kind of Hugging Face token. This declaration is the only place a token's shape is written:
 * the token rules, `--verify`, the ESLint plugin (through the rules) and the tests' generated
 * placeholders all read it. A new kind is one entry here plus examples in its rule.
 */
export interface TokenKind {
  prefix: string;
  /** ASCII letters and digits after the prefix. */
  bodyLength: number;
  /** What messages call it. */
  name: string;
  /** The rule that reports it. */
  rule: string;
  /** Whether the Hub's whoami endpoint answers for it (`--verify`). */
  verifiable: boolean;
  /** The `{{…}}` marker that rule examples and fixtures write for a generated one. */
  marker: string;
}

export const TOKEN_KINDS: readonly TokenKind[] = [
  { prefix: "hf_", bodyLength: 34, name: "Hugging Face access token", rule: "hf-token", verifiable: true, marker: "HF_TOKEN" },
  {
    prefix: "api_org_",
    bodyLength: 34,
    name: "Hugging Face organization API token",
    rule: "hf-org-token",
    verifiable: true,
    marker: "ORG_TOKEN",
  },
];

export const TOKEN_PREFIXES: readonly string[] = TOKEN_KINDS.map((kind) => kind.prefix);
/** A token kind's prefix. */
export type TokenPrefix = string;

/** The kind with this prefix. */
export function tokenKind(prefix: TokenPrefix): TokenKind {
  const kind = TOKEN_KINDS.find((candidate) => candidate.prefix === prefix);
  if (!kind) throw new Error(`no token kind with prefix ${prefix}`);
  return kind;
}

/**
 * A token candidate: the prefix, 34 ASCII letters or digits, not followed by more of a word.
 * The pattern starts with the literal prefix so the regex engine can skip ahead quickly;
 * what may precede it is checked by `startsWord`.
 */
export function tokenPattern(prefix: TokenPrefix): RegExp {
  return new RegExp(`${prefix}[A-Za-z0-9]{${tokenKind(prefix).bodyLength}}(?![A-Za-z0-9_])`, "g");
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

/** Counts per character code, reused: entropy runs for every candidate in a file (a Map each was its main cost). */
const counts = new Uint32Array(65536);

/** Shannon entropy in bits per character (per UTF-16 unit). */
export function entropy(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    counts[code] = (counts[code] ?? 0) + 1;
  }
  let bits = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const count = counts[code] ?? 0;
    if (count === 0) continue; // already counted
    const p = count / value.length;
    bits -= p * Math.log2(p);
    counts[code] = 0;
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
  for (const { prefix, bodyLength } of TOKEN_KINDS) {
    const body = value.slice(prefix.length);
    if (value.startsWith(prefix) && body.length === bodyLength && /^[A-Za-z0-9]+$/.test(body) && !isPlaceholderBody(body)) {
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
