import { lstatSync, readFileSync, writeFileSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import ignore from "ignore";
import { LEGACY_NAMES } from "../rules/legacy-token-env.js";
import { git, literalPathspecs, splitNul } from "./sources/git.js";
import type { Finding } from "./types.js";
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
}

export interface FixPlan {
  edits: FileEdit[];
  /** Commands the user should run themselves, and the file each is about. */
  commands: { file: string; command: string }[];
  /** Findings that could not be fixed automatically, with why. */
  skipped: { finding: Finding; reason: string }[];
}


/** A path as a literal .gitignore pattern: glob characters, backslashes and trailing spaces escaped. */
function gitignoreLiteral(path: string): string {
  return path.replace(/[*?[\\]/g, "\\$&").replace(/ +$/, (spaces) => spaces.replaceAll(" ", "\\ "));
}

/** Offset of a 1-based line and UTF-16 column in text whose BOM was already removed. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) offset = text.indexOf("\n", offset) + 1;
  return offset + column - 1;
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
  const fixes: Finding[] = [];
  // From the last span to the first, so earlier offsets stay valid.
  const ordered = [...findings].sort((a, b) => (b.line ?? 0) - (a.line ?? 0) || (b.column ?? 0) - (a.column ?? 0));
  for (const finding of ordered) {
    const start = offsetOf(text, finding.line ?? 1, finding.column ?? 1);
    const end = offsetOf(text, finding.endLine ?? 1, finding.endColumn ?? 1);
    const name = text.slice(start, end);
    const legacy = LEGACY_NAMES[name];
    if (!legacy) {
      plan.skipped.push({ finding, reason: "the file changed since it was scanned" });
      continue;
    }
    text = text.slice(0, start) + legacy.replacement + text.slice(end);
    fixes.push(finding);
  }
  if (fixes.length > 0) plan.edits.push({ file, before: decoded, after: bom + text, fixes });
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
  } else {
    plan.edits.push({ file: gitignore, before, after, fixes: [finding] });
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
      const fromCwd = relative(cwd, join(root, finding.file)).split(sep).join("/");
      plan.commands.push({ file: finding.file, command: `git rm --cached -- ${shellQuote(fromCwd)}` });
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

export function applyFixes(root: string, plan: FixPlan): void {
  for (const edit of plan.edits) writeFileSync(join(root, edit.file), edit.after);
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
