import { createColors } from "picocolors";
import { printable, skipLines, toRotate } from "../report.js";
import type { Reporter } from "./types.js";

/** The first sentence of a message: what is wrong. The advice follows once, after the list. */
function headline(message: string): string {
  const end = message.search(/\.(\s|$)/);
  return end === -1 ? message : message.slice(0, end + 1);
}

/** One line per finding, `file:line:col  severity  rule  what  [secret]`: for hooks and terminals in a hurry. */
const compact: Reporter = (report, { color, displayPath = (file) => file }) => {
  const c = createColors(color);
  const lines = report.findings.map((f) => {
    const file = printable(displayPath(f.file));
    const where = f.line === null ? file : `${file}:${f.line}:${f.column}`;
    const severity = f.severity === "error" ? c.red("error") : c.yellow("warning");
    const secret = f.secret ? `  ${c.dim(`[${f.secret}]`)}` : "";
    return `${c.bold(where)}  ${severity}  ${c.dim(f.ruleId)}  ${headline(f.message)}${secret}`;
  });
  for (const { reason, line } of skipLines(report)) lines.push((reason === "binary" ? c.dim : c.yellow)(`hf-lint: ${line}`));
  const rotate = toRotate(report);
  if (rotate) lines.push(rotate);
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
};

export default compact;
