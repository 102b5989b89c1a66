// Buffer appears in the published types: this keeps the .d.ts checking in projects with `types: []`.
/// <reference types="node" preserve="true" />
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { Ignore } from "ignore";
import { toPosix } from "./paths.js";
import { NOT_APPLIED, boundedIgnore } from "./sources/bounded-ignore.js";
import { Collector } from "./engine/collect.js";
import { redact } from "../rules/shared/credentials.js";
import { hubEndpoint, verifyFindings, type VerifyOptions } from "./verify.js";
import { readListingInParallel } from "./engine/parallel.js";
import { readHistoryInParallel } from "./engine/parallel-history.js";
import { RuleSet } from "./engine/rule-set.js";
import { loadConfig } from "./config/load.js";
import { UsageError } from "./errors.js";
import { apiOptionName, checkCombinations, type OptionNamer } from "./option-names.js";
import { findRepository, startEarly, type GitCall, type Repository } from "./sources/git.js";
import { readStaged, stagedCalls } from "./sources/staged.js";
import { markIgnoredDotenvEntries, markIgnoredDotenvItems } from "./sources/force-added.js";
import { listWorkTree, listingCall } from "./sources/worktree.js";
import type { AnalysedFile, FileItem, SourceItem } from "./sources/types.js";
import type { HubScanOptions } from "./sources/hub.js";
import type { Config } from "./config/schema.js";
import { distinctSecrets } from "./report.js";
import type { Report, SkippedFile, Summary } from "./types.js";

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
export const IGNORE_FILE = ".hflintignore";

export interface ScanOptions {
  /** Directory the scan starts from (default: process.cwd()). */
  cwd?: string;
  /** Files or directories to narrow the scan to, relative to cwd. */
  paths?: string[];
  /** Path of a config file; default: `hf-lint.config.json` or package.json's `hf-lint` key in the root. */
  config?: string;
  /** Bytes; larger files are skipped and counted. Default 10 MiB. */
  maxFileSize?: number;
  /** Write secrets in full instead of redacted. */
  showSecrets?: boolean;
  /** Scan what `git commit` would record (the index), reporting only the lines it adds. */
  staged?: boolean;
  /** With `staged`: report findings anywhere in the staged files, not only on added lines. */
  allLines?: boolean;
  /** Scan every version of the files that the commits reachable from HEAD (or in `range`) wrote. */
  history?: boolean;
  /** With `history`: a revision range such as `origin/main..HEAD`. */
  range?: string;
  /** With `history`: only commits after this date. */
  since?: string;
  /** Ask the Hub whether each found token is live (network; opt-in). */
  verify?: boolean | VerifyOptions;
  /** Report only live tokens (implies `verify`). */
  onlyVerified?: boolean;
  /** Scan this text as a file named `filename` instead of the file system. */
  stdin?: { content: Buffer | string; filename?: string };
  /** Scan repositories published on the Hugging Face Hub instead of the file system. */
  hub?: HubScanOptions;
  /** Secrets redacted even with `showSecrets` (the scanning user's own token). */
  alwaysRedact?: string[];
  /** Called for files that could not be read. */
  onWarning?: (message: string) => void;
}


/** Scans a repository (or directory, or standard input) and returns the report. */
export async function scan(options: ScanOptions = {}): Promise<Report> {
  return (await scanWithContext(options)).report;
}

