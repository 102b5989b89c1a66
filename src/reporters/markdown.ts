import { plural } from "../report.js";
import type { Finding } from "../types.js";
import type { Reporter } from "./types.js";

/** Rows past this are counted, not listed: a GitHub job summary holds at most 1 MiB. */
const MAX_ROWS = 500;

/** Table cell text: backslash-escapes what Markdown or HTML would interpret, a pipe would end the cell. */
function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, "\\$&").replace(/\r?\n/g, " ");
}

function row(f: Finding, withCommits: boolean): string {
  const cells = [
    f.severity,
    f.line === null ? f.file : `${f.file}:${f.line}:${f.column}`,
    f.secret ? `${f.message} [${f.secret}]` : f.message,
    f.ruleId,
    ...(withCommits ? [f.commit?.slice(0, 12) ?? ""] : []),
  ];
  return `| ${cells.map(cell).join(" | ")} |`;
}

/** A Markdown table of the findings: for a CI job summary ($GITHUB_STEP_SUMMARY) or a merge request comment. */
const markdown: Reporter = (report) => {
  const { errors, warnings, files } = report.summary;
  if (report.findings.length === 0) return `### hf-lint: no problems\n\n${plural(files, "file")} scanned.\n`;
  const withCommits = report.findings.some((f) => f.commit);
  const header = ["Severity", "Where", "Problem", "Rule", ...(withCommits ? ["Commit"] : [])];
  const lines = [
    `### hf-lint: ${plural(errors + warnings, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`,
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...report.findings.slice(0, MAX_ROWS).map((f) => row(f, withCommits)),
  ];
  const rest = report.findings.length - MAX_ROWS;
  if (rest > 0) lines.push("", `…and ${plural(rest, "more problem")}: the full list is in the JSON or SARIF report.`);
  return `${lines.join("\n")}\n`;
};

export default markdown;
