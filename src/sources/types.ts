import type { FileStatus } from "../../rules/types.js";
import type { Finding, SkipReason, SkippedFile, SourceFile, Summary } from "../types.js";

/** A file on disk that a source found, with what git thinks of it. */
export interface DiskEntry {
  /** POSIX path relative to the root (as shown: bytes that are not UTF-8 written `\\xNN`). */
  path: string;
  status: FileStatus;
  /** The name's bytes, when they are not UTF-8: what opens the file. */
  bytes?: Uint8Array;
  /** A .gitignore covers it though it is listed: force-added to the index, or named on the command line. */
  ignored?: boolean;
}

export interface DiskListing {
  /** Absolute path that entries are relative to: the repository root, or the scan root outside git. */
  root: string;
  entries: DiskEntry[];
}

/** The lines of a file whose findings count (a Set, or ranges for a large change). */
export interface LineFilter {
  has(line: number): boolean;
}

/** A file to analyse, as a source found it. */
export interface FileItem {
  file: SourceFile;
  /** Report content findings only on these 1-based lines (e.g. the lines a commit adds). */
  onlyLines?: LineFilter;
  /** The commit the file comes from (history scans). */
  commit?: CommitInfo;
  /**
   * The file as the commit's parents had it, when the scan covers only some commits: a
   * secret these hold too was not added by this commit and is not reported with it.
   */
  previous?: Buffer[];
  /** Something the user should know about how this file was read. */
  warning?: string;
}

/** One file's findings, analysed in any thread; recorded in the order the source gave the files. */
export interface AnalysedFile {
  path: string;
  binary: boolean;
  findings: Finding[];
  warnings: string[];
  commit?: CommitInfo;
}

/** What every source yields: a file to analyze, or a file it had to pass over. */
export type SourceItem =
  | FileItem
  | { skipped: SkipReason; path: string; error?: string }
  /** A file already analysed elsewhere (a worker thread). */
  | { analysed: AnalysedFile }
  /** Files already analysed elsewhere (a worker thread). */
  | { collected: Collected };

/** What analysing a set of files produced: what a worker thread sends back. */
export interface Collected {
  findings: Finding[];
  files: number;
  skipped: Summary["skipped"];
  skippedFiles: SkippedFile[];
  warnings: string[];
}

export interface CommitInfo {
  commit: string;
  author: string;
  /** Author date, ISO 8601. */
  date: string;
}