/** `scan`, plus where it ran: the root that report paths are relative to, and whether it is a repository. */
export async function scanWithContext(
  options: ScanOptions = {},
  name: OptionNamer = apiOptionName,
): Promise<{ report: Report; root: string; inGit: boolean }> {
  checkCombinations(options, name);
  const cwd = resolve(options.cwd ?? process.cwd());
  if (!isDirectory(cwd)) throw new UsageError(`${name("cwd")} is not a directory: ${cwd}`);
  const paths = (options.paths ?? []).map((path) => resolve(cwd, path));
  for (const path of paths) if (!existsSync(path)) throw new UsageError(`no such file or directory: ${relative(cwd, path) || path}`);
  const start = paths[0] ? (isDirectory(paths[0]) ? paths[0] : dirname(paths[0])) : cwd;
  // The Hub scan reads no local file: a repository git refuses only moves where the config is read.
  const found = options.hub ? findRepository(start).catch(() => null) : findRepository(start);
  // As pathspecs if the current directory is the root (the hook, CI and the pre-commit framework run there).
  const fromHere = paths.map((path) => toPosix(relative(cwd, path)));
  const early = existsSync(join(cwd, ".git")) && !fromHere.some(isOutside) ? earlyCalls(options, fromHere) : [];
  const dropEarly = startEarly(cwd, early);
  try {
    const repository = await found;
    if (repository?.root !== cwd) dropEarly();
    return await scanIn(cwd, paths, repository, options, name);
  } finally {
    dropEarly();
  }
}

/** The git calls of a scan from the root, started alongside rev-parse instead of after it. */
function earlyCalls(options: ScanOptions, targets: string[]): GitCall[] {
  if (options.stdin || options.hub || scansHistory(options)) return [];
  return options.staged ? stagedCalls(targets, options.allLines ?? false) : [listingCall(targets)];
}

function isOutside(pathspec: string): boolean {
  return pathspec.startsWith("../") || pathspec === "..";
}

