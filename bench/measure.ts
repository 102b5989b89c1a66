/** Wall time, CPU time and peak RSS of whole commands, measured in alternation so that drift hits all alike. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Command {
  label: string;
  argv: string[];
  cwd: string;
}

export interface Sample {
  ms: number;
  /** User + system time of the command and its children (10 ms resolution: see `summarize`). */
  cpuMs: number;
  rssMb: number;
}

const scratch = mkdtempSync(join(tmpdir(), "hf-lint-bench-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

/** One run under `/usr/bin/time` (for CPU time and peak RSS); standard output goes to /dev/null. */
export function runOnce(command: Command): Sample {
  const usageFile = join(scratch, "usage");
  const start = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "%U %S %M", "-o", usageFile, ...command.argv], {
    cwd: command.cwd,
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === null || result.status > 1) {
    throw new Error(`${command.label} failed (${result.status}): ${result.stderr.toString().slice(0, 500)}`);
  }
  // The last line: a command killed by a signal gets a line about it first.
  const [user, system, rssKb] = (readFileSync(usageFile, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
  return { ms, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, rssMb: (rssKb ?? 0) / 1024 };
}

/** `runs` rounds, each running every command once in turn, after one warm-up round. */
export function alternate(commands: Command[], runs: number): Map<string, Sample[]> {
  const samples = new Map(commands.map((command) => [command.label, [] as Sample[]]));
  for (let round = -1; round < runs; round++) {
    for (const command of commands) {
      const sample = runOnce(command);
      if (round >= 0) samples.get(command.label)?.push(sample);
    }
  }
  return samples;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface Summary {
  ms: number;
  cpuMs: number;
  rssMb: number;
  runs: number;
}

/** Median wall time; mean CPU time, since `time` counts it in 10 ms steps (a median would be one of them). */
export function summarize(samples: Sample[]): Summary {
  return {
    ms: median(samples.map((s) => s.ms)),
    cpuMs: samples.reduce((sum, s) => sum + s.cpuMs, 0) / samples.length,
    rssMb: Math.max(...samples.map((s) => s.rssMb)),
    runs: samples.length,
  };
}
