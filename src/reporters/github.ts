import { notScanned, skipLines, toRotate } from "../report.js";
import type { Report } from "../types.js";
import type { Reporter } from "./types.js";

/** Workflow-command escaping: data escapes %, CR and LF; properties also ':' and ','. */
const escapeData = (text: string): string => text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
const escapeProperty = (text: string): string => escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");

/**
 * A file too large or unreadable is a warning on that file; binary files, common, one notice.
 * Nothing passed over goes unsaid in the run's annotations.
 */
function skipCommands(report: Parameters<Reporter>[0]): string {
  const perFile = report.skipped
    .filter((skipped) => skipped.reason !== "binary")
    .map((skipped) => `::warning file=${escapeProperty(skipped.file)},title=hf-lint::${escapeData(notScanned(skipped))}\n`);
  const binary = skipLines(report).filter(({ reason }) => reason === "binary");
  return [...perFile, ...binary.map(({ line }) => `::notice title=hf-lint::${escapeData(line)}\n`)].join("");
}

/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request; a notice counts the secrets. */
const github: Reporter = (report) => {
  const rotate = toRotate(report);
  return annotations(report) + (rotate ? `::notice title=hf-lint::${rotate}\n` : "");
};

const annotations = (report: Report): string =>
  report.findings
    .map((f) => {
      const properties: [string, string | number | null][] = [
        ["file", f.file],
        ["line", f.line],
        ["col", f.column],
        ["endLine", f.endLine],
        ["endColumn", f.endColumn],
        ["title", `hf-lint ${f.ruleId}`],
      ];
      const props = properties
        .filter((entry): entry is [string, string | number] => entry[1] !== null)
        .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
        .join(",");
      const secret = f.secret ? ` [${f.secret}]` : "";
      return `::${f.severity === "error" ? "error" : "warning"} ${props}::${escapeData(f.message + secret)}\n`;
    })
    .join("") + skipCommands(report);

export default github;