async function scanIn(
  cwd: string,
  paths: string[],
  repository: Repository | null,
  options: ScanOptions,
  name: OptionNamer,
): Promise<{ report: Report; root: string; inGit: boolean }> {
  const repositoryRoot = repository?.root ?? null;
  // Outside git the current directory is the root, whatever the paths: reports and config stay the same.
  const root = repositoryRoot ?? cwd;
  const targets = repositoryRoot === null ? paths : paths.map((path) => {
    const inside = toPosix(relative(root, path));
    if (isOutside(inside)) throw new UsageError(`${path} is outside ${root}`);
    return inside;
  });

  const { config } = await loadConfig(root, options.config, cwd);
  const ruleSet = new RuleSet(config);
  const verify = options.verify || options.onlyVerified;
  const verifyOptions: VerifyOptions = typeof options.verify === "object" ? options.verify : {};
  if (verify) hubEndpoint(verifyOptions.endpoint); // a bad endpoint fails before the scan, not after it
  // Verification needs the raw tokens; they are redacted again right after it.
  const rawSecrets = Boolean(options.showSecrets || verify);
  const collector = new Collector(ruleSet, { showSecrets: rawSecrets });
  const sourceOptions = { ...options, showSecrets: rawSecrets };
  const analyse = (item: FileItem): AnalysedFile => collector.analyse(item);
  for await (const item of sources(root, repository, targets, config, sourceOptions, name, analyse)) collector.add(item);
  const { findings: analysed, files, skipped, skippedFiles, warnings } = collector.result();
  let findings = analysed;
  if (verify) {
    findings = await verifyFindings(findings, { onNotice: options.onWarning, ...verifyOptions });
    if (options.onlyVerified) findings = findings.filter((f) => f.verification?.status === "live");
    if (!options.showSecrets) findings = findings.map((f) => (f.secret ? { ...f, secret: redact(f.secret) } : f));
  }
  const hidden = new Set(options.alwaysRedact);
  if (hidden.size > 0) findings = findings.map((f) => (f.secret && hidden.has(f.secret) ? { ...f, secret: redact(f.secret) } : f));
  for (const warning of warnings) options.onWarning?.(warning);
  const summary: Summary = { files, errors: 0, warnings: 0, distinctSecrets: distinctSecrets(findings), skipped };

  findings.sort(
    (a, b) => compare(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  for (const finding of findings) summary[finding.severity === "error" ? "errors" : "warnings"]++;
  return { report: { version: 1, findings, summary, skipped: listSkipped(skippedFiles) }, root, inGit: repositoryRoot !== null };
}

/**
 * Picks the source the options ask for: standard input, the index, or the work tree (a directory
 * outside git). Targets are pathspecs relative to the root in git, absolute paths outside it.
 */
async function* sources(
  root: string,
  repository: Repository | null,
  targets: string[],
  config: Config,
  options: ScanOptions,
  name: OptionNamer,
  analyse: (item: FileItem) => AnalysedFile,
): AsyncGenerator<SourceItem> {
  if (options.stdin) {
    const { content, filename = "<stdin>" } = options.stdin;
    yield { file: { path: filename, status: "stdin", content: Buffer.isBuffer(content) ? content : Buffer.from(content) } };
    return;
  }
  const ignored = projectIgnores(root, config.ignores ?? [], options.onWarning);
  const isIgnored = ignored ? (path: string): boolean => ignored.ignores(path) : () => false;
  const maxFileSize = options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (options.hub) {
    // Loaded only here: the Hub client is no part of a local scan's start-up. The CLI bundles
    // it; a program using this API installs it itself.
    const { readHub } = await import("./sources/hub.js").catch((error: unknown) => {
      if (!String(error).includes("@huggingface/hub")) throw error;
      throw new UsageError("scanning the Hub needs the @huggingface/hub package (npm install @huggingface/hub)");
    });
    yield* readHub({ ...options.hub, maxFileSize, isIgnored, onWarning: options.onWarning });
    return;
  }
  const inGit = repository !== null;
  if (scansHistory(options)) {
    if (!inGit) throw new UsageError(`${name("history")} needs a git repository: ${root} is not inside one`);
    if (repository.shallow) {
      options.onWarning?.(
        `this is a shallow clone: ${name("history")} sees only the commits it fetched (run git fetch --unshallow, or check out with fetch-depth: 0, to scan all of them)`,
      );
    }
    const history = { range: options.range, since: options.since, maxFileSize, isIgnored, name };
    yield* readHistoryInParallel(root, history, { config, showSecrets: options.showSecrets ?? false, analyse });
    return;
  }
  if (options.staged) {
    if (!inGit) throw new UsageError(`${name("staged")} needs a git repository: ${root} is not inside one`);
    yield* markIgnoredDotenvItems(root, readStaged(root, targets, { allLines: options.allLines ?? false, isIgnored }));
    return;
  }
  // fast-glob is loaded only outside git: it costs 20 ms of start-up that a hook should not pay.
  const listing = inGit
    ? await listWorkTree(root, targets)
    : await (await import("./sources/walk.js")).listDirectory(root, targets, options.onWarning);
  if (inGit) {
    await markIgnoredDotenvEntries(root, listing.entries);
    const listed = new Set(listing.entries.map((entry) => entry.path));
    for (const target of targets) {
      // git lists what it would commit: a file named but not listed is one it ignores.
      if (target !== "" && !listed.has(target) && !isDirectory(join(root, target))) {
        options.onWarning?.(`${target} is not scanned: git ignores it, so it would not be committed`);
      }
    }
  }
  yield* readListingInParallel(listing, { config, maxFileSize, showSecrets: options.showSecrets ?? false, isIgnored });
}

function scansHistory(options: ScanOptions): boolean {
  return Boolean(options.history) || options.range !== undefined || options.since !== undefined;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Each skipped file once, by path. */
function listSkipped(skipped: SkippedFile[]): SkippedFile[] {
  const once = new Map(skipped.map((entry) => [`${entry.reason}\0${entry.file}`, entry]));
  return [...once.values()].sort((a, b) => compare(a.file, b.file));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `.hflintignore` (gitignore syntax) in the root plus the config's `ignores`; null when there are none. */
export function projectIgnores(root: string, patterns: string[], onWarning: ScanOptions["onWarning"]): Pick<Ignore, "ignores"> | null {
  const file = join(root, IGNORE_FILE);
  const fromFile = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (patterns.length === 0 && fromFile.trim() === "") return null;
  const { matcher, dropped } = boundedIgnore([...patterns, ...fromFile.split(/\r?\n/)]);
  for (const pattern of dropped) onWarning?.(`${NOT_APPLIED}${pattern}`);
  return matcher;
}
