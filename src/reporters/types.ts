import type { Report } from "../types.js";

export interface ReporterContext {
  /** Whether ANSI colours may be used. */
  color: boolean;
  /**
   * A finding's file as a person at the terminal wants it: relative to the current directory, as
   * ESLint prints it. Formats for machines keep `file` as it is (relative to the repository root).
   */
  displayPath?: (file: string) => string;
}

/** A format: one file in this folder whose default export turns a report into text, listed in load.ts. */
export type Reporter = (report: Report, context: ReporterContext) => string;
