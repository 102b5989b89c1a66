import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/eslint-plugin/index.js";
import { redact } from "../rules/shared/credentials.js";
import { tempDir, write } from "./helpers/repo.js";
import { fakeCredential, fakeHfToken, fakeOrgToken } from "./helpers/tokens.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const token = fakeHfToken(61);
const org = fakeOrgToken(62);
const credential = fakeCredential(63);
const js = new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } } });
const ts = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const rules = plugin.rules;

js.run("no-hf-token", rules["no-hf-token"]!, {
  valid: [
    'const token = process.env.HF_TOKEN;',
    'const t = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";',
    "// export HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz1234567890",
    'import { hf_hub_download } from "x"; const hf_device_map = 1;',
  ],
  invalid: [
    {
      name: "token passed to a client",
      code: `const client = new InferenceClient("${token}");`,
      errors: [
        {
          messageId: "token",
          data: { what: "Hugging Face access token", secret: redact(token) },
          line: 1,
          column: 37,
          endColumn: 37 + token.length,
          suggestions: [{ messageId: "useEnv", output: "const client = new InferenceClient(process.env.HF_TOKEN);" }],
        },
      ],
    },
    { name: "token in a template literal URL", code: "const url = `https://user:" + token + "@huggingface.co/x`;", errors: [{ messageId: "token", suggestions: [] }] },
    { name: "token in JSX text", code: `const el = <p>${token}</p>;`, errors: [{ messageId: "token", column: 15 }] },
    { name: "token in a JSX attribute", code: `const el = <Hub token="${token}" />;`, errors: [{ messageId: "token", suggestions: [] }] },
    { name: "organization token in a comment", code: `/* old token: ${org} */\nlet x;`, errors: [{ messageId: "token", data: { what: "Hugging Face organization API token", secret: redact(org) } }] },
    { name: "token after an escape", code: `const s = "a\\n${token}";`, errors: [{ messageId: "token", column: 15 }] },
  ],
});

ts.run("no-hf-token (TypeScript)", rules["no-hf-token"]!, {
  valid: ["const token: string | undefined = process.env.HF_TOKEN;"],
  invalid: [
    {
      name: "typed constant holding a token",
      code: `const token: string = "${token}";`,
      errors: [{ messageId: "token", line: 1, column: 24, suggestions: [{ messageId: "useEnv", output: "const token: string = process.env.HF_TOKEN;" }] }],
    },
  ],
});

js.run("no-hardcoded-token-argument", rules["no-hardcoded-token-argument"]!, {
  valid: [
    'const hf = new HfInference(process.env.HF_TOKEN);',
    'import { listModels } from "@huggingface/hub"; listModels({ accessToken: process.env.HF_TOKEN });',
    'import { listModels } from "@huggingface/hub"; listModels({ accessToken: "<your token>" });',
    'import { listModels } from "@huggingface/hub"; const accessToken = x; listModels({ accessToken });',
    { name: "not a Hugging Face call", code: `const other = someApi({ token: "${credential}" });` },
    { name: "a real token is left to no-hf-token", code: `new InferenceClient("${token}");` },
    `process.env.HF_TOKEN = process.env.SECRET;`,
  ],
  invalid: [
    {
      name: "credential passed to HfInference",
      code: `const hf = new HfInference("${credential}");`,
      errors: [
        {
          messageId: "hardcoded",
          data: { where: "the HfInference constructor", secret: redact(credential) },
          suggestions: [{ messageId: "useEnv", output: "const hf = new HfInference(process.env.HF_TOKEN);" }],
        },
      ],
    },
    {
      name: "accessToken option of an @huggingface/hub call",
      code: `import { whoAmI } from "@huggingface/hub";\nawait whoAmI({ credentials: x, accessToken: \`${credential}\` });`,
      errors: [
        {
          messageId: "hardcoded",
          line: 2,
          suggestions: [{ messageId: "useEnv", output: "import { whoAmI } from \"@huggingface/hub\";\nawait whoAmI({ credentials: x, accessToken: process.env.HF_TOKEN });" }],
        },
      ],
    },
    {
      name: "apiKey option in a file that requires @huggingface/inference",
      code: `const { InferenceClient } = require("@huggingface/inference");\nclient.chatCompletion({ model: "m", "apiKey": "${credential}" });`,
      errors: [
        {
          messageId: "hardcoded",
          data: { where: "the `apiKey` option", secret: redact(credential) },
          suggestions: [
            {
              messageId: "useEnv",
              output: 'const { InferenceClient } = require("@huggingface/inference");\nclient.chatCompletion({ model: "m", "apiKey": process.env.HF_TOKEN });',
            },
          ],
        },
      ],
    },
    { name: "assignment to process.env.HF_TOKEN", code: `process.env.HF_TOKEN = "${credential}";`, errors: [{ messageId: "hardcoded", suggestions: [] }] },
    { name: "bracket assignment to HF_TOKEN", code: `process.env["HF_TOKEN"] = "${credential}";`, errors: [{ messageId: "hardcoded" }] },
  ],
});

