import type { Report } from "../types.js";

export interface ReporterContext {
  /** Whether ANSI colours may be used. */
  color: boolean;
}

/** A format: one file in this folder whose default export turns a report into text, listed in load.ts. */
export type Reporter = (report: Report, context: ReporterContext) => string;
