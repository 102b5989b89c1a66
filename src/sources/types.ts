import type { FileStatus } from "../../rules/types.js";

/** A file on disk that a source found, with what git thinks of it. */
export interface DiskEntry {
  /** POSIX path relative to the root. */
  path: string;
  status: FileStatus;
}

export interface DiskListing {
  /** Absolute path that entries are relative to: the repository root, or the scan root outside git. */
  root: string;
  entries: DiskEntry[];
}
