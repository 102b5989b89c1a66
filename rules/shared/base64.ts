/**
 * Finding tokens stored base64-encoded (Kubernetes Secret `data:` values, CI variables),
 * as GitHub push protection and gitleaks do, without decoding every base64 run in a file.
 */

/** Longest window decoded around a keyword hit; a longer run is decoded in overlapping windows. */
const MAX_RUN = 4096;

/**
 * The base64 text that `needle` turns into at each of the three byte alignments, keeping
 * only the characters fully determined by the needle. Any base64 encoding of a text that
 * contains the needle contains one of these, so they work as prefilter keywords.
 */
export function base64Keywords(needle: string): string[] {
  const keywords: string[] = [];
  for (let align = 0; align < 3; align++) {
    const encoded = Buffer.concat([Buffer.alloc(align), Buffer.from(needle, "latin1")]).toString("base64");
    const firstBit = align * 8;
    const endBit = (align + needle.length) * 8;
    const first = Math.ceil(firstBit / 6);
    const last = Math.floor(endBit / 6); // exclusive
    keywords.push(encoded.slice(first, last));
  }
  return keywords;
}

export interface DecodedRun {
  /** Offset of the run in the text. */
  start: number;
  end: number;
  decoded: string;
}

/** How far before a keyword hit a token's encoding (and the character before it) can start. */
const LEAD = 8;
/** How far after a keyword hit the longest token's encoding ends, and the character after it. */
const TAIL = 72;

function isBase64Char(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) ||
    code === 43 || code === 47 || code === 95 || code === 45 // + / _ -
  );
}

/**
 * Windows of base64 text around the occurrences of the keywords, decoded as latin1 so that
 * decoded byte offsets map back to base64 characters (4 characters per 3 bytes). A window may
 * start with characters that are not part of the encoding (`key_aGZf…`), or in the middle of
 * one, so each is decoded from its first four offsets; only the aligned one yields readable
 * text. A hit that an earlier window holds whole is not decoded again: a line of `aGZf` repeated
 * has a hit every four characters, and a window for each took gigabytes.
 */
export function* decodeRunsAround(text: string, keywords: readonly string[]): Generator<DecodedRun> {
  const hits: number[] = [];
  for (const keyword of keywords) {
    for (let hit = text.indexOf(keyword); hit !== -1; hit = text.indexOf(keyword, hit + 1)) hits.push(hit);
  }
  hits.sort((a, b) => a - b);
  let covered = { start: 0, end: 0 };
  for (const hit of hits) {
    if (hit - LEAD >= covered.start && hit + TAIL <= covered.end) continue;
    let start = hit;
    while (start > 0 && hit - start < LEAD && isBase64Char(text.charCodeAt(start - 1))) start--;
    let end = hit;
    while (end < text.length && end - start < MAX_RUN && isBase64Char(text.charCodeAt(end))) end++;
    // Padding closes a run; '=' is never inside one, so `KEY=aGZf…` starts after '='.
    while (text[end] === "=" && end - start < MAX_RUN) end++;
    const standard = text.slice(start, end).replace(/-/g, "+").replace(/_/g, "/");
    for (let skip = 0; skip < 4 && start + skip <= hit; skip++) {
      yield { start: start + skip, end, decoded: Buffer.from(standard.slice(skip), "base64").toString("latin1") };
    }
    covered = { start, end };
  }
}

/** Maps a span of decoded bytes back to the base64 characters that encode it. */
export function encodedSpan(run: DecodedRun, byteStart: number, byteEnd: number): { start: number; end: number } {
  return {
    start: run.start + Math.floor(byteStart / 3) * 4,
    end: Math.min(run.end, run.start + Math.ceil(byteEnd / 3) * 4),
  };
}
