import type { SourceItem } from "../sources/types.js";
import type { Finding, Summary } from "../types.js";
import { analyzeFile, fileFindings, isBinary, type AnalyzeOptions } from "./analyze.js";
import type { RuleSet } from "./rule-set.js";

/** What analysing a set of files produced; what a worker thread sends back. */
export interface Collected {
  findings: Finding[];
  files: number;
  skipped: Summary["skipped"];
  warnings: string[];
}

/** Turns source items into findings and counts, whichever source and thread they come from. */
const IN_HISTORY =
  "It remains in the git history even if a later commit removed it: rotate it; deleting the line is not enough.";

export class Collector {
  /** History findings by fingerprint; git log runs newest first, so the last one kept is the oldest. */
  private readonly fromHistory = new Map<string, Finding>();
  private readonly collected: Collected = {
    findings: [],
    files: 0,
    skipped: { tooLarge: 0, binary: 0, unreadable: 0 },
    warnings: [],
  };

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly options: Omit<AnalyzeOptions, "onlyLines">,
  ) {}

  add(item: SourceItem): void {
    if ("collected" in item) this.merge(item.collected);
    else if ("skipped" in item) {
      this.collected.skipped[item.skipped]++;
      if (item.skipped === "unreadable") this.collected.warnings.push(`cannot read ${item.path} (${item.error})`);
    } else {
      // A binary file's contents are not scanned, but a binary .env is still committed.
      const binary = isBinary(item.file.content);
      if (binary) this.collected.skipped.binary++;
      else this.collected.files++;
      const findings = binary
        ? fileFindings(item.file, this.ruleSet)
        : analyzeFile(item.file, this.ruleSet, { ...this.options, onlyLines: item.onlyLines });
      const inherited = item.previous && this.contentFingerprints(item.file.path, item.previous);
      for (const finding of findings) {
        if (inherited?.has(finding.fingerprint)) continue;
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

  /** The fingerprints of the secrets and other content findings in earlier versions of a file. */
  private contentFingerprints(path: string, versions: Buffer[]): Set<string> {
    const fingerprints = new Set<string>();
    for (const content of versions) {
      if (isBinary(content)) continue;
      for (const finding of analyzeFile({ path, status: "committed", content }, this.ruleSet, this.options)) {
        if (finding.line !== null) fingerprints.add(finding.fingerprint);
      }
    }
    return fingerprints;
  }

  private merge(other: Collected): void {
    for (const finding of other.findings) this.collected.findings.push(finding);
    this.collected.files += other.files;
    for (const reason of ["tooLarge", "binary", "unreadable"] as const) this.collected.skipped[reason] += other.skipped[reason];
    for (const warning of other.warnings) this.collected.warnings.push(warning);
  }

  result(): Collected {
    return { ...this.collected, findings: [...this.collected.findings, ...this.fromHistory.values()] };
  }
}
