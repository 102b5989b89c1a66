import { isUtf8 } from "node:buffer";

/**
 * File names are bytes: git and the file system accept any byte but NUL and `/` in a name,
 * not only UTF-8. A name is kept as its bytes to open the file, and shown as text with each
 * byte that is not part of a valid UTF-8 character written `\xNN`.
 */
export function displayName(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString("utf8");
  let text = "";
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes[i] as number);
    const character = bytes.subarray(i, i + length);
    if (length > 0 && character.length === length && isUtf8(character)) {
      text += character.toString("utf8");
      i += length;
    } else {
      text += `\\x${(bytes[i] as number).toString(16).toUpperCase().padStart(2, "0")}`;
      i++;
    }
  }
  return text;
}

/** The bytes a UTF-8 character starting with this byte takes; 0 for a byte no character starts with. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** A name read from git output: its display text, plus its bytes when these are not UTF-8. */
export function nameFromBytes(bytes: Buffer): { path: string; bytes?: Buffer } {
  const path = displayName(bytes);
  return isUtf8(bytes) ? { path } : { path, bytes };
}

/** A name read as latin1 (one character per byte) from git output, shown as `displayName` does. */
export function displayLatin1Name(text: string): string {
  // Nearly every name is ASCII: its bytes are its text.
  return /^[\x00-\x7f]*$/.test(text) ? text : displayName(Buffer.from(text, "latin1"));
}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, "\\": 92 };

/**
 * Git quotes unusual names C-style (`"q\"uote\303\251"`, octal escapes are raw bytes). Takes and
 * returns the name as a latin1 string (one character per byte), so any byte survives.
 */
export function unquoteName(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  let bytes = "";
  for (let i = 1; i < text.length - 1; i++) {
    const char = text.charAt(i);
    if (char !== "\\") {
      bytes += char;
      continue;
    }
    const next = text.charAt(++i);
    if (/[0-7]/.test(next)) {
      bytes += String.fromCharCode(parseInt(text.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes += String.fromCharCode(ESCAPES[next] ?? next.charCodeAt(0));
    }
  }
  return bytes;
}
