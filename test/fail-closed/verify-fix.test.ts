/**
 * Fault injection for `--verify` and `--fix`: a server that lies or never stops talking, an
 * endpoint that would leak tokens, fixes killed halfway or racing each other, and fixes that
 * would turn working Python into a NameError.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyFixes, planFixes } from "../../src/fix.js";
import { scan } from "../../src/scan.js";
import type { Report } from "../../src/types.js";
import { CLI, runCli, runCliAsync, type CliResult } from "../helpers/cli.js";
import { GIT_ENV, tempRepo, write } from "../helpers/repo.js";
import { fakeHfToken } from "../helpers/tokens.js";

// Legacy names are built from parts so this file passes our own scan without suppressions.
const LEGACY_HUB = ["HUGGING", "FACE", "HUB", "TOKEN"].join("_");
const AUTH_ARG = ["use", "auth", "token"].join("_");

const tokens = { huge: fakeHfToken(301), drip: fakeHfToken(302), hostile: fakeHfToken(303) };
let endpoint: string;
const server = createServer((request, response) => {
  const token = request.headers.authorization?.replace(/^Bearer /, "");
  response.writeHead(200, { "content-type": "application/json" });
  if (token === tokens.huge) return endless(response, 1024 * 1024, 1);
  if (token === tokens.drip) return endless(response, 1, 50);
  const name = "ev\u001b[2J\u001b]8;;x\u0007il\nowner\u202e";
  response.end(JSON.stringify({ name, auth: { accessToken: { role: "read\r\n" } } }));
});

/** Writes JSON-looking bytes until the client goes away: 1 MiB every millisecond, or one byte every 50 ms. */
function endless(response: ServerResponse, chunkSize: number, intervalMs: number): void {
  const chunk = Buffer.alloc(chunkSize, 0x20);
  response.write("{");
  const timer = setInterval(() => response.write(chunk), intervalMs);
  response.on("close", () => clearInterval(timer));
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** The CLI without blocking this process (the server runs in it), and how long it took. */
async function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  const result = await runCliAsync(args, { cwd, env });
  return { ...result, ms: Date.now() - started };
}

