export { scan, type ScanOptions } from "./scan.js";
export { UsageError } from "./errors.js";
export type { VerifyOptions } from "./verify.js";
export type { Finding, Report, Severity, Summary, Verification } from "./types.js";
export { rules } from "../rules/index.js";
export type { Rule, ContentRule, FileRule } from "../rules/index.js";
export type { Config } from "./config/schema.js";
