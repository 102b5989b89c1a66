export { scan, type ScanOptions } from "./scan.js";
export type { Finding, Report, Severity, Summary } from "./types.js";
export { rules } from "../rules/index.js";
export type { Rule, ContentRule, FileRule } from "../rules/index.js";
export type { Config } from "./config/schema.js";
