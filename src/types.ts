// Buffer appears in the published types: this keeps the .d.ts checking in projects with `types: []`.
/// <reference types="node" preserve="true" />
import type { FileStatus, Severity } from "../rules/types.js";

export type { Severity };

/** One problem, as written in the JSON report (contract version 1). */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** POSIX path relative to the repository root (outside git: to `cwd`, `../…` above it). */
  file: string;
  /** 1-based; null for findings about the file itself. */
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  message: string;
  /** Redacted unless `showSecrets`; null when the finding carries no secret. */
  secret: string | null;
  /** Stable across runs and machines; independent of the finding's line. */
  fingerprint: string;
  /**
   * For findings that carry a secret: the same for every finding of the same value, whatever its
   * file, line or rule (a hash, never the value). One value found twice is one thing to rotate.
   */
  secretFingerprint?: string;
  /** With `--history`: the other places the same secret was added, each at the commit that added it there. */
  otherLocations?: OtherLocation[];
  /** With `--verify`, for hf_/api_org_ tokens: what the Hub said about the token. */
  verification?: Verification;
  /** With `--history`: the commit that added the secret, its author and author date (ISO 8601). */
  commit?: string;
  author?: string;
  date?: string;
}

export interface OtherLocation {
  file: string;
  line: number | null;
  column: number | null;
  commit: string;
  date: string;
}

export interface Verification {
  /** `live`: the Hub accepts it; `revoked`: 401; `unknown`: any other answer, a timeout, no network. */
  status: "live" | "revoked" | "unknown";
  /** `read`, `write` or `fineGrained` for live tokens, as the Hub reports it. */
  role: string | null;
  /** The account or organization the token belongs to. */
  owner: string | null;
}

export interface Summary {
  /** Files scanned. */
  files: number;
  errors: number;
  warnings: number;
  /** How many different secret values the findings hold, not counting tokens the Hub said are revoked. */
  distinctSecrets: number;
  /** Files passed over: above the size limit, binary, or unreadable. */
  skipped: { tooLarge: number; binary: number; unreadable: number };
}

/** Why a file was passed over: above the size limit, binary, or unreadable. */
export type SkipReason = keyof Summary["skipped"];

/** A file passed over, named in the report so that no format hides it. */
export interface SkippedFile {
  file: string;
  reason: SkipReason;
  /** Why it could not be read (an error code), for unreadable files. */
  detail?: string;
}

export interface Report {
  version: 1;
  findings: Finding[];
  summary: Summary;
  /** Each file passed over once (a history scan may pass over a path in several commits). */
  skipped: SkippedFile[];
}

/** A file as a source hands it to the engine. */
export interface SourceFile {
  path: string;
  status: FileStatus;
  content: Buffer;
  /** A .gitignore covers it (see `FileFacts.ignored`). */
  ignored?: boolean;
}
