/**
 * Small hostile files must not stall or crash a scan: any 10 MiB file, whatever its content,
 * scans in seconds and in memory bounded by its size (BENCHMARKS.md, "Hostile inputs", has the
 * figures; the bounds here are generous so that a loaded CI machine passes).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runJson } from "../helpers/cli.js";
import { HOSTILE_CASES } from "../helpers/hostile.js";
import { GIT_ENV, git, tempDir, tempRepo } from "../helpers/repo.js";
import { fakeHfToken } from "../helpers/tokens.js";
import type { Report } from "../../src/types.js";

const SIZE = 10 * 1024 * 1024;
const MAX_SECONDS = 10;
const MAX_RSS_MB = 400;

/** Preloaded into the CLI: its own peak RSS (worker threads included), written as it exits. */
const PEAK_RSS = `data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>writeSync(2,"\\npeak-rss-kb:"+process.resourceUsage().maxRSS+"\\n"))`;

/**
 * Runs the built CLI over `root`/scan with a wall-clock limit, the report written beside it;
 * returns the report, exit code, time and peak RSS.
 */
function scanMeasured(root: string, args: string[] = []) {
  const reportFile = join(root, "report.json");
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", PEAK_RSS, CLI, "-f", "json", "-o", reportFile, ...args], {
    cwd: join(root, "scan"),
    encoding: "utf8",
    timeout: 25_000, // under the test timeout: a stalled scan fails the test instead of hanging it
    env: { ...process.env, ...GIT_ENV, NO_COLOR: "1" },
  });
  const seconds = (performance.now() - started) / 1000;
  const rssMb = Number(/peak-rss-kb:(\d+)/.exec(result.stderr)?.[1] ?? Infinity) / 1024;
  const report = result.status === 0 || result.status === 1 ? (JSON.parse(readFileSync(reportFile, "utf8")) as Report) : null;
  return { code: result.status, stderr: result.stderr, seconds, rssMb, report };
}

describe("any 10 MiB file scans in bounded time and memory", () => {
  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))("%s", (_name, hostile) => {
    const root = tempDir();
    mkdirSync(join(root, "scan"));
    writeFileSync(join(root, "scan", "hostile.txt"), hostile.make(SIZE));
    const { code, stderr, seconds, rssMb, report } = scanMeasured(root);
    expect(code, stderr).toBe(hostile.hasTokens ? 1 : 0);
    expect(report?.summary.files).toBe(1);
    if (hostile.hasTokens) expect(report?.summary.errors).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(MAX_SECONDS);
    expect(rssMb).toBeLessThan(MAX_RSS_MB);
  });
});

describe("a pathological ignore line", () => {
  it("costs no more than a plain one: the line is not applied (files scanned, with a warning), others still are", () => {
    const root = tempDir();
    const line = `${Array(8).fill("a").join("/**/")}/**/b`;
    const deep = join(root, "scan", ...Array(40).fill("a"));
    mkdirSync(deep, { recursive: true });
    for (let i = 0; i < 50; i++) writeFileSync(join(deep, `f${i}.txt`), "x = 1\n");
    writeFileSync(join(root, "scan", ".hflintignore"), `${line}\nlogs/\n`);
    writeFileSync(join(root, "scan", ".gitignore"), `${line}\n`);
    mkdirSync(join(root, "scan", "logs"));
    writeFileSync(join(root, "scan", "logs", "a.txt"), "x\n");
    const { code, stderr, seconds, report } = scanMeasured(root);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`ignore pattern not applied (more than three **, too costly to match): ${line}`);
    expect(stderr).toContain(`.gitignore: ignore pattern not applied (more than three **, too costly to match): ${line}`);
    expect(report?.summary.files).toBe(52); // the 50 deep files and the two ignore files, not logs/a.txt
    expect(seconds).toBeLessThan(MAX_SECONDS);
  });
});

describe("UTF-16 and UTF-32 text is read whole, whatever its size", () => {
  const secret = fakeHfToken(1301);
  /** ~200 KB of text, the token on its last line: past the first read, and NUL bytes throughout. */
  const text = `${"x = 1\n".repeat(35_000)}login(token="${secret}")\n`;
  const encodings: [string, Buffer][] = [
    ["UTF-16 LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
    ["UTF-16 BE", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()])],
  ];
  it.each(encodings)("%s: the token on the last line is found, in a repository, outside one and staged", (_name, bytes) => {
    const lastLine = text.split("\n").length - 1;
    const outside = tempDir();
    writeFileSync(join(outside, "notes.py"), bytes);
    const repo = tempRepo();
    writeFileSync(join(repo, "notes.py"), bytes);
    git(repo, "add", "notes.py");
    for (const [cwd, args] of [[outside, []], [repo, []], [repo, ["--staged"]]] as const) {
      const { code, report } = runJson([...args], { cwd });
      expect(code).toBe(1);
      expect(report.findings.map((f) => [f.file, f.line])).toContainEqual(["notes.py", lastLine]);
    }
  });
});
