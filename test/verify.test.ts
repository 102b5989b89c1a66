import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliAsync, type CliResult } from "./helpers/cli.js";
import { tempRepo, write } from "./helpers/repo.js";
import { fakeHfToken, fakeOrgToken } from "./helpers/tokens.js";
import type { Report } from "../src/types.js";

const tokens = {
  read: fakeHfToken(71),
  write: fakeHfToken(72),
  fine: fakeHfToken(73),
  revoked: fakeHfToken(74),
  broken: fakeHfToken(75),
  slow: fakeHfToken(76),
  org: fakeOrgToken(77),
  portal: fakeHfToken(78),
};

/** A stand-in for the Hub's whoami-v2 on 127.0.0.1: one answer per token. */
const requests: { path: string; authorization: string | undefined }[] = [];
let server: Server;
let endpoint: string;

function answer(request: IncomingMessage): [number, unknown] | "hang" {
  const token = request.headers.authorization?.replace(/^Bearer /, "");
  const whoami = (role: string, name = "alice") => [200, { type: "user", name, auth: { accessToken: { displayName: "t", role } } }] as [number, unknown];
  switch (token) {
    case tokens.read: return whoami("read");
    case tokens.write: return whoami("write");
    case tokens.fine: return whoami("fineGrained");
    case tokens.org: return [200, { type: "org", name: "acme" }];
    case tokens.revoked: return [401, { error: "Invalid credentials" }];
    case tokens.slow: return "hang";
    case tokens.portal: return [200, "<html>Sign in to the Wi-Fi</html>"];
    default: return [500, { error: "boom" }];
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push({ path: request.url ?? "", authorization: request.headers.authorization });
    const result = answer(request);
    if (result === "hang") return; // never answers: the client's timeout must end it
    const body = typeof result[1] === "string" ? result[1] : JSON.stringify(result[1]);
    response.writeHead(result[0], { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const run = (args: string[], cwd: string, env: Record<string, string>): Promise<CliResult> => runCliAsync(args, { cwd, env });

describe("--verify", () => {
  it("asks whoami once per distinct token and reports status, role and owner", async () => {
    const repo = tempRepo();
    const lines = Object.entries(tokens).map(([name, token]) => `${name} = "${token}"`);
    write(repo, { "a.py": `${lines.join("\n")}\n`, "b.py": `again = "${tokens.write}"\n` });
    requests.length = 0;
    const { code, stdout, stderr } = await run(["-f", "json", "--verify", "--verify-timeout", "500"], repo, { HF_ENDPOINT: endpoint });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    const byLine = Object.fromEntries(report.findings.map((f) => [`${f.file}:${f.line}`, f.verification]));
    expect(byLine).toEqual({
      "a.py:1": { status: "live", role: "read", owner: "alice" },
      "a.py:2": { status: "live", role: "write", owner: "alice" },
      "a.py:3": { status: "live", role: "fineGrained", owner: "alice" },
      "a.py:4": { status: "revoked", role: null, owner: null },
      "a.py:5": { status: "unknown", role: null, owner: null },
      "a.py:6": { status: "unknown", role: null, owner: null },
      "a.py:7": { status: "live", role: null, owner: "acme" },
      "a.py:8": { status: "unknown", role: null, owner: null }, // a 2xx that is not whoami's JSON proves nothing
      "b.py:1": { status: "live", role: "write", owner: "alice" },
    });
    const messages = report.findings.map((f) => f.message);
    expect(messages[0]).toMatch(/^Live token \(read, owner alice\)/);
    expect(messages[1]).toMatch(/^LIVE WRITE TOKEN/);
    expect(messages[3]).toMatch(/^Revoked token/);
    expect(messages[4]).toMatch(/^Could not verify this token \(HTTP 500\)/);
    expect(messages[5]).toMatch(/^Could not verify this token \(no answer within 500 ms\)/);
    expect(messages[7]).toMatch(/^Could not verify this token \(the answer is not JSON\)/);
    expect(requests).toHaveLength(8); // the write token appears twice, is asked about once
    expect(requests.every((r) => r.path === "/api/whoami-v2")).toBe(true);
    expect(new Set(requests.map((r) => r.authorization))).toEqual(new Set(Object.values(tokens).map((t) => `Bearer ${t}`)));
    for (const token of Object.values(tokens)) expect(stdout + stderr).not.toContain(token);
  });

  it("reports only live tokens with --only-verified, and shows the status in every format", async () => {
    const repo = tempRepo();
    write(repo, { "a.py": `w = "${tokens.write}"\nr = "${tokens.revoked}"\n`, "run.sh": "export HUGGINGFACE_TOKEN=$X\n" }); // hf-lint-disable-line legacy-token-env
    const only = JSON.parse((await run(["-f", "json", "--only-verified"], repo, { HF_ENDPOINT: endpoint })).stdout) as Report;
    expect(only.findings.map((f) => [f.line, f.verification?.status])).toEqual([[1, "live"]]);
    const stylish = await run(["--verify"], repo, { HF_ENDPOINT: endpoint });
    expect(stylish.stdout).toContain("LIVE WRITE TOKEN");
    expect(stylish.stdout).toContain("Revoked token");
    const sarif = JSON.parse((await run(["-f", "sarif", "--verify"], repo, { HF_ENDPOINT: endpoint })).stdout);
    expect(sarif.runs[0].results[0].properties.verification).toEqual({ status: "live", role: "write", owner: "alice" });
  });

  it("is unknown, never a crash or a pass, when the Hub cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const repo = tempRepo();
    write(repo, { "a.py": `t = "${tokens.read}"\n` });
    const { code, stdout } = await run(["-f", "json", "--verify"], repo, { HF_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(code).toBe(1);
    const [finding] = (JSON.parse(stdout) as Report).findings;
    expect(finding?.verification?.status).toBe("unknown");
    expect(finding?.message).toMatch(/^Could not verify this token \(ECONNREFUSED\)/);
  });

  it("applies --verify-timeout to --only-verified too", async () => {
    const repo = tempRepo();
    write(repo, { "a.py": `s = "${tokens.slow}"\nw = "${tokens.write}"\n` });
    const started = Date.now();
    const { stdout } = await run(["-f", "json", "--only-verified", "--verify-timeout", "300"], repo, { HF_ENDPOINT: endpoint });
    expect(Date.now() - started).toBeLessThan(4000); // the default timeout is 5 s
    expect((JSON.parse(stdout) as Report).findings.map((f) => f.line)).toEqual([2]);
  });

  it("rejects an endpoint that is not an http(s) URL before asking anything, and a timeout without --verify", async () => {
    const repo = tempRepo();
    write(repo, { "a.py": `t = "${tokens.read}"\n` });
    const badEndpoint = await run(["--verify"], repo, { HF_ENDPOINT: "ftp://127.0.0.1/" });
    expect(badEndpoint.code).toBe(2);
    expect(badEndpoint.stderr).toBe("hf-lint: HF_ENDPOINT must be an http:// or https:// URL\n");
    expect(badEndpoint.stdout).toBe("");
    const timeoutAlone = await run(["--verify-timeout", "300"], repo, { HF_ENDPOINT: endpoint });
    expect(timeoutAlone.code).toBe(2);
    expect(timeoutAlone.stderr).toBe("hf-lint: --verify-timeout needs --verify or --only-verified\n");
  });

  it("never asks anything without --verify", async () => {
    const repo = tempRepo();
    write(repo, { "a.py": `t = "${tokens.read}"\n` });
    requests.length = 0;
    const report = JSON.parse((await run(["-f", "json"], repo, { HF_ENDPOINT: endpoint })).stdout) as Report;
    expect(requests).toHaveLength(0);
    expect(report.findings[0]).not.toHaveProperty("verification");
  });
});
