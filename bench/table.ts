/** The commands every table compares, and the Markdown the tables are written as. */
import { alternate, summarize, type Command, type Summary } from "./measure.js";

export const TOKEN_PATTERN = "hf_[A-Za-z0-9]{34}";

export const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
export const row = (cells: (string | number)[]): string => `| ${cells.join(" | ")} |`;

/** Node's own start-up, the floor of any Node program. */
export const nodeFloor = (cwd: string): Command => ({ label: "node -e 0", argv: [process.execPath, "-e", "0"], cwd });

/** What a user would otherwise run over the same files: git grep, and ripgrep as the practical limit. */
export const greps = (cwd: string): Command[] => [
  { label: "git grep -E", argv: ["git", "grep", "-E", "-I", "-n", TOKEN_PATTERN], cwd },
  { label: "rg", argv: ["rg", "-n", TOKEN_PATTERN], cwd },
];

/** Every command once per round, `runs` rounds after a warm-up round. */
export function measure(commands: Command[], runs: number): Map<string, Summary> {
  return new Map([...alternate(commands, runs)].map(([label, samples]) => [label, summarize(samples)]));
}

export function table(results: Map<string, Summary>, baseline: string): string[] {
  const base = results.get(baseline)?.ms ?? 1;
  return [
    row(["command", "median", `ratio to ${baseline}`, "CPU (user + sys)", "peak RSS", "runs"]),
    row(["---", "---", "---", "---", "---", "---"]),
    ...[...results].map(([label, s]) =>
      row([label, ms(s.ms), `${(s.ms / base).toFixed(2)}×`, ms(s.cpuMs), `${s.rssMb.toFixed(0)} MB`, s.runs]),
    ),
  ];
}

/** How far a command's median is above Node's own start-up, from the same run. */
export function aboveNode(results: Map<string, Summary>, label = "hf-lint"): string {
  return ms((results.get(label)?.ms ?? 0) - (results.get("node -e 0")?.ms ?? 0));
}
