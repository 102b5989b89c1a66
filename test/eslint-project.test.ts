/**
 * The plugin as an editor runs it: real ESLint (9 and 10) in a project whose eslint.config.js
 * imports `hf-lint/eslint-plugin` and typescript-eslint by package name.
 */
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { ESLint as ESLint9 } from "eslint-v9";
import { describe, expect, it } from "vitest";
import { tempDir, write } from "./helpers/repo.js";
import { fakeCredential, fakeHfToken, fakeOrgToken } from "./helpers/tokens.js";

const token = fakeHfToken(71);
const org = fakeOrgToken(72);
const credential = fakeCredential(73);
const DEPRECATED_NAME = "HUGGINGFACE" + "_TOKEN"; // built from parts: our own legacy-token-env rule

const CONFIG = `import hfLint from "hf-lint/eslint-plugin";
import tseslint from "typescript-eslint";

export default [
  hfLint.configs.recommended,
  { files: ["**/*.jsx"], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ["**/*.{ts,tsx}"], languageOptions: { parser: tseslint.parser } },
];
`;

const FILES = {
  "app.js": `import { HfInference } from "@huggingface/inference";\nconst hf = new HfInference("${token}");\nconst t = process.env.${DEPRECATED_NAME};\n`,
  "upload.mjs": `import { uploadFile } from "@huggingface/hub";\nawait uploadFile({ repo: "me/x", file: f, accessToken: "${credential}" });\n`,
  "legacy.cjs": `const { ${DEPRECATED_NAME} } = process.env;\nmodule.exports = { token: ${DEPRECATED_NAME} };\n`,
  "view.jsx": `export const Help = () => <p>old org token: ${org}</p>;\n`,
  "client.ts": `const key: string = process.env.HF_TOKEN ?? "";\nexport const c = new InferenceClient("${credential}");\n`,
  "page.tsx": `// ${token}\nexport const Page = (props: { token?: string }) => <div>{props.token}</div>;\n`,
  "clean.ts": `export const client = new InferenceClient(process.env.HF_TOKEN);\nexport const example = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";\n`,
};

/** A project with the plugin installed under its package name (a link to this checkout, built). */
function project(): string {
  const root = tempDir();
  mkdirSync(join(root, "node_modules"));
  const checkout = fileURLToPath(new URL("..", import.meta.url));
  symlinkSync(checkout, join(root, "node_modules/hf-lint"), "dir");
  symlinkSync(join(checkout, "node_modules/typescript-eslint"), join(root, "node_modules/typescript-eslint"), "dir");
  write(root, { "package.json": '{"type":"module"}', "eslint.config.js": CONFIG, ...FILES });
  return root;
}

describe.each([
  ["10", ESLint],
  ["9", ESLint9 as unknown as typeof ESLint],
])("in a project, as an editor runs it (ESLint %s)", (major, ESLintClass) => {
  it("runs the ESLint major version it names", () => {
    expect(ESLintClass.version.split(".")[0]).toBe(major);
  });

  it("reports on .js, .mjs, .cjs, .jsx, .ts and .tsx files, with redacted secrets", async () => {
    const root = project();
    const results = await new ESLintClass({ cwd: root }).lintFiles(Object.keys(FILES));
    const messages = results
      .flatMap((result) => result.messages.map((m) => [result.filePath.slice(root.length + 1), m.ruleId, m.line, m.severity]))
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(messages).toEqual([
      ["app.js", "hf-lint/hf-token", 2, 2],
      ["app.js", "hf-lint/legacy-token-env", 3, 1],
      ["client.ts", "hf-lint/hardcoded-token-argument", 2, 2],
      ["legacy.cjs", "hf-lint/legacy-token-env", 1, 1],
      ["legacy.cjs", "hf-lint/legacy-token-env", 2, 1],
      ["page.tsx", "hf-lint/hf-token", 1, 2],
      ["upload.mjs", "hf-lint/hardcoded-token-argument", 2, 2],
      ["view.jsx", "hf-lint/hf-org-token", 1, 2],
    ]);
    const text = results.flatMap((result) => result.messages.map((m) => m.message)).join("\n");
    for (const secret of [token, org, credential]) expect(text).not.toContain(secret);
  });

  it("autofixes the legacy variable names and leaves secrets to suggestions", async () => {
    const root = project();
    const results = await new ESLintClass({ cwd: root, fix: true }).lintFiles(["app.js", "legacy.cjs"]);
    const output = Object.fromEntries(results.map((result) => [result.filePath.slice(root.length + 1), result.output]));
    expect(output["legacy.cjs"]).toBe(`const { HF_TOKEN: ${DEPRECATED_NAME} } = process.env;\nmodule.exports = { token: ${DEPRECATED_NAME} };\n`);
    expect(output["app.js"]).toContain("const t = process.env.HF_TOKEN;");
    expect(output["app.js"]).toContain(`new HfInference("${token}")`);
  });
});
