import { createColors } from "picocolors";
import { plural, printable, skipLines, toRotate } from "../report.js";
import type { Finding } from "../types.js";
import type { Reporter } from "./types.js";

/** ESLint's stylish layout: findings grouped by file, `line:col  severity  message  rule`, a summary. */
const stylish: Reporter = (report, { color, displayPath = (file) => file }) => {
  const c = createColors(color);
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const out: string[] = [];
  for (const [file, findings] of byFile) {
    out.push("", c.underline(printable(displayPath(file))));
    const rows = findings.map((f) => ({
      where: f.line === null ? "file" : `${f.line}:${f.column}`,
      severity: f.severity,
      message: f.secret ? `${f.message} [${f.secret}]` : f.message,
      ruleId: f.ruleId,
    }));
    const whereWidth = Math.max(...rows.map((row) => row.where.length));
    for (const row of rows) {
      const severity = row.severity === "error" ? c.red("error  ") : c.yellow("warning");
      out.push(`  ${c.dim(row.where.padEnd(whereWidth))}  ${severity}  ${row.message}  ${c.dim(row.ruleId)}`);
    }
  }
  const { errors, warnings } = report.summary;
  if (errors + warnings > 0) {
    const line = `✖ ${plural(errors + warnings, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
    out.push("", c.bold(errors > 0 ? c.red(line) : c.yellow(line)));
  }
  for (const { reason, line } of skipLines(report)) out.push(reason === "binary" ? c.dim(line) : c.yellow(line));
  const rotate = toRotate(report);
  if (rotate) out.push(c.bold(rotate));
  return out.length > 0 ? `${out.join("\n")}\n` : "";
};

export default stylish;
