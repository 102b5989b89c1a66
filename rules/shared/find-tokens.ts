import { base64Keywords, decodeRunsAround, encodedSpan } from "./base64.js";
import { TOKEN_PREFIXES, isPlaceholderBody, startsWord, tokenPattern, type TokenPrefix } from "./credentials.js";

export interface TokenHit {
  start: number;
  end: number;
  token: string;
  /** True when the token was found by decoding a base64 value. */
  encoded: boolean;
}

const patterns = new Map<TokenPrefix, RegExp>();
function patternFor(prefix: TokenPrefix): RegExp {
  let pattern = patterns.get(prefix);
  if (!pattern) {
    pattern = tokenPattern(prefix);
    patterns.set(prefix, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

const encodedKeywords = new Map(TOKEN_PREFIXES.map((prefix) => [prefix, base64Keywords(prefix)]));

/** The keywords that must occur in a text for it to hold a token with this prefix. */
export function tokenKeywords(prefix: TokenPrefix): string[] {
  return [prefix, ...(encodedKeywords.get(prefix) ?? [])];
}

/**
 * Every realistic token with `prefix` in `text`, plain or base64-encoded. `contains` answers
 * whether the text holds a keyword (the engine passes its prefilter's memoized answers).
 */
export function findTokens(
  text: string,
  prefix: TokenPrefix,
  contains: (keyword: string) => boolean = (keyword) => text.includes(keyword),
): TokenHit[] {
  const hits: TokenHit[] = [];
  if (contains(prefix)) {
    for (const match of text.matchAll(patternFor(prefix))) {
      if (startsWord(text, match.index) && !isPlaceholderBody(match[0].slice(prefix.length))) {
        hits.push({ start: match.index, end: match.index + match[0].length, token: match[0], encoded: false });
      }
    }
  }
  const present = (encodedKeywords.get(prefix) ?? []).filter(contains);
  if (present.length === 0) return hits;
  for (const run of decodeRunsAround(text, present)) {
    if (!run.decoded.includes(prefix)) continue;
    for (const match of run.decoded.matchAll(patternFor(prefix))) {
      if (!startsWord(run.decoded, match.index) || isPlaceholderBody(match[0].slice(prefix.length))) continue;
      const span = encodedSpan(run, match.index, match.index + match[0].length);
      hits.push({ ...span, token: match[0], encoded: true });
    }
  }
  return hits;
}
