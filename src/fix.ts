import { lstatSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import ignore from "ignore";
import { LEGACY_NAMES } from "../rules/legacy-token-env.js";
import { LineIndex } from "./engine/positions.js";
import { withFileLock, writeFileAtomic } from "./atomic-write.js";
import { pythonPlaces } from "./fix-python.js";
import { git, literalPathspecs, splitNul } from "./sources/git.js";
import type { Finding } from "./types.js";
import { fromCwd } from "./paths.js";
import { shellQuote } from "./shell.js";

/**
 * What `--fix` can repair without judgement: legacy names renamed on the reported spans, and
 * dotenv files git would commit added to the nearest .gitignore. A tracked dotenv file is only
 * explained (`git rm --cached`): nothing destructive runs without the user.
 */

export interface FileEdit {
  /** POSIX path relative to the root. */
  file: string;
  before: string;
  after: string;
  /** The findings this edit resolves. */
  fixes: Finding[];
  /** For a .gitignore: the lines to add, merged again into the file as it is when written. */
  append?: string[];
}

export interface FixPlan {
  edits: FileEdit[];
  /** Commands the user should run themselves, and the file each is about. */
  commands: { file: string; command: string }[];
  /** Findings that could not be fixed automatically, with why. */
  skipped: { finding: Finding; reason: string }[];
}

/** What `applyFixes` did: every file it wrote, and the edits it could not make, with why. */
export interface FixOutcome {
  written: FileEdit[];
  failed: { edit: FileEdit; reason: string }[];
}

const PYTHON = /\.pyi?$/;
const ARGUMENT_NAME = "use_auth_token";


/** A path as a literal .gitignore pattern: glob characters, backslashes and trailing spaces escaped. */
function gitignoreLiteral(path: string): string {
  return path.replace(/[*?[\\]/g, "\\$&").replace(/ +$/, (spaces) => spaces.replaceAll(" ", "\\ "));
}

function planRenames(root: string, file: string, findings: Finding[], plan: FixPlan): void {
  const raw = readFileSync(join(root, file));
  const decoded = raw.toString("utf8");
  if (!Buffer.from(decoded, "utf8").equals(raw)) {
    for (const finding of findings) plan.skipped.push({ finding, reason: "the file is not valid UTF-8" });
    return;
  }
  const bom = decoded.startsWith("\uFEFF") ? "\uFEFF" : "";
  let text = decoded.slice(bom.length);
  const lines = new LineIndex(text);
  const spans = findings.map((finding) => ({
    finding,
    start: lines.offset(finding.line ?? 1, finding.column ?? 1),
    end: lines.offset(finding.endLine ?? 1, finding.endColumn ?? 1),
  }));
  const unsafe = renameHazards(file, text, spans);
  const fixes: Finding[] = [];
  // From the last span to the first, so earlier offsets stay valid.
  for (const { finding, start, end } of spans.sort((a, b) => b.start - a.start)) {
    const name = text.slice(start, end);
    const legacy = LEGACY_NAMES[name];
    const hazard = legacy ? unsafe.get(start) : "the file changed since it was scanned";
    if (!legacy || hazard) {
      plan.skipped.push({ finding, reason: hazard ?? "the file changed since it was scanned" });
      continue;
    }
    text = text.slice(0, start) + legacy.replacement + text.slice(end);
    fixes.push(finding);
  }
  if (fixes.length > 0) plan.edits.push({ file, before: decoded, after: bom + text, fixes });
}

/**
 * Why renaming a span could break working code, by its start offset. A legacy environment name is
 * renamed inside strings, shell and configuration; in Python code it is a variable that other
 * modules may import. `use_auth_token` is renamed only as a keyword argument of a call, in a
 * Python file that defines no parameter of that name: a variable or a parameter is read elsewhere.
 */
function renameHazards(file: string, text: string, spans: { start: number; end: number }[]): Map<number, string> {
  const hazards = new Map<number, string>();
  const isArgument = (span: { start: number; end: number }): boolean => text.slice(span.start, span.end) === ARGUMENT_NAME;
  if (!PYTHON.test(file)) {
    for (const span of spans.filter(isArgument)) hazards.set(span.start, `\`${ARGUMENT_NAME}\` is renamed in Python files only: rename it by hand`);
    return hazards;
  }
  const places = pythonPlaces(text, spans.map((span) => span.start));
  const definesParameter = spans.some((span) => isArgument(span) && places.get(span.start) === "code" && isParameter(text, span.start));
  for (const span of spans) {
    const place = places.get(span.start);
    if (!isArgument(span)) {
      if (place !== "string") hazards.set(span.start, "a Python name that other code may read or import: rename it by hand");
    } else if (place !== "call-keyword") {
      hazards.set(span.start, `\`${ARGUMENT_NAME}\` is a variable or parameter here, read elsewhere: rename it by hand`);
    } else if (definesParameter) {
      hazards.set(span.start, `this file defines a \`${ARGUMENT_NAME}\` parameter, so this call may be to its own function: rename by hand`);
    }
  }
  return hazards;
}

/** Whether the name at `offset` stands in a `def`'s parameter list. */
function isParameter(text: string, offset: number): boolean {
  const statement = text.slice(Math.max(0, offset - 2000), offset);
  const def = statement.lastIndexOf("def ");
  return def !== -1 && /^def\s+\w+\s*\([^)]*$/.test(statement.slice(def));
}

/** The .gitignore in the file's directory or the closest one above it, within the root. */
function nearestGitignore(root: string, file: string): string {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    const candidate = dir === "." ? ".gitignore" : `${dir}/.gitignore`;
    if (lstatSync(join(root, candidate), { throwIfNoEntry: false })) return candidate;
    if (dir === ".") return posix.dirname(file) === "." ? ".gitignore" : `${posix.dirname(file)}/.gitignore`;
  }
}

function planIgnore(root: string, finding: Finding, plan: FixPlan): void {
  const gitignore = nearestGitignore(root, finding.file);
  const base = posix.dirname(gitignore) === "." ? "" : `${posix.dirname(gitignore)}/`;
  const inside = finding.file.slice(base.length);
  const status = lstatSync(join(root, gitignore), { throwIfNoEntry: false });
  // git reads no .gitignore through a symbolic link, and writing through one could change a file elsewhere.
  if (status && !status.isFile()) {
    plan.skipped.push({ finding, reason: `${gitignore} is not a regular file` });
    return;
  }
  if (/[\r\n]/.test(inside)) {
    plan.skipped.push({ finding, reason: "a name with a line break cannot be written in a .gitignore" });
    return;
  }
  // A bare name (`.env`) also covers copies in subdirectories; deeper paths are anchored.
  const pattern = inside.includes("/") ? `/${gitignoreLiteral(inside)}` : gitignoreLiteral(inside);
  const pending = plan.edits.find((edit) => edit.file === gitignore);
  const before = pending?.after ?? (status ? readFileSync(join(root, gitignore), "utf8") : "");
  if (ignore().add(before).ignores(inside)) {
    plan.skipped.push({ finding, reason: `already listed in ${gitignore}` });
    return;
  }
  const eol = before.includes("\r\n") ? "\r\n" : "\n";
  const after = `${before}${before === "" || before.endsWith("\n") ? "" : eol}${pattern}${eol}`;
  if (pending) {
    pending.after = after;
    pending.fixes.push(finding);
    pending.append?.push(pattern);
  } else {
    plan.edits.push({ file: gitignore, before, after, fixes: [finding], append: [pattern] });
  }
}

export interface PlanOptions {
  /** Whether the root is a git repository (tracked dotenv files get a `git rm --cached` command). */
  inGit: boolean;
  /** Where the user runs the printed commands; paths in them are relative to it. */
  cwd: string;
}

export async function planFixes(root: string, findings: Finding[], { inGit, cwd }: PlanOptions): Promise<FixPlan> {
  const plan: FixPlan = { edits: [], commands: [], skipped: [] };
  const renames = new Map<string, Finding[]>();
  const dotenv = findings.filter((f) => f.ruleId === "env-file-not-ignored" && !f.commit);
  const tracked = new Set(
    inGit && dotenv.length > 0
      ? splitNul(await git(root).raw(["ls-files", "-z", ...literalPathspecs(dotenv.map((f) => f.file))]))
      : [],
  );
  for (const finding of dotenv) {
    if (tracked.has(finding.file)) {
      plan.commands.push({ file: finding.file, command: `git rm --cached -- ${shellQuote(fromCwd(root, cwd, finding.file))}` });
    }
    planIgnore(root, finding, plan);
  }
  for (const finding of findings) {
    // Findings from history cannot be edited in place.
    if (finding.ruleId === "legacy-token-env" && !finding.commit) {
      renames.set(finding.file, [...(renames.get(finding.file) ?? []), finding]);
    }
  }
  for (const [file, fileFindings] of renames) planRenames(root, file, fileFindings, plan);
  return plan;
}

/**
 * Writes each edit atomically and goes on past a failure, so that every file changed is reported.
 * A source file that changed since the scan is left alone; a .gitignore is read again and the
 * missing lines merged into it as it is now, since another run may have written it too.
 */
export function applyFixes(root: string, plan: FixPlan): FixOutcome {
  const outcome: FixOutcome = { written: [], failed: [] };
  for (const edit of plan.edits) {
    try {
      if (edit.append) mergeIgnoreLines(join(root, edit.file), edit.append);
      else if (readFileSync(join(root, edit.file), "utf8") !== edit.before) throw new Error("it changed since it was scanned");
      else writeFileAtomic(join(root, edit.file), edit.after);
      outcome.written.push(edit);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      outcome.failed.push({ edit, reason });
    }
  }
  return outcome;
}

/** Adds the lines the file lacks as it is now (another run may have written it since the plan), under a lock. */
function mergeIgnoreLines(path: string, patterns: string[]): void {
  withFileLock(path, () => {
    const current = readIfExists(path);
    const missing = patterns.filter((pattern) => !current.split(/\r?\n/).includes(pattern));
    if (missing.length === 0) return;
    const eol = current.includes("\r\n") ? "\r\n" : "\n";
    const separator = current === "" || current.endsWith("\n") ? "" : eol;
    writeFileAtomic(path, `${current}${separator}${missing.join(eol)}${eol}`);
  });
}

function readIfExists(path: string): string {
  return lstatSync(path, { throwIfNoEntry: false }) ? readFileSync(path, "utf8") : "";
}

/** A unified-diff-like preview: only the lines that change, with their numbers. */
export function preview(plan: FixPlan): string {
  const out: string[] = [];
  for (const edit of plan.edits) {
    out.push(`--- ${edit.file}`, `+++ ${edit.file}`);
    // A final newline leaves an empty last element, which is not a line; CR of CRLF is not shown.
    const lines = (text: string): string[] => (text === "" ? [] : text.replace(/\r?\n$/, "").split(/\r?\n/));
    const before = lines(edit.before);
    const after = lines(edit.after);
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (before[i] === after[i]) continue;
      out.push(`@@ line ${i + 1} @@`);
      if (before[i] !== undefined) out.push(`-${before[i]}`);
      if (after[i] !== undefined) out.push(`+${after[i]}`);
    }
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}
