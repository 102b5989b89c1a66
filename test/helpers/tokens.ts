/**
 * Realistic secrets generated at test time from a seed, so that no real-format token is
 * ever written in this repository (it would trip our own scanner, GitHub push protection
 * and every other scanner) while tests stay deterministic.
 */
import { isPlaceholderBody } from "../../rules/shared/credentials.js";

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

export function fakeHfToken(seed = 1): string {
  return "hf" + "_" + randomBody(seededRandom(seed), 34);
}

/** A token of letters only, as some real ones are (a CI user's token in huggingface_hub's tests). */
export function fakeLettersHfToken(seed = 1): string {
  return "hf" + "_" + randomBody(seededRandom(seed + 3000), 34, LETTERS);
}

export function fakeOrgToken(seed = 1): string {
  return "api" + "_org_" + randomBody(seededRandom(seed + 1000), 34);
}

/** A high-entropy credential that is not an hf_ token (another provider's API key). */
export function fakeCredential(seed = 1): string {
  return randomBody(seededRandom(seed + 2000), 32);
}

/** Replaces the `{{…}}` markers used by rule examples with generated values. */
export function fillExample(text: string, seed = 1): string {
  return text
    .replaceAll("{{HF_TOKEN_BASE64}}", Buffer.from(fakeHfToken(seed)).toString("base64"))
    .replaceAll("{{HF_TOKEN}}", fakeHfToken(seed))
    .replaceAll("{{HF_TOKEN_LETTERS}}", fakeLettersHfToken(seed))
    .replaceAll("{{ORG_TOKEN}}", fakeOrgToken(seed))
    .replaceAll("{{CREDENTIAL}}", fakeCredential(seed));
}
