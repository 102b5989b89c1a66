import { sep } from "node:path";
import { readEntry } from "../engine/read.js";
import type { DiskListing, SourceItem } from "./types.js";

/**
 * Reads a listing's files one by one; files passed over are reported, not thrown.
 * Each yielded content is only valid until the next item is requested.
 */
export function* readListing(listing: DiskListing, maxFileSize: number): Generator<SourceItem> {
  for (const entry of listing.entries) {
    const name = entry.bytes ? Buffer.concat([Buffer.from(`${listing.root}${sep}`), entry.bytes]) : `${listing.root}${sep}${entry.path}`;
    const result = readEntry(name, maxFileSize);
    if ("content" in result) yield { file: { ...entry, content: result.content } };
    else if (result.skip !== "notFile") yield { skipped: result.skip, path: entry.path, error: result.error };
  }
}