ts.run("no-hardcoded-token-argument (TypeScript)", rules["no-hardcoded-token-argument"]!, {
  valid: ["const client: InferenceClient = new InferenceClient(process.env.HF_TOKEN as string);"],
  invalid: [
    {
      name: "typed client constructed with a literal",
      code: `const client: InferenceClient = new InferenceClient("${credential}");`,
      errors: [{ messageId: "hardcoded", suggestions: [{ messageId: "useEnv", output: "const client: InferenceClient = new InferenceClient(process.env.HF_TOKEN);" }] }],
    },
  ],
});

js.run("no-legacy-token-env", rules["no-legacy-token-env"]!, {
  valid: ["process.env.HF_TOKEN;", "env.HUGGINGFACE_TOKEN;", 'process.env["HF_TOKEN"];'], // hf-lint-disable-line legacy-token-env
  invalid: [
    { code: "const t = process.env.HUGGING_FACE_HUB_TOKEN;", output: "const t = process.env.HF_TOKEN;", errors: [{ messageId: "legacy" }] }, // hf-lint-disable-line legacy-token-env
    { code: 'const t = process.env["HUGGINGFACE_TOKEN"];', output: 'const t = process.env["HF_TOKEN"];', errors: [{ messageId: "legacy" }] }, // hf-lint-disable-line legacy-token-env
  ],
});

describe("plugin shape", () => {
  it("has meta, rules with complete meta, and the recommended config", () => {
    expect(plugin.meta).toMatchObject({ name: "hf-lint", namespace: "hf-lint", version: expect.any(String) });
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta?.docs?.url).toBe(`https://github.com/hf-lint/hf-lint/blob/main/docs/rules/${name}.md`);
      expect(rule.meta?.schema).toEqual([]);
      expect(rule.meta?.defaultOptions).toEqual([]);
    }
    expect(Object.keys(plugin.configs.recommended.rules ?? {})).toHaveLength(3);
  });
});

describe("in a project, as an editor runs it", () => {
  it("loads by package name from eslint.config.js and reports on .js and .ts files", async () => {
    const project = tempDir();
    mkdirSync(join(project, "node_modules"));
    symlinkSync(fileURLToPath(new URL("..", import.meta.url)), join(project, "node_modules/hf-lint"), "dir");
    write(project, {
      "package.json": '{"type":"module"}',
      "eslint.config.js": 'import hfLint from "hf-lint/eslint-plugin";\nexport default [hfLint.configs.recommended];\n',
      "app.js": `import { HfInference } from "@huggingface/inference";\nconst hf = new HfInference("${token}");\nconst t = process.env.HUGGINGFACE_TOKEN;\n`, // hf-lint-disable-line legacy-token-env
      "client.ts": `const key = "${credential}";\nexport const c = new InferenceClient("${credential}");\n`,
    });
    const eslint = new ESLint({ cwd: project, overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } }] });
    const results = await eslint.lintFiles(["app.js", "client.ts"]);
    const messages = results.flatMap((r) => r.messages.map((m) => [r.filePath.slice(project.length + 1), m.ruleId, m.line]));
    expect(messages).toEqual([
      ["app.js", "hf-lint/no-hf-token", 2],
      ["app.js", "hf-lint/no-legacy-token-env", 3],
      ["client.ts", "hf-lint/no-hardcoded-token-argument", 2],
    ]);
    const text = JSON.stringify(results.map((r) => r.messages));
    expect(text).not.toContain(token.slice(5));
    expect(text).not.toContain(credential);
  });
});
