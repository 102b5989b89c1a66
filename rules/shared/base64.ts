/**
 * Finding tokens stored base64-encoded (Kubernetes Secret `data:` values, CI variables),
 * as GitHub push protection and gitleaks do, without decoding every base64 run in a file.
 */

const BASE64_CHAR = /[A-Za-z0-9+/_-]/;
/** Longest run we decode around a keyword hit; longer blobs (images, bundles) are sampled. */
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

/**
 * The base64 runs around each occurrence of a keyword, decoded as latin1 so that decoded
 * byte offsets map back to base64 characters (4 characters per 3 bytes). A run may start
 * with a few characters that are not part of the encoding (`key_aGZf…`), so each run is
 * decoded from its first four offsets; only the aligned one yields readable text.
 */
export function decodeRunsAround(text: string, keywords: readonly string[]): DecodedRun[] {
  const runs = new Map<number, DecodedRun>();
  for (const keyword of keywords) {
    for (let hit = text.indexOf(keyword); hit !== -1; hit = text.indexOf(keyword, hit + 1)) {
      let start = hit;
      while (start > 0 && hit - start < MAX_RUN && BASE64_CHAR.test(text[start - 1] ?? "")) start--;
      if (runs.has(start)) continue;
      let end = hit + keyword.length;
      while (end < text.length && end - start < MAX_RUN && BASE64_CHAR.test(text[end] ?? "")) end++;
      // Padding closes a run; '=' is never inside one, so `KEY=aGZf…` starts after '='.
      while (text[end] === "=" && end - start < MAX_RUN) end++;
      const standard = text.slice(start, end).replace(/-/g, "+").replace(/_/g, "/");
      for (let skip = 0; skip < 4 && start + skip <= hit; skip++) {
        const decoded = Buffer.from(standard.slice(skip), "base64").toString("latin1");
        runs.set(start + skip, { start: start + skip, end, decoded });
      }
    }
  }
  return [...runs.values()];
}

/** Maps a span of decoded bytes back to the base64 characters that encode it. */
export function encodedSpan(run: DecodedRun, byteStart: number, byteEnd: number): { start: number; end: number } {
  return {
    start: run.start + Math.floor(byteStart / 3) * 4,
    end: Math.min(run.end, run.start + Math.ceil(byteEnd / 3) * 4),
  };
}
