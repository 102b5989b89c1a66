/**
 * Files built to stall or blow up a scanner: repeated rule anchors on one long line, text that
 * decodes to endless token prefixes, a match on every line. Shared by the fail-closed tests and
 * the hostile-inputs benchmark (bench/hostile.ts), so both measure the same inputs.
 */
import { fakeHfToken } from "./tokens.js";

export interface HostileCase {
  name: string;
  /** Whether the file holds real-shaped tokens the scan must report. */
  hasTokens: boolean;
  make(size: number): Buffer;
}

/** `unit` (or what it returns each time) repeated up to `size` bytes. */
function repeated(size: number, unit: string | ((index: number) => string)): Buffer {
  if (typeof unit === "string") return Buffer.from(unit.repeat(Math.ceil(size / unit.length)).slice(0, size));
  const parts: string[] = [];
  for (let length = 0, index = 0; length < size; index++) {
    const part = unit(index);
    parts.push(part);
    length += part.length;
  }
  return Buffer.from(parts.join("").slice(0, size));
}

/** A thousand distinct tokens, reused: generating one per line would dominate the test. */
const tokens = Array.from({ length: 1000 }, (_, index) => fakeHfToken(9000 + index));
const token = (index: number): string => tokens[index % tokens.length] ?? "";

export const HOSTILE_CASES: HostileCase[] = [
  { name: "`--token ` repeated on one line", hasTokens: false, make: (size) => repeated(size, "--token ") },
  {
    name: "`hf auth login` then `--token ` repeated",
    hasTokens: false,
    make: (size) => repeated(size, (i) => (i === 0 ? "hf auth login " : "--token ")),
  },
  { name: "`aGZf` (base64 of `hf_`) repeated", hasTokens: false, make: (size) => repeated(size, "aGZf") },
  { name: "`HF_TOKEN` then spaces", hasTokens: false, make: (size) => repeated(size, (i) => (i === 0 ? "HF_TOKEN" : " ")) },
  { name: "a token on every line", hasTokens: true, make: (size) => repeated(size, (i) => `${token(i)}\n`) },
  {
    name: "tokens back to back on one line",
    hasTokens: true,
    make: (size) => repeated(size, (i) => `${token(i)} `),
  },
  {
    name: "a base64-encoded token on every line",
    hasTokens: true,
    make: (size) => repeated(size, (i) => `${Buffer.from(token(i)).toString("base64")}\n`),
  },
  {
    name: "a suppressed token on every line",
    hasTokens: false,
    make: (size) => repeated(size, (i) => `x = "${token(i)}"  # hf-lint-disable-line\n`),
  },
  {
    name: "UTF-16 with a BOM, a token on every line",
    hasTokens: true,
    make: (size) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(repeated(size / 2 - 1, (i) => `${token(i)}\n`).toString(), "utf16le")]),
  },
  { name: "one line, no newline, no keyword", hasTokens: false, make: (size) => repeated(size, "a1b2c3d4e5") },
];
