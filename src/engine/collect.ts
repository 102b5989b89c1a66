import type { Collected, SourceItem } from "../sources/types.js";
import type { Finding, SkippedFile, SourceFile } from "../types.js";
import { analyzeFile, fileFindings, isBinary, type AnalyzeOptions } from "./analyze.js";
import { asUtf8 } from "./encoding.js";
import { printable } from "../report.js";
import type { RuleSet } from "./rule-set.js";

/**
 * Findings reported per file at most: each costs memory and output, and a thousand already say
 * what is wrong with the file. The scan still fails; a warning says how many more there are.
 */
const MAX_FINDINGS_PER_FILE = 1000;

const IN_HISTORY =
  "It remains in the git history even if a later commit removed it: rotate it; deleting the line is not enough.";

/** Turns source items into findings and counts, whichever source and thread they come from. */
export class Collector {
  /** History findings by fingerprint; git log runs newest first, so the last one kept is the oldest. */
  private readonly fromHistory = new Map<string, Finding>();
  private readonly collected: Collected = {
    findings: [],
    files: 0,
    skipped: { tooLarge: 0, binary: 0, unreadable: 0 },
    skippedFiles: [],
    warnings: [],
  };

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly options: Omit<AnalyzeOptions, "onlyLines">,
  ) {}

  add(item: SourceItem): void {
    if ("collected" in item) this.merge(item.collected);
    else if ("skipped" in item) {
      this.skip({ file: item.path, reason: item.skipped, ...(item.error ? { detail: item.error } : {}) });
    } else {
      const file = { ...item.file, content: asUtf8(item.file.content) };
      // A binary file's contents are not scanned, but a binary .env is still committed.
      const binary = isBinary(file.content);
      if (binary) this.skip({ file: file.path, reason: "binary" });
      else this.collected.files++;
      const findings = binary
        ? fileFindings(file, this.ruleSet)
        : analyzeFile(file, this.ruleSet, {
            ...this.options,
            onlyLines: item.onlyLines,
            maxFindings: MAX_FINDINGS_PER_FILE + 1,
          });
      if (findings.length > MAX_FINDINGS_PER_FILE) {
        findings.length = MAX_FINDINGS_PER_FILE;
        this.collected.warnings.push(`${printable(file.path)}: more than ${MAX_FINDINGS_PER_FILE} findings; only the first ${MAX_FINDINGS_PER_FILE} are reported`);
      }
      if (item.warning) this.collected.warnings.push(item.warning);
      const inherited = item.previous && findings.length > 0 ? this.inherited(file, item.previous) : null;
      for (const finding of findings) {
        if (inherited?.(finding)) continue;
        if (!item.commit) this.collected.findings.push(finding);
        else {
          // A secret is reported once, at the oldest commit that added it to that file.
          this.fromHistory.set(finding.fingerprint, {
            ...finding,
            message: finding.line === null ? finding.message : `${finding.message} ${IN_HISTORY}`,
            ...item.commit,
          });
        }
      }
    }
  }

  /**
   * Which of a file's content findings its earlier versions already had: the same rule on a line
   * of the same text, each earlier line matched once (a moved line is not new, a second copy
   * of a line is).
   */
  private inherited(file: SourceFile, versions: Buffer[]): (finding: Finding) => boolean {
    const earlier = new Map<string, number>();
    for (const version of versions) {
      const content = asUtf8(version);
      if (isBinary(content)) continue;
      const lines = content.toString("utf8").split("\n");
      for (const finding of analyzeFile({ path: file.path, status: "committed", content }, this.ruleSet, this.options)) {
        if (finding.line === null) continue;
        const key = `${finding.ruleId}\0${lines[finding.line - 1]}`;
        earlier.set(key, (earlier.get(key) ?? 0) + 1);
      }
    }
    const lines = file.content.toString("utf8").split("\n");
    return (finding) => {
      if (finding.line === null) return false;
      const key = `${finding.ruleId}\0${lines[finding.line - 1]}`;
      const count = earlier.get(key) ?? 0;
      if (count > 0) earlier.set(key, count - 1);
      return count > 0;
    };
  }

  private skip(skipped: SkippedFile): void {
    this.collected.skipped[skipped.reason]++;
    this.collected.skippedFiles.push(skipped);
    // Also at once on stderr: the report comes at the end, and may go to a file.
    if (skipped.reason === "unreadable") this.collected.warnings.push(`cannot read ${printable(skipped.file)} (${skipped.detail})`);
  }

  private merge(other: Collected): void {
    for (const finding of other.findings) this.collected.findings.push(finding);
    this.collected.files += other.files;
    for (const reason of ["tooLarge", "binary", "unreadable"] as const) this.collected.skipped[reason] += other.skipped[reason];
    for (const skipped of other.skippedFiles) this.collected.skippedFiles.push(skipped);
    for (const warning of other.warnings) this.collected.warnings.push(warning);
  }

  result(): Collected {
    return { ...this.collected, findings: [...this.collected.findings, ...this.fromHistory.values()] };
  }
}
