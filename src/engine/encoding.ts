/**
 * Text that is not UTF-8 but says what it is: UTF-16 and UTF-32 with a byte order mark (what
 * Windows PowerShell and Notepad write). Every NUL-padded character would make it look binary;
 * decoded to UTF-8 it is scanned like any other text, its lines and columns those of the text.
 */

const BOMS: { bytes: number[]; decode: (body: Buffer) => string }[] = [
  // UTF-32 first: its little-endian mark begins with UTF-16's.
  { bytes: [0xff, 0xfe, 0x00, 0x00], decode: (body) => utf32(body, true) },
  { bytes: [0x00, 0x00, 0xfe, 0xff], decode: (body) => utf32(body, false) },
  { bytes: [0xff, 0xfe], decode: (body) => body.toString("utf16le", 0, body.length - (body.length % 2)) },
  { bytes: [0xfe, 0xff], decode: (body) => Buffer.from(body.subarray(0, body.length - (body.length % 2))).swap16().toString("utf16le") },
];

function utf32(body: Buffer, littleEndian: boolean): string {
  const chars: string[] = [];
  for (let i = 0; i + 4 <= body.length; i += 4) {
    const code = littleEndian ? body.readUInt32LE(i) : body.readUInt32BE(i);
    chars.push(code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd");
  }
  return chars.join("");
}

function markOf(content: Buffer): (typeof BOMS)[number] | undefined {
  return BOMS.find(({ bytes }) => bytes.every((byte, index) => content[index] === byte));
}

/** Whether the content begins with a UTF-16 or UTF-32 byte order mark: text, whatever its NUL bytes. */
export function hasWideMark(content: Buffer): boolean {
  return markOf(content) !== undefined;
}

/** The content as UTF-8 (with a UTF-8 BOM in place of the original one), or itself when it has no UTF-16/32 mark. */
export function asUtf8(content: Buffer): Buffer {
  const mark = markOf(content);
  return mark ? Buffer.from(`\ufeff${mark.decode(content.subarray(mark.bytes.length))}`, "utf8") : content;
}