describe("--verify against a server that lies", () => {
  it("stops reading an answer past 64 KiB and ends within the timeout when the answer never ends", async () => {
    const repo = tempRepo();
    write(repo, { "a.py": `a = "${tokens.huge}"\nb = "${tokens.drip}"\n` });
    const { code, stdout, ms } = await run(["-f", "json", "--verify", "--verify-timeout", "700"], repo, { HF_ENDPOINT: endpoint });
    expect(code).toBe(1);
    const [huge, drip] = (JSON.parse(stdout) as Report).findings;
    expect(huge?.verification?.status).toBe("unknown");
    expect(huge?.message).toMatch(/^Could not verify this token \(the answer is larger than 64 KiB\)/);
    expect(drip?.verification?.status).toBe("unknown");
    expect(drip?.message).toMatch(/^Could not verify this token \(no answer within 700 ms\)/);
    expect(ms).toBeLessThan(5000);
  });

  it("prints no control characters the server sent", async () => {
    const repo = tempRepo();
    write(repo, { "a.py": `t = "${tokens.hostile}"\n` });
    const json = await run(["-f", "json", "--verify"], repo, { HF_ENDPOINT: endpoint });
    const [finding] = (JSON.parse(json.stdout) as Report).findings;
    expect(finding?.verification).toEqual({ status: "live", role: "read", owner: "ev[2J]8;;xilowner" });
    const stylish = await run(["--verify"], repo, { HF_ENDPOINT: endpoint });
    expect(stylish.stdout).toContain("owner ev[2J]8;;xilowner");
    expect(stylish.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
  });

  it("sends tokens only over https, to a plain base URL, and says where when it is not huggingface.co", async () => {
    const repo = tempRepo();
    write(repo, { "a.py": `t = "${tokens.hostile}"\n` });
    for (const [value, message] of [
      ["http://hub.example.com", "hf-lint: HF_ENDPOINT must use https:// (plain http is allowed only for localhost): tokens would travel in clear text\n"],
      ["https://hub.example.com/?next=x", "hf-lint: HF_ENDPOINT must be a base URL without a query or fragment\n"],
      ["https://hub.example.com/#x", "hf-lint: HF_ENDPOINT must be a base URL without a query or fragment\n"],
    ] as const) {
      const result = await run(["--verify"], repo, { HF_ENDPOINT: value });
      expect([result.code, result.stderr, result.stdout]).toEqual([2, message, ""]);
    }
    const local = await run(["--verify"], repo, { HF_ENDPOINT: endpoint });
    const host = new URL(endpoint).host;
    expect(local.stderr.match(/sends the tokens it found to/g)).toHaveLength(1);
    expect(local.stderr).toContain(`--verify sends the tokens it found to ${host} (HF_ENDPOINT), not to huggingface.co`);
  });
});

describe("--fix never leaves a file half-written or a fix half-done", () => {
  it("leaves the old .gitignore whole when a write stops halfway (a full disk, a file size limit)", () => {
    const repo = tempRepo();
    const before = `#${"x".repeat(2_000_000)}\nbuild/\n`;
    write(repo, { ".gitignore": before, ".env": "A=1\n" });
    // ulimit -f 1000: writes stop after 1,000 KiB, as they would on a full disk.
    const result = spawnSync("bash", ["-c", `ulimit -f 1000 && exec "${process.execPath}" "${CLI}" --fix`], {
      cwd: repo, encoding: "utf8", env: { ...process.env, ...GIT_ENV, NO_COLOR: "1" },
    });
    expect(readFileSync(join(repo, ".gitignore"), "utf8")).toBe(before);
    expect(result.stderr).toContain("hf-lint: could not write .gitignore (EFBIG): nothing in it was fixed");
    expect(result.status).toBe(1); // the .env is still not ignored
    expect(readdirSync(repo).filter((name) => name.includes("hf-lint"))).toEqual([]); // no temporary file left
  });

  it("loses no .gitignore entry when several runs fix at once", async () => {
    const dirs = ["a", "b", "c", "d", "e", "f"];
    for (let round = 0; round < 2; round++) {
      const repo = tempRepo();
      write(repo, { ".gitignore": "dist/\n", ...Object.fromEntries(dirs.map((dir) => [`${dir}/.env`, "A=1\n"])) });
      const results = await Promise.all(dirs.map((dir) => run(["--fix", dir], repo)));
      expect(results.map((result) => result.code)).toEqual(dirs.map(() => 0));
      const lines = readFileSync(join(repo, ".gitignore"), "utf8").split("\n");
      expect(lines.sort()).toEqual(["", ...dirs.map((dir) => `/${dir}/.env`), "dist/"]);
    }
  });

  it("keeps going past a file it cannot write and reports each file it changed", async () => {
    const repo = tempRepo();
    write(repo, { "a.sh": `export ${LEGACY_HUB}=1\n`, "b.sh": `export ${LEGACY_HUB}=2\n`, "c.sh": `export ${LEGACY_HUB}=3\n` });
    chmodSync(join(repo, "c.sh"), 0o750);
    const report = await scan({ cwd: repo });
    const plan = await planFixes(repo, report.findings, { inGit: true, cwd: repo });
    writeFileSync(join(repo, "b.sh"), "echo changed meanwhile\n");
    const outcome = applyFixes(repo, plan);
    expect(outcome.written.map((edit) => edit.file)).toEqual(["a.sh", "c.sh"]);
    expect(outcome.failed.map(({ edit, reason }) => [edit.file, reason])).toEqual([["b.sh", "it changed since it was scanned"]]);
    expect(readFileSync(join(repo, "c.sh"), "utf8")).toBe("export HF_TOKEN=3\n");
    expect(statSync(join(repo, "c.sh")).mode & 0o777).toBe(0o750);
    expect(readFileSync(join(repo, "b.sh"), "utf8")).toBe("echo changed meanwhile\n");
  });
});

describe("--fix keeps Python working", () => {
  const examples: Record<string, string> = {
    "keyword.py": [
      "import os",
      "def hub_download(repo, **kwargs): return sorted(kwargs)",
      `${AUTH_ARG} = os.environ.get("X", "t")`,
      `print(hub_download("m", ${AUTH_ARG}=${AUTH_ARG}))`,
      `print(hub_download(\n    "m",\n    ${AUTH_ARG}=${AUTH_ARG},\n))`,
      `print(f"{${AUTH_ARG}=}")  # ${AUTH_ARG}= in a comment`,
    ].join("\n"),
    "parameter.py": [
      `def load(name, ${AUTH_ARG}=None):`,
      `    return ${AUTH_ARG}`,
      `print(load("m", ${AUTH_ARG}="x"))`,
    ].join("\n"),
    "attribute.py": [
      "class Client:",
      `    def __init__(self, ${AUTH_ARG}=None, **kwargs):`,
      `        self.${AUTH_ARG} = ${AUTH_ARG}`,
      `print(Client(${AUTH_ARG}="x").${AUTH_ARG})`,
    ].join("\n"),
    "names.py": [
      "import os",
      `${LEGACY_HUB} = os.environ.get("${LEGACY_HUB}", "")`,
      `print(${LEGACY_HUB} == "")`,
    ].join("\n"),
  };

  it("renames only what is safe, and every fixed example still compiles and runs", () => {
    const repo = tempRepo();
    write(repo, Object.fromEntries(Object.entries(examples).map(([name, text]) => [name, `${text}\n`])));
    const { code, stderr } = runCli(["--fix"], { cwd: repo });
    expect(code).toBe(0); // the rule is a warning; what is not fixed is said
    for (const name of Object.keys(examples)) {
      expect(() => execFileSync("python3", [name], { cwd: repo, encoding: "utf8", stdio: "pipe" }), name).not.toThrow();
    }
    const keyword = readFileSync(join(repo, "keyword.py"), "utf8");
    expect(keyword).toContain(`print(hub_download("m", token=${AUTH_ARG}))`);
    expect(keyword).toContain(`    token=${AUTH_ARG},\n`);
    expect(keyword).toContain(`${AUTH_ARG} = os.environ.get`);
    expect(readFileSync(join(repo, "parameter.py"), "utf8")).toBe(`${examples["parameter.py"]}\n`);
    expect(readFileSync(join(repo, "attribute.py"), "utf8")).toBe(`${examples["attribute.py"]}\n`);
    expect(readFileSync(join(repo, "names.py"), "utf8")).toContain(`${LEGACY_HUB} = os.environ.get("HF_TOKEN", "")`);
    expect(stderr).toContain(`not fixed: keyword.py:3: \`${AUTH_ARG}\` is a variable or parameter here, read elsewhere: rename it by hand`);
    expect(stderr).toContain("not fixed: names.py:2: a Python name that other code may read or import: rename it by hand");
    expect(stderr).toMatch(/not fixed: parameter\.py:3: this file defines a `\w+` parameter/);
  });

  it("leaves the argument name alone outside Python", () => {
    const repo = tempRepo();
    write(repo, { "run.sh": `${AUTH_ARG}=1\necho "$${AUTH_ARG}"\n` });
    const { stderr } = runCli(["--fix"], { cwd: repo });
    expect(readFileSync(join(repo, "run.sh"), "utf8")).toBe(`${AUTH_ARG}=1\necho "$${AUTH_ARG}"\n`);
    expect(stderr).toContain("is renamed in Python files only");
  });
});
