/**
 * `hfLint.configs.all` as an editor runs it: real ESLint (9 and 10) in a repository whose
 * eslint.config.js imports the plugin by package name, over Python, notebooks, YAML, `.env` and
 * the other file types, with the repository's git state and hf-lint.config.json applied.
 */
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";
import { describe, expect, it } from "vitest";
import { runJson } from "./helpers/cli.js";
import { commitAll, git, tempRepo, write } from "./helpers/repo.js";
import { fakeCredential, fakeHfToken } from "./helpers/tokens.js";

const token = fakeHfToken(81);
const credential = fakeCredential(82);
const notebookCell = (source: string[]) =>
  JSON.stringify({ cells: [{ cell_type: "code", metadata: {}, outputs: [], source }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);

const FILES: Record<string, string> = {
  "package.json": '{"type":"module"}',
  "eslint.config.js": 'import hfLint from "hf-lint/eslint-plugin";\n\nexport default [hfLint.configs.all].flat();\n',
  ".gitignore": "node_modules/\n.env.local\n.env.production\n",
  "hf-lint.config.json": JSON.stringify({ allow: { "hardcoded-token-argument": ["^allowed-test-key-[0-9]+$"] } }),
  "app.py": `import os\n\nlogin(token="${credential}")\nclient = InferenceClient(api_key="${["allowed", "test", "key", "1"].join("-")}")\n`,
  "train.ipynb": notebookCell(["import os\n", `HF_TOKEN = "${token}"\n`]),
  "ci.yaml": `env:\n  HF_TOKEN: ${credential}\n`,
  ".env": `HF_TOKEN=${token}\n`,
  ".env.local": `HF_TOKEN=${token}\n`,
  ".env.production": "MODE=production\n",
  "settings.toml": `[hub]\nhf_token = "${token}" # hf-lint-disable-line\n`,
  "run.sh": `huggingface-cli login --token ${credential}\n`,
  Dockerfile: `FROM python:3.12\nENV HF_TOKEN ${credential}\n`,
  "notes.md": `Clone with https://user:${token}@huggingface.co/org/model\n`,
  "hf_home/stored_tokens": "[default]\n",
  "clean.py": 'login(token=os.environ["HF_TOKEN"])\n',
};

/** A repository with the plugin installed under its package name (a link to this checkout, built). */
function project(): string {
  const root = tempRepo();
  write(root, FILES);
  mkdirSync(join(root, "node_modules"));
  symlinkSync(fileURLToPath(new URL("..", import.meta.url)), join(root, "node_modules/hf-lint"), "dir");
  commitAll(root); // .env is committed: tracked
  git(root, "add", "-f", ".env.production"); // force-added: tracked though ignored
  return root;
}

describe.each([
  ["10", ESLint],
  ["9", ESLint9 as unknown as typeof ESLint],
])("configs.all in every file type (ESLint %s)", (_major, ESLintClass) => {
  it("reports what the CLI reports, where the CLI reports it, and nothing in git-ignored files", async () => {
    const root = project();
    const results = await new ESLintClass({ cwd: root }).lintFiles(["."]);
    const linted = results.map((result) => result.filePath.slice(root.length + 1)).sort();
    expect(linted).toEqual(expect.arrayContaining(["app.py", "train.ipynb", "ci.yaml", ".env", "settings.toml", "run.sh", "Dockerfile", "notes.md", "clean.py"]));
    const found = results
      .flatMap((result) => result.messages.map((m) => [result.filePath.slice(root.length + 1), m.ruleId, m.line, m.column, m.severity]))
      .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : Number(a[2]) - Number(b[2]) || Number(a[3]) - Number(b[3])));
    expect(found).toEqual([
      [".env", "hf-lint/env-file-not-ignored", 1, 1, 2],
      [".env", "hf-lint/hf-token", 1, 10, 2],
      [".env.production", "hf-lint/env-file-not-ignored", 1, 1, 2],
      ["Dockerfile", "hf-lint/hardcoded-token-argument", 2, 14, 2],
      ["app.py", "hf-lint/hardcoded-token-argument", 3, 14, 2],
      ["ci.yaml", "hf-lint/hardcoded-token-argument", 2, 13, 2],
      ["hf_home/stored_tokens", "hf-lint/hf-token-file", 1, 1, 2],
      ["notes.md", "hf-lint/hf-token", 1, 25, 2],
      ["run.sh", "hf-lint/hardcoded-token-argument", 1, 31, 2],
      ["train.ipynb", "hf-lint/hf-token", 9, 19, 2],
    ]);
    const cli = runJson([], { cwd: root }).report.findings.map((f) => [f.file, `hf-lint/${f.ruleId}`, f.line ?? 1, f.column ?? 1, 2]);
    expect(found).toEqual(cli);
    const messages = results.flatMap((result) => result.messages.map((m) => m.message)).join("\n");
    expect(messages).toContain(".env is tracked by git"); // each dotenv file's status, as the CLI words it
    expect(messages).toContain(".env.production is tracked by git although .gitignore already ignores it");
    for (const secret of [token, credential]) expect(messages).not.toContain(secret);
  });

  it("renames legacy names in plain text as `hf-lint --fix` does", async () => {
    const root = project();
    const legacy = "HUGGINGFACE" + "_TOKEN";
    const [result] = await new ESLintClass({ cwd: root, fix: true }).lintText(`token = os.environ["${legacy}"]\n`, { filePath: join(root, "legacy.py") });
    expect(result?.output).toBe('token = os.environ["HF_TOKEN"]\n');
  });

  it("an invalid hf-lint.config.json fails the lint with the CLI's message", async () => {
    const root = project();
    write(root, { "hf-lint.config.json": '{"rules": {"no-such-rule": "error"}}' });
    await expect(new ESLintClass({ cwd: root }).lintFiles(["app.py"])).rejects.toThrow(/hf-lint\.config\.json: invalid config at "rules/);
  });
});
