import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, runCliAsync } from "./helpers/cli.js";
import { shellQuote } from "../src/shell.js";
import { startFakeHub, type FakeHub, type FakeRepo } from "./helpers/fake-hub.js";
import { tempDir, write } from "./helpers/repo.js";
import { fakeHfToken } from "./helpers/tokens.js";
import type { Report } from "../src/types.js";

const tokens = {
  notebook: fakeHfToken(151),
  space: fakeHfToken(152),
  env: fakeHfToken(153),
  dataset: fakeHfToken(154),
  comment: fakeHfToken(155),
  removed: fakeHfToken(156),
  user: fakeHfToken(157),
  privateRepo: fakeHfToken(158),
  zeta: fakeHfToken(159),
};

const OLD = "1".repeat(40);
const NEW = "2".repeat(40);

const notebook = JSON.stringify({
  cells: [{ cell_type: "code", metadata: {}, outputs: [], source: ["from huggingface_hub import login\n", `login(token="${tokens.notebook}")\n`] }],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5,
});

const bertFiles = {
  "README.md": { content: "# bert\n" },
  "notebooks/demo.ipynb": { content: notebook },
  "model.safetensors": { lfs: { size: 400_000_000 } },
  // Stored outside git though under every size limit: never requested.
  "tokenizer.bin": { lfs: { size: 2_000 } },
  "vocab.bin": { xet: { size: 3_000 } },
  "config.json": { content: "{}\n" },
  "big.txt": { content: "x".repeat(5000) },
};

const repos: FakeRepo[] = [
  {
    type: "model",
    name: "alice/bert",
    commits: [
      { id: NEW, title: "Remove training script", author: "alice", date: "2024-03-02T10:00:00.000Z", files: bertFiles },
      {
        id: OLD, title: "Initial commit", author: "alice", date: "2024-03-01T10:00:00.000Z",
        files: { ...bertFiles, "train.py": { content: `TOKEN = "${tokens.removed}"\n` } },
      },
    ],
    discussions: [
      { num: 1, title: "Great model", comments: [{ id: "c1", raw: "Thanks!" }] },
      { num: 2, title: "Does not load", comments: [{ id: "c2", raw: "It works with:\n\n    login(\"" + tokens.comment + "\")\n" }] },
    ],
  },
  {
    type: "dataset",
    name: "alice/data",
    commits: [{ id: "3".repeat(40), title: "Add loader", author: "alice", date: "2024-03-03T10:00:00.000Z", files: { "load.py": { content: `HF_TOKEN = "${tokens.dataset}"\n` } } }],
  },
  {
    type: "space",
    name: "alice/chat",
    commits: [{
      id: "4".repeat(40), title: "Upload folder", author: "alice", date: "2024-03-04T10:00:00.000Z",
      files: { "app.py": { content: `client = InferenceClient(token="${tokens.space}")\n` }, ".env": { content: `HF_TOKEN=${tokens.env}\n` }, "requirements.txt": { content: "" } },
    }],
  },
  {
    type: "model",
    name: "alice/secret-model",
    private: true,
    commits: [{ id: "5".repeat(40), title: "Add", author: "alice", date: "2024-03-05T10:00:00.000Z", files: { "README.md": { content: `Use ${tokens.privateRepo} or ${tokens.user}\n` } } }],
  },
  // Listed after alice/bert (two per page): only a second page of the listing has them.
  { type: "model", name: "alice/yolo", commits: [{ id: "7".repeat(40), title: "Add", author: "alice", date: "2024-03-07T10:00:00.000Z", files: { "README.md": { content: "# yolo\n" } } }] },
  { type: "model", name: "alice/zeta", commits: [{ id: "8".repeat(40), title: "Add", author: "alice", date: "2024-03-08T10:00:00.000Z", files: { "README.md": { content: `token: ${tokens.zeta}\n` } } }] },
  {
    type: "model",
    name: "carol/throttled",
    commits: [{ id: "6".repeat(40), title: "Add", author: "alice", date: "2024-03-06T10:00:00.000Z", files: { "slow.py": { content: "x = 1\n" }, "hang.py": { content: "y = 2\n" } } }],
  },
];

let hub: FakeHub;

beforeAll(async () => {
  hub = await startFakeHub({
    repos,
    token: tokens.user,
    rateLimited: {
      "/spaces/alice/chat/raw/main/app.py": { retryAfter: "1", times: 1 },
      "/carol/throttled/raw/main/slow.py": { retryAfter: "3600", times: 1 },
    },
    hanging: ["/carol/throttled/raw/main/hang.py"],
  });
});
afterAll(() => hub.close());

async function hubScan(args: string[], env: Record<string, string> = {}, cwd = tempDir()) {
  const result = await runCliAsync(["hub", "--format", "json", ...args], { cwd, env: { HF_ENDPOINT: hub.endpoint, HF_TOKEN: "", ...env } });
  return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as Report) : undefined };
}

