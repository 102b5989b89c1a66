import type { AnalysedFile, Collected, FileItem, SourceItem } from "../sources/types.js";
import type { Finding, SkippedFile, SourceFile } from "../types.js";
import { analyzeFile, fileFindings, isBinary, type AnalyzeOptions } from "./analyze.js";
import { asUtf8 } from "./encoding.js";
import { printable } from "../report.js";
import { withoutReportQuotes } from "./own-report.js";
import type { RuleSet } from "./rule-set.js";

/**
 * Findings reported per file at most: each costs memory and output, and a thousand already say
 * what is wrong with the file. The scan still fails; a warning says how many more there are.
 */
const MAX_FINDINGS_PER_FILE = 1000;

const IN_HISTORY =
  "It remains in the git history even if a later commit removed it: rotate it; deleting the line is not enough.";

/** The other places a history finding's message names; the JSON report lists them all. */
const MAX_PLACES_IN_MESSAGE = 3;

/** Turns source items into findings and counts, whichever source and thread they come from. */
export class Collector {
  /**
   * History findings by secret value (by fingerprint for findings without a secret), then by
   * place (fingerprint). git log runs newest first: a place seen again is moved to the end, so
   * each place keeps its oldest commit and the last place of a secret is where it first appeared.
   */
  private readonly fromHistory = new Map<string, Map<string, Finding>>();
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
    else if ("analysed" in item) this.record(item.analysed);
    else if ("skipped" in item) {
      this.skip({ file: item.path, reason: item.skipped, ...(item.error ? { detail: item.error } : {}) });
    } else this.record(this.analyse(item));
  }

  /** A file's findings, whichever thread runs it: nothing here depends on the files before it. */
  analyse(item: FileItem): AnalysedFile {
    const file = { ...item.file, content: asUtf8(item.file.content) };
    // A binary file's contents are not scanned, but a binary .env is still committed.
    const binary = isBinary(file.content);
    const findings = binary
      ? fileFindings(file, this.ruleSet)
      : withoutReportQuotes(
          file.content,
          analyzeFile(file, this.ruleSet, { ...this.options, onlyLines: item.onlyLines, maxFindings: MAX_FINDINGS_PER_FILE + 1 }),
        );
    const warnings: string[] = [];
    if (findings.length > MAX_FINDINGS_PER_FILE) {
      findings.length = MAX_FINDINGS_PER_FILE;
      warnings.push(`${printable(file.path)}: more than ${MAX_FINDINGS_PER_FILE} findings; only the first ${MAX_FINDINGS_PER_FILE} are reported`);
    }
    if (item.warning) warnings.push(item.warning);
    const inherited = item.previous && findings.length > 0 ? this.inherited(file, item.previous) : null;
    return {
      path: file.path,
      binary,
      findings: inherited ? findings.filter((finding) => !inherited(finding)) : findings,
      warnings,
      ...(item.commit && { commit: item.commit }),
    };
  }

  /** Counts an analysed file; a history finding joins the other places of its secret. */
  private record({ path, binary, findings, warnings, commit }: AnalysedFile): void {
    if (binary) this.skip({ file: path, reason: "binary" });
    else this.collected.files++;
    for (const warning of warnings) this.collected.warnings.push(warning);
    for (const finding of findings) {
      if (!commit) this.collected.findings.push(finding);
      else {
        const key = finding.secretFingerprint ?? finding.fingerprint;
        const places = this.fromHistory.get(key) ?? new Map<string, Finding>();
        places.delete(finding.fingerprint);
        places.set(finding.fingerprint, { ...finding, ...commit });
        this.fromHistory.set(key, places);
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
    const history = [...this.fromHistory.values()].map((places) => oncePerSecret([...places.values()]));
    return { ...this.collected, findings: [...this.collected.findings, ...history] };
  }
}

/** A secret found in history is reported once, where it first appeared, listing the other places. */
function oncePerSecret(places: Finding[]): Finding {
  const oldest = places.at(-1)?.commit;
  const [first, ...others] = places.sort((a, b) => Number(b.commit === oldest) - Number(a.commit === oldest) || byPlace(a, b)) as [
    Finding,
    ...Finding[],
  ];
  let message = first.line === null ? first.message : `${first.message} ${IN_HISTORY}`;
  if (others.length === 0) return { ...first, message };
  const shown = others.slice(0, MAX_PLACES_IN_MESSAGE).map((f) => `${f.line === null ? f.file : `${f.file}:${f.line}`} (${f.commit?.slice(0, 7)})`);
  const more = others.length > shown.length ? ` and ${others.length - shown.length} more` : "";
  message += ` The same secret was also added in ${shown.join(", ")}${more}.`;
  const otherLocations = others.map((f) => ({ file: f.file, line: f.line, column: f.column, commit: f.commit ?? "", date: f.date ?? "" }));
  return { ...first, message, otherLocations };
}

function byPlace(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0);
}
