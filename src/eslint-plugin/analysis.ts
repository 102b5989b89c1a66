import { dirname, isAbsolute, relative, sep } from "node:path";
import type { FileStatus } from "../../rules/types.js";
import { analyzeFile, fileFindings, isBinary } from "../engine/analyze.js";
import { LineIndex } from "../engine/positions.js";
import { workTreeOf, workTreeStatus } from "../sources/one-file.js";
import type { Finding, SourceFile } from "../types.js";
import { projectAt } from "./project.js";

/** A finding with its span as offsets into the linted text, for ESLint locations and fixes. */
export interface Located {
  finding: Finding;
  start: number;
  end: number;
}

/** The statuses a file rule may judge; a file none of them flags needs no git call. */
const STATUSES: FileStatus[] = ["tracked", "untracked", "unversioned"];

const byText = new WeakMap<object, Located[]>();

/**
 * The CLI's findings for the text ESLint lints, computed once per file for all rules (the cache is
 * keyed by ESLint's SourceCode object, shared by every rule of one lint pass). The engine's own
 * analysis runs, so suppression comments, `allow`, overrides, precedence and positions are the CLI's.
 */
export function findingsFor(sourceCode: { text: string }, filename: string, cwd: string): Located[] {
  let located = byText.get(sourceCode);
  if (!located) {
    located = locate(sourceCode.text, analyze(sourceCode.text, filename, cwd));
    byText.set(sourceCode, located);
  }
  return located;
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

function analyze(text: string, filename: string, cwd: string): Finding[] {
  // ESLint names text without a file `<text>` (lintText without filePath): the CLI's --stdin.
  const onDisk = isAbsolute(filename);
  const workTree = onDisk ? workTreeOf(dirname(filename)) : null;
  let root = workTree ?? cwd;
  let path = onDisk ? toPosix(relative(root, filename)) : filename;
  if (path.startsWith("../")) {
    root = dirname(filename); // outside the working directory and outside git: the scan root is its directory
    path = toPosix(relative(root, filename));
  }
  const project = projectAt(root, cwd);
  if (project.ignored?.ignores(path)) return [];
  const content = Buffer.from(text, "utf8");
  if (content.length > project.maxFileSize) return [];

  const provisional: FileStatus = !onDisk ? "stdin" : workTree ? "tracked" : "unversioned";
  const file: SourceFile = { path, status: provisional, content };
  const binary = isBinary(content);
  const findings = binary ? fileFindings(file, project.ruleSet) : analyzeFile(file, project.ruleSet, { showSecrets: false });
  if (!workTree) return findings;
  // Only a file with something to report is worth a git call (most files have nothing).
  const judged = project.ruleSet.fileRules.some((rule) => STATUSES.some((status) => rule.check({ path, status, content })));
  if (findings.length === 0 && !judged) return findings;
  const state = workTreeStatus(workTree, path);
  if (!state) return []; // git would not commit it, and the CLI does not scan it
  if (state.status === provisional && !state.ignored) return findings;
  return [...fileFindings({ ...file, ...state }, project.ruleSet), ...findings.filter((finding) => finding.line !== null)];
}

/** Offsets of each finding; a finding about the file itself spans its first line. */
function locate(text: string, findings: Finding[]): Located[] {
  if (findings.length === 0) return [];
  const lines = new LineIndex(text);
  return findings.map((finding) => {
    if (finding.line === null || finding.column === null) {
      return { finding, start: 0, end: lines.lineText(1).replace(/\r$/, "").length };
    }
    const start = lines.offset(finding.line, finding.column);
    const end = lines.offset(finding.endLine ?? finding.line, finding.endColumn ?? finding.column);
    return { finding, start, end };
  });
}