const located = (report: Report | undefined) => report?.findings.map((f) => `${f.ruleId} ${f.file}${f.line ? `:${f.line}` : ""}`).sort();

describe("hf-lint hub", () => {
  it("scans a model, a dataset and a Space by name: tokens in code, a notebook, an uploaded .env", async () => {
    hub.requests.length = 0;
    const { code, report, stderr } = await hubScan(["alice/bert", "datasets/alice/data", "spaces/alice/chat"]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(located(report)).toEqual([
      "env-file-not-ignored hf://spaces/alice/chat/.env",
      "hf-token hf://alice/bert/notebooks/demo.ipynb:1",
      "hf-token hf://datasets/alice/data/load.py:1",
      "hf-token hf://spaces/alice/chat/.env:1",
      "hf-token hf://spaces/alice/chat/app.py:1",
    ]);
    const secrets = report?.findings.map((f) => f.secret).join(" ") ?? "";
    for (const token of Object.values(tokens)) expect(secrets).not.toContain(token);
    // The space's app.py was rate limited once: asked again after Retry-After.
    expect(hub.requests.filter((r) => r.path === "/spaces/alice/chat/raw/main/app.py")).toHaveLength(2);
    // Model weights stored with LFS are never requested; empty files need no request either.
    expect(hub.requests.some((r) => r.path.includes("model.safetensors") || r.path.includes(".bin"))).toBe(false);
    expect(hub.requests.some((r) => r.path.includes("requirements.txt"))).toBe(false);
    expect(report?.summary.skipped).toEqual({ tooLarge: 1, binary: 2, unreadable: 0 });
  });

  it("honours --max-file-size before downloading, and the project's ignores", async () => {
    hub.requests.length = 0;
    const project = tempDir();
    write(project, { ".hflintignore": "*.ipynb\n" });
    const { code, report } = await hubScan(["alice/bert", "--max-file-size", "4KiB"], {}, project);
    expect(code).toBe(0);
    expect(report?.summary.skipped.tooLarge).toBe(2); // big.txt and the LFS weights
    expect(hub.requests.some((r) => r.path.includes("big.txt") || r.path.includes(".ipynb"))).toBe(false);
  });

  it("applies the project's config, baseline, --quiet, --max-warnings and -o as a local scan does", async () => {
    const project = tempDir();
    const repos = ["datasets/alice/data", "spaces/alice/chat"];
    // Overrides match the hf:// path: the Space's .env is accepted as a warning there.
    write(project, { "hf-lint.config.json": JSON.stringify({ overrides: [{ files: ["hf://spaces/**"], rules: { "env-file-not-ignored": "warn" } }] }) });
    const configured = await hubScan(repos, {}, project);
    expect(configured.report?.findings.map((f) => `${f.ruleId} ${f.severity}`).sort()).toEqual([
      "env-file-not-ignored warning", "hf-token error", "hf-token error", "hf-token error",
    ]);
    expect((await hubScan([...repos, "--write-baseline", "base.json"], {}, project)).code).toBe(0);
    const accepted = await hubScan([...repos, "--baseline", "base.json", "--max-warnings", "0", "-o", "out.json"], {}, project);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(readFileSync(join(project, "out.json"), "utf8"))).toMatchObject({ findings: [] });
    write(project, { "hf-lint.config.json": JSON.stringify({ rules: { "hf-token": "warn" } }) });
    expect((await hubScan(["datasets/alice/data", "--max-warnings", "0"], {}, project)).code).toBe(1);
    const quiet = await hubScan(["datasets/alice/data", "--quiet"], {}, project);
    expect([quiet.code, quiet.report?.findings]).toEqual([0, []]);
  });

  it("lists an author's repositories page by page; private ones need HF_TOKEN, which is never printed", async () => {
    // alice/bert, named and listed, is scanned once.
    const anonymous = await hubScan(["alice/bert", "--author", "alice", "--type", "model", "--type", "space"]);
    expect(anonymous.report?.findings.map((f) => f.file).sort()).toEqual([
      "hf://alice/bert/notebooks/demo.ipynb", "hf://alice/zeta/README.md", "hf://spaces/alice/chat/.env", "hf://spaces/alice/chat/.env", "hf://spaces/alice/chat/app.py",
    ]);
    const signedIn = await hubScan(["--author", "alice", "--show-secrets"], { HF_TOKEN: tokens.user });
    const secretModel = signedIn.report?.findings.filter((f) => f.file === "hf://alice/secret-model/README.md") ?? [];
    expect(secretModel.map((f) => f.secret)).toContain(tokens.privateRepo);
    // The user's own token, published by mistake, is reported, but not even --show-secrets prints it.
    expect(secretModel).toHaveLength(2);
    expect(signedIn.stdout + signedIn.stderr).not.toContain(tokens.user);
  });

  it("--only-verified keeps the live token, still redacted when it is the user's own", async () => {
    const { code, report, stdout } = await hubScan(["alice/secret-model", "--only-verified", "--show-secrets"], { HF_TOKEN: tokens.user });
    expect(code).toBe(1);
    expect(report?.findings.map((f) => [f.file, f.verification?.status, f.verification?.role])).toEqual([["hf://alice/secret-model/README.md", "live", "write"]]);
    expect(stdout).not.toContain(tokens.user);
  });

  it("warns about a repository it cannot read and scans the others; exit 2 only when nothing could be read", async () => {
    const partial = await hubScan(["alice/missing", "datasets/alice/data", "alice/secret-model"]);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain("hf-lint: warning: cannot read alice/missing: HTTP 404");
    expect(partial.stderr).toContain("cannot read alice/secret-model: HTTP 401");
    expect(partial.stderr).toContain("needs HF_TOKEN");
    expect(located(partial.report)).toEqual(["hf-token hf://datasets/alice/data/load.py:1"]);

    const noBranch = await hubScan(["alice/bert", "--revision", "v2"]);
    expect(noBranch.stderr).toContain("cannot read alice/bert: HTTP 404: Invalid rev id");
    expect(noBranch.stderr).not.toContain("HF_TOKEN");

    const nothing = await hubScan(["alice/missing"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stdout).toBe("");
    expect(nothing.stderr).toContain("no repository could be read");
    expect(nothing.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("reports a file the Hub keeps rate limiting, or never answers, as unreadable", async () => {
    const { code, report, stderr } = await hubScan(["carol/throttled", "--request-timeout", "500"]);
    expect(code).toBe(0);
    expect(report?.summary.skipped.unreadable).toBe(2);
    expect(stderr).toContain("cannot read hf://carol/throttled/slow.py (HTTP 429: the Hub asked to wait 3600 s");
    expect(stderr).toContain("cannot read hf://carol/throttled/hang.py (no answer within 500 ms)");
  });

  it("SARIF names Hub files by their absolute hf:// URI", async () => {
    const { stdout } = await runCliAsync(["hub", "-f", "sarif", "alice/bert", "--discussions"], { cwd: tempDir(), env: { HF_ENDPOINT: hub.endpoint, HF_TOKEN: "" } });
    const locations = (JSON.parse(stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[] })
      .runs[0]?.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation);
    expect(locations).toEqual([{ uri: "hf://alice/bert/discussions/2#c2" }, { uri: "hf://alice/bert/notebooks/demo.ipynb" }]);
  });

  it("--history reports a token that a later commit removed, with its commit", async () => {
    const current = await hubScan(["alice/bert"]);
    expect(located(current.report)).not.toContain("hf-token hf://alice/bert/train.py:1");
    const { report } = await hubScan(["alice/bert", "--history"]);
    const removed = report?.findings.find((f) => f.file === "hf://alice/bert/train.py");
    expect(removed).toMatchObject({ ruleId: "hf-token", line: 1, commit: OLD, author: "alice", date: "2024-03-01T10:00:00.000Z" });
    // The notebook is the same blob in both commits: reported once, at the commit that added it.
    expect(report?.findings.filter((f) => f.file === "hf://alice/bert/notebooks/demo.ipynb").map((f) => f.commit)).toEqual([OLD]);
  });

  it("--discussions scans titles and comments", async () => {
    const { report } = await hubScan(["alice/bert", "--discussions"]);
    expect(located(report)).toContain("hf-token hf://alice/bert/discussions/2#c2:3");
  });

  it("shows progress on stderr when it is a terminal", async () => {
    // script(1) gives the CLI a terminal; its output is what the terminal showed.
    const command = [process.execPath, CLI, "hub", "alice/bert", "datasets/alice/data"].map(shellQuote).join(" ");
    const shown = await new Promise<string>((resolve) => {
      const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: tempDir(), env: { ...process.env, HF_ENDPOINT: hub.endpoint, HF_TOKEN: "", NO_COLOR: "1" } });
      let output = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
      child.on("close", () => resolve(output));
    });
    expect(shown).toContain("hf-lint: 2/2 repositories");
    expect(shown).toContain("hf://datasets/alice/data/load.py");
  });

  it("refuses bad arguments with one line and exit 2", async () => {
    for (const args of [[], ["alice"], ["models"], ["spaces/alice"], ["--type", "model", "alice/bert"], ["--author", "alice", "--type", "kernel"]]) {
      const { code, stderr } = await hubScan(args);
      expect(code).toBe(2);
      expect(stderr.trim().split("\n")).toHaveLength(1);
    }
    const badToken = await hubScan(["alice/bert"], { HF_TOKEN: "not-a-token-value" });
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).not.toContain("not-a-token-value");
  });
});
