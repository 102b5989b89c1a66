/**
 * Nothing is passed over without saying so, in every format; text in another Unicode encoding
 * is scanned, not called binary; a device or FIFO is passed over by its type, before any read.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { runCli, runJson } from "../helpers/cli.js";
import { commitAll, tempRepo, write } from "../helpers/repo.js";
import { fakeHfToken } from "../helpers/tokens.js";

const token = fakeHfToken(4201);
const isRoot = process.getuid?.() === 0;
const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(new URL("../data/sarif-2.1.0.schema.json", import.meta.url), "utf8")));

/** A repository with a file over the size limit, a binary file and (not as root) an unreadable one. */
function repoWithSkips(): string {
  const repo = tempRepo();
  write(repo, {
    "big.txt": `${"x".repeat(300)}\n`,
    "pic.bin": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
    "locked.txt": "x\n",
    "ok.txt": "x\n",
  });
  if (!isRoot) chmodSync(join(repo, "locked.txt"), 0);
  return repo;
}

describe("skipped files are named in every format", () => {
  it.each(["stylish", "compact", "github"])("%s", (format) => {
    const repo = repoWithSkips();
    const { code, stdout } = runCli(["-f", format, "--max-file-size", "100"], { cwd: repo });
    expect(code).toBe(0);
    expect(stdout).toMatch(/big\.txt.*larger than --max-file-size|larger than --max-file-size.*big\.txt/);
    expect(stdout).toMatch(/binary.*pic\.bin/);
    if (!isRoot) expect(stdout).toMatch(/locked\.txt.*unreadable|unreadable.*locked\.txt/);
  });

  it("sarif: a tool execution notification per file, valid SARIF", () => {
    const repo = repoWithSkips();
    const sarif = JSON.parse(runCli(["-f", "sarif", "--max-file-size", "100"], { cwd: repo }).stdout);
    expect(validateSarif(sarif)).toBe(true);
    const notifications = sarif.runs[0].invocations[0].toolExecutionNotifications;
    const about = (uri: string) => notifications.find((n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => n.locations[0]?.physicalLocation.artifactLocation.uri === uri);
    expect(about("big.txt")).toMatchObject({ level: "warning", message: { text: "big.txt: not scanned: larger than --max-file-size" } });
    expect(about("pic.bin")).toMatchObject({ level: "note" });
  });

  it("json: each skipped file with its reason", () => {
    const repo = repoWithSkips();
    const { report } = runJson(["--max-file-size", "100"], { cwd: repo });
    expect(report.skipped).toEqual(expect.arrayContaining([{ file: "big.txt", reason: "tooLarge" }, { file: "pic.bin", reason: "binary" }]));
    expect(report.summary.skipped).toMatchObject({ tooLarge: 1, binary: 1 });
  });
});

describe("UTF-16 and UTF-32 text with a byte order mark", () => {
  const text = `first line\nx = "${token}"\n`;
  const encodings: [string, Buffer][] = [
    ["UTF-16LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
    ["UTF-16BE", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()])],
    ["UTF-32LE", Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...text].map((c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0) ?? 0); return b; })])],
    ["UTF-32BE", Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), ...[...text].map((c) => { const b = Buffer.alloc(4); b.writeUInt32BE(c.codePointAt(0) ?? 0); return b; })])],
  ];
  it.each(encodings)("%s is decoded and scanned, positions those of the text", (_name, content) => {
    const repo = tempRepo();
    write(repo, { "setup.ps1": content });
    const { code, report } = runJson([], { cwd: repo });
    expect(code).toBe(1);
    expect(report.summary.skipped.binary).toBe(0);
    expect(report.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["hf-token", 2, 6]]);
  });
});

describe("devices and FIFOs", () => {
  it("a FIFO where a tracked file was is passed over by its type", () => {
    const repo = tempRepo();
    write(repo, { "pipe.txt": "x\n", "ok.txt": "x\n" });
    commitAll(repo);
    rmSync(join(repo, "pipe.txt"));
    execFileSync("mkfifo", [join(repo, "pipe.txt")]);
    const { code, report } = runJson([], { cwd: repo });
    expect(code).toBe(0);
    expect(report.summary.files).toBe(1);
  });

  it.skipIf(!isRoot)("a character device (/dev/zero) is never read: its endless content cannot exhaust memory", () => {
    const repo = tempRepo();
    write(repo, { "zero.txt": "x\n" });
    commitAll(repo);
    rmSync(join(repo, "zero.txt"));
    execFileSync("mknod", [join(repo, "zero.txt"), "c", "1", "5"]);
    const { code, stderr } = runCli(["-f", "json"], { cwd: repo, timeoutMs: 10_000 });
    expect(code, stderr).toBe(0);
  });
});
