import { describe, expect, it } from "vitest";
import { KeywordScanner, fingerprintOffset } from "../src/engine/keywords.js";
import { rules } from "../rules/index.js";
import { seededRandom } from "./helpers/tokens.js";

const declared = rules.flatMap((rule) => (rule.kind === "content" ? rule.keywords : []));
const simd = new KeywordScanner(declared);
const plain = new KeywordScanner(declared, { webAssembly: false });

/** What `includes` says of every keyword: the answer both scanners must give. */
function expected(content: Buffer, keywords: readonly string[]): boolean[] {
  return keywords.map((keyword) => content.includes(keyword));
}

function answers(scanner: KeywordScanner, content: Buffer, keywords: readonly string[]): boolean[] {
  const contains = scanner.scan(content);
  return keywords.map((keyword) => contains(keyword));
}

/** Text of code-like bytes with keywords planted at random places, cut short at random. */
function randomText(random: () => number): Buffer {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_=\"' \n(){}.:-+/";
  let text = "";
  const length = Math.floor(random() * 300);
  while (text.length < length) {
    text += random() < 0.1
      ? (declared[Math.floor(random() * declared.length)] ?? "").slice(0, random() < 0.2 ? -1 : undefined)
      : alphabet.charAt(Math.floor(random() * alphabet.length));
  }
  return Buffer.from(text);
}

describe("keyword scan", () => {
  it("agrees with includes on thousands of random texts, with and without WebAssembly", () => {
    expect([simd.usesWebAssembly, plain.usesWebAssembly]).toEqual([true, false]);
    const random = seededRandom(42);
    for (let i = 0; i < 3000; i++) {
      const content = randomText(random);
      const truth = expected(content, declared);
      expect(answers(simd, content, declared)).toEqual(truth);
      expect(answers(plain, content, declared)).toEqual(truth);
    }
  });

  it("finds keywords at the very start and end of the input, and not past its end", () => {
    for (const keyword of declared) {
      for (const text of [keyword, `x${keyword}`, `${keyword}y`, `${"a".repeat(37)}${keyword}`]) {
        expect(simd.scan(Buffer.from(text))(keyword)).toBe(true);
      }
      const cut = Buffer.from(keyword.slice(0, -1));
      expect(simd.scan(cut)(keyword)).toBe(false);
      // The rest of the keyword lies in memory after the input, left there by a longer one.
      simd.scan(Buffer.from(`${"b".repeat(100)}${keyword}`));
      expect(simd.scan(Buffer.from(`${"b".repeat(100)}${keyword.slice(0, -1)}`))(keyword)).toBe(false);
    }
  });

  it("grows its memory for inputs larger than it has seen", () => {
    const large = Buffer.alloc(3 * 1024 * 1024, "x");
    large.write("use_auth_token", large.length - 20);
    expect(simd.scan(large)("use_auth_token")).toBe(true);
    expect(simd.scan(large)("HUGGING")).toBe(false);
  });

  it("answers for keywords nobody declared, short ones, non-ASCII ones and more than 32", () => {
    const scanner = new KeywordScanner(declared);
    const extra = ["ab", "é-clé", ...Array.from({ length: 40 }, (_, i) => `kw${i}x`)];
    const content = Buffer.from(`ab é-clé ${extra.filter((_, i) => i % 3 === 0).join(" ")}`);
    for (let round = 0; round < 2; round++) {
      expect(answers(scanner, content, extra)).toEqual(expected(content, extra));
    }
  });

  it("takes each keyword's fingerprint from its rarest bytes", () => {
    expect(fingerprintOffset(Buffer.from("api_org_"))).toBe(5); // "rg_", not the common "api"
    expect(fingerprintOffset(Buffer.from("token="))).toBe(3); // "en=", not "oke" of every tokenizer
    expect(fingerprintOffset(Buffer.from("hf_"))).toBe(0);
  });
});
