import { join, sep } from "node:path";
import { readEntry } from "../engine/read.js";
import type { DiskListing, SourceItem } from "./types.js";

/**
 * Reads a listing's files one by one; files passed over are reported, not thrown.
 * Each yielded content is only valid until the next item is requested.
 */
export function* readListing(listing: DiskListing, maxFileSize: number): Generator<SourceItem> {
  for (const entry of listing.entries) {
    const name = entry.bytes ? Buffer.concat([Buffer.from(`${listing.root}${sep}`), entry.bytes]) : joinListed(listing.root, entry.path);
    const result = readEntry(name, maxFileSize);
    if ("content" in result) yield { file: { ...entry, content: result.content } };
    else if (result.skip !== "notFile") yield { skipped: result.skip, path: entry.path, error: result.error };
  }
}

/**
 * The file's path: the root and the listed path joined as they are (git's paths and the walker's
 * are normalised; path.join's pass cost a few percent of a large scan). A path that leaves the
 * root (`../x`, a file named outside the scan's directory) is joined by path.join, which resolves
 * `..` as the user wrote it, not through a linked directory.
 */
function joinListed(root: string, path: string): string {
  return path.startsWith("..") ? join(root, path) : `${root}${sep}${path}`;
}
