/**
 * Realistic secrets generated at test time from a seed, so that no real-format token is
 * ever written in this repository (it would trip our own scanner, GitHub push protection
 * and every other scanner) while tests stay deterministic.
 */
import { TOKEN_KINDS, isPlaceholderBody, tokenKind, type TokenKind } from "../../rules/shared/credentials.js";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ALPHABET = `${LETTERS}0123456789`;

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBody(random: () => number, length: number, alphabet = ALPHABET): string {
  for (;;) {
    let body = "";
    for (let i = 0; i < length; i++) body += alphabet[Math.floor(random() * alphabet.length)];
    if ((alphabet === LETTERS || /\d/.test(body)) && !isPlaceholderBody(body)) return body;
  }
}

/**
 * A realistic token of `kind` (TOKEN_KINDS: prefix and length come from there). Each kind draws
 * from its own stream (seed + 1000 × its place), so adding a kind changes no other's tokens.
 */
export function fakeToken(kind: TokenKind, seed = 1, alphabet = ALPHABET): string {
  const offset = alphabet === LETTERS ? 3000 : 1000 * TOKEN_KINDS.indexOf(kind);
  return kind.prefix + randomBody(seededRandom(seed + offset), kind.bodyLength, alphabet);
}

export function fakeHfToken(seed = 1): string {
  return fakeToken(tokenKind("hf_"), seed);
}

/** A token of letters only, as some real ones are (a CI user's token in huggingface_hub's tests). */
export function fakeLettersHfToken(seed = 1): string {
  return fakeToken(tokenKind("hf_"), seed, LETTERS);
}

export function fakeOrgToken(seed = 1): string {
  return fakeToken(tokenKind("api_org_"), seed);
}

/** A high-entropy credential that is not an hf_ token (another provider's API key). */
export function fakeCredential(seed = 1): string {
  return randomBody(seededRandom(seed + 2000), 32);
}

/**
 * Replaces the `{{…}}` markers used by rule examples and fixtures with generated values: each
 * kind's marker (`{{HF_TOKEN}}`, `{{ORG_TOKEN}}`) and its `_BASE64` form, `{{HF_TOKEN_LETTERS}}`
 * and `{{CREDENTIAL}}`.
 */
export function fillExample(text: string, seed = 1): string {
  let filled = text
    .replaceAll("{{HF_TOKEN_LETTERS}}", fakeLettersHfToken(seed))
    .replaceAll("{{CREDENTIAL}}", fakeCredential(seed));
  for (const kind of TOKEN_KINDS) {
    const token = fakeToken(kind, seed);
    filled = filled
      .replaceAll(`{{${kind.marker}_BASE64}}`, Buffer.from(token).toString("base64"))
      .replaceAll(`{{${kind.marker}}}`, token);
  }
  return filled;
}
