import { KEYWORD_SCAN_WASM } from "./keyword-scan-binary.js";

/**
 * The prefilter's keyword search. Searching each keyword with `indexOf` costs a pass over the
 * file per keyword, and most keywords are absent from most files, so every pass runs to the end:
 * 20 keywords took 575 ms over 300 MB. The SIMD filter in keyword-scan.wat finds them all in one
 * pass (135 ms). Without WebAssembly (node --jitless) each keyword falls back to `indexOf`.
 */

/**
 * Bytes from most to least frequent, counted over 30 MB of Python (the standard library) and
 * 30 MB of JavaScript (node_modules); base64 text is uniform and changes nothing. One change for
 * the code we scan: the `k` of `token` is everywhere in ML code (tokenizer, pad_token).
 */
const BY_FREQUENCY = Buffer.from("ketsraonilcdpufmhg_yb-vxTwES01INAC2RPODFLMjq3B4UHz568WG9V7KJYXQZ", "latin1");
/** Bytes of a keyword that the filter tests; shorter keywords are searched with `indexOf`. */
const FINGERPRINT = 3;
/** One bit each in the filter's result. */
const MAX_SCANNED = 32;
const BUCKETS = 8;

// Offsets in the WebAssembly memory: see the layout in keyword-scan.wat.
const RECORDS = 128;
const KEYWORD_BYTES = 1024;
const INPUT = 65536;
const PAGE = 65536;
/** What the last 16-byte block may read past the input. */
const SLACK = 32;

function rarity(byte: number): number {
  const rank = BY_FREQUENCY.indexOf(byte);
  return rank === -1 ? BY_FREQUENCY.length : rank; // punctuation and non-ASCII bytes count as rare
}

/**
 * Where a keyword's fingerprint starts: at its rarest run of bytes. What follows a slot name
 * tells it apart (`en=` of `token=`), not the name: `oke` is in every `tokenizer`, and each
 * of those was a candidate to check against every keyword sharing it.
 */
export function fingerprintOffset(bytes: Buffer): number {
  const score = (at: number): number => rarity(bytes[at] ?? 0) + rarity(bytes[at + 1] ?? 0) + rarity(bytes[at + 2] ?? 0);
  let offset = 0;
  for (let i = 1; i + FINGERPRINT <= bytes.length; i++) if (score(i) > score(offset)) offset = i;
  return offset;
}

interface Filter {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  scan(pointer: number, length: number, count: number, wanted: number): number;
}

/** The part of the WebAssembly API used here (@types/node 20 does not declare it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

function loadFilter(): Filter | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  try {
    if (!api) return null;
    return new api.Instance(new api.Module(Buffer.from(KEYWORD_SCAN_WASM, "base64"))).exports as Filter;
  } catch {
    return null; // no WebAssembly here (node --jitless), or no SIMD
  }
}

/** Which keywords a buffer contains; keywords nobody declared are added when first asked about. */
export class KeywordScanner {
  private readonly filter: Filter | null;
  readonly usesWebAssembly: boolean;
  /** The bit of each keyword the filter searches. */
  private readonly bits = new Map<string, number>();
  private nextBytes = KEYWORD_BYTES;
  /** Per bucket, per fingerprint byte: the low and the high nibbles its keywords' fingerprints have. */
  private readonly nibbles = Array.from({ length: BUCKETS }, () =>
    Array.from({ length: FINGERPRINT }, () => ({ low: new Set<number>(), high: new Set<number>() })),
  );

  constructor(keywords: readonly string[], options: { webAssembly?: boolean } = {}) {
    this.filter = options.webAssembly === false ? null : loadFilter();
    this.usesWebAssembly = this.filter !== null;
    for (const keyword of keywords) this.add(keyword);
  }

  /**
   * Searches `content` for every keyword at once and returns the test of one keyword. The
   * test answers for this content only; a keyword it has not seen before is searched then.
   */
  scan(content: Buffer): (keyword: string) => boolean {
    const found = this.filter ? this.run(this.filter, content) : null;
    const count = found === null ? 0 : this.bits.size; // the keywords `found` answers for
    const searched = new Map<string, boolean>();
    return (keyword) => {
      const bit = this.bits.get(keyword) ?? this.add(keyword);
      if (found !== null && bit !== undefined && bit < count) return (found & (1 << bit)) !== 0;
      let present = searched.get(keyword);
      if (present === undefined) {
        present = content.includes(keyword);
        searched.set(keyword, present);
      }
      return present;
    };
  }

  /** The bit set of keywords found; null when the content does not fit in the filter's memory. */
  private run(filter: Filter, content: Buffer): number | null {
    const needed = INPUT + content.length + SLACK;
    try {
      if (needed > filter.memory.buffer.byteLength) filter.memory.grow(Math.ceil((needed - filter.memory.buffer.byteLength) / PAGE));
    } catch {
      return null; // past 4 GiB (the most a 32-bit memory holds) or out of memory: indexOf it is
    }
    content.copy(new Uint8Array(filter.memory.buffer, INPUT, content.length));
    const count = this.bits.size;
    return filter.scan(INPUT, content.length, count, count === MAX_SCANNED ? -1 : (1 << count) - 1);
  }

  /**
   * The bucket a fingerprint joins: the one whose share of positions passing the filter grows
   * least (a position passes a bucket when each of its bytes has one of the bucket's nibbles at
   * that place, both low and high). Fingerprints alike share a bucket: \`en=\`, \`en:\`, \`en"\`.
   */
  private bucketFor(fingerprint: Buffer): number {
    const passing = (sets: { low: Set<number>; high: Set<number> }[], add: boolean): number =>
      sets.reduce((share, { low, high }, j) => {
        const byte = fingerprint[j] ?? 0;
        const lows = low.size + Number(add && !low.has(byte & 15));
        const highs = high.size + Number(add && !high.has(byte >> 4));
        return (share * lows * highs) / 256;
      }, 1);
    let best = 0;
    let bestGrowth = Number.POSITIVE_INFINITY;
    this.nibbles.forEach((sets, bucket) => {
      const growth = passing(sets, true) - passing(sets, false);
      if (growth < bestGrowth) [best, bestGrowth] = [bucket, growth];
    });
    this.nibbles[best]?.forEach(({ low, high }, j) => {
      low.add((fingerprint[j] ?? 0) & 15);
      high.add((fingerprint[j] ?? 0) >> 4);
    });
    return best;
  }

  /** Gives a keyword a bit in the filter; undefined when it cannot have one (searched with indexOf). */
  private add(keyword: string): number | undefined {
    const bytes = Buffer.from(keyword, "utf8");
    const fits = bytes.length >= FINGERPRINT && bytes.length <= 255 && this.nextBytes + bytes.length <= INPUT;
    if (!this.filter || this.bits.size === MAX_SCANNED || !fits) return undefined;
    const bit = this.bits.size;
    const memory = new DataView(this.filter.memory.buffer);
    const record = RECORDS + bit * 8;
    const offset = fingerprintOffset(bytes);
    memory.setUint8(record, 1 << this.bucketFor(bytes.subarray(offset, offset + FINGERPRINT)));
    memory.setUint8(record + 1, offset);
    memory.setUint8(record + 2, bytes.length);
    memory.setUint32(record + 4, this.nextBytes, true);
    new Uint8Array(this.filter.memory.buffer).set(bytes, this.nextBytes);
    this.nextBytes += bytes.length;
    this.bits.set(keyword, bit);
    return bit;
  }
}
