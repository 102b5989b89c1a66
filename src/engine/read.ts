import { lstatSync, readFileSync } from "node:fs";

export type SkipReason = "tooLarge" | "binary" | "unreadable";
export type ReadResult = { content: Buffer } | { skip: SkipReason | "notFile"; error?: string };

/**
 * Reads one file once, never following a symbolic link (git commits the link, not its
 * target) and never reading more than the size limit.
 */
export function readEntry(absolutePath: string, maxFileSize: number): ReadResult {
  try {
    const stats = lstatSync(absolutePath);
    if (!stats.isFile()) return { skip: "notFile" }; // links, submodules, sockets
    if (stats.size > maxFileSize) return { skip: "tooLarge" };
    return { content: readFileSync(absolutePath) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    return { skip: "unreadable", error: code };
  }
}
