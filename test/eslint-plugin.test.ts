import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/eslint-plugin/index.js";
import { redact } from "../rules/shared/credentials.js";
import { fakeCredential, fakeHfToken, fakeOrgToken } from "./helpers/tokens.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const token = fakeHfToken(61);
const org = fakeOrgToken(62);
const credential = fakeCredential(63);
const js = new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } } });
const ts = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } });
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
    {
      name: "base64-encoded token, no suggestion",
      code: `const s = "${Buffer.from(token).toString("base64")}";`,
      errors: [{ messageId: "encodedToken", data: { what: "Hugging Face access token", secret: redact(token) }, suggestions: [] }],
    },
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
    {
      name: "token in TSX text and attribute",
      filename: "hub.tsx",
      code: `const el = <Hub<string> token="${token}">${org}</Hub>;`,
      errors: [
        { messageId: "token", column: 32, suggestions: [] },
        { messageId: "token", column: 34 + token.length, data: { what: "Hugging Face organization API token", secret: redact(org) } },
      ],
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
    {
      name: "require after the call",
      code: `client.textGeneration({ accessToken: "${credential}" });\nconst { InferenceClient } = require("@huggingface/inference");`,
      errors: [
        {
          messageId: "hardcoded",
          line: 1,
          suggestions: [
            {
              messageId: "useEnv",
              output: 'client.textGeneration({ accessToken: process.env.HF_TOKEN });\nconst { InferenceClient } = require("@huggingface/inference");',
            },
          ],
        },
      ],
    },
    {
      name: "dynamic import of @huggingface/hub",
      code: `const { createRepo } = await import("@huggingface/hub");\nawait createRepo({ repo: "me/x", token: "${credential}" });`,
      errors: [
        {
          messageId: "hardcoded",
          line: 2,
          data: { where: "the `token` option", secret: redact(credential) },
          suggestions: [
            {
              messageId: "useEnv",
              output: 'const { createRepo } = await import("@huggingface/hub");\nawait createRepo({ repo: "me/x", token: process.env.HF_TOKEN });',
            },
          ],
        },
      ],
    },
    {
      name: "options object of an Inference client",
      code: `const c = new InferenceClient({ accessToken: "${credential}" });`,
      errors: [{ messageId: "hardcoded", suggestions: [{ messageId: "useEnv", output: "const c = new InferenceClient({ accessToken: process.env.HF_TOKEN });" }] }],
    },
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
    {
      name: "option in a TSX component",
      filename: "whoami.tsx",
      code: `import { whoAmI } from "@huggingface/hub";\nexport const Me = () => <p>{whoAmI<unknown>({ accessToken: "${credential}" })}</p>;`,
      errors: [
        {
          messageId: "hardcoded",
          line: 2,
          suggestions: [
            {
              messageId: "useEnv",
              output: 'import { whoAmI } from "@huggingface/hub";\nexport const Me = () => <p>{whoAmI<unknown>({ accessToken: process.env.HF_TOKEN })}</p>;',
            },
          ],
        },
      ],
    },
  ],
});

// The legacy names, built from parts so this file does not trip our own legacy-token-env rule.
const HUB_NAME = "HUGGING_FACE" + "_HUB_TOKEN";
const DEPRECATED_NAME = "HUGGINGFACE" + "_TOKEN";

js.run("no-legacy-token-env", rules["no-legacy-token-env"]!, {
  valid: [
    "process.env.HF_TOKEN;",
    'process.env["HF_TOKEN"];',
    { name: "not process.env", code: `env.${DEPRECATED_NAME}; const { ${DEPRECATED_NAME} } = config;` },
    { name: "a computed key that is a variable", code: `const { [${DEPRECATED_NAME}]: t } = process.env;` },
  ],
  invalid: [
    {
      code: `const t = process.env.${HUB_NAME};`,
      output: "const t = process.env.HF_TOKEN;",
      errors: [{ messageId: "legacy", data: { name: HUB_NAME, why: "is the legacy name", replacement: "HF_TOKEN" }, column: 23 }],
    },
    { code: `const t = process.env["${DEPRECATED_NAME}"];`, output: 'const t = process.env["HF_TOKEN"];', errors: [{ messageId: "legacy" }] },
    { code: `const t = process?.env?.${DEPRECATED_NAME};`, output: "const t = process?.env?.HF_TOKEN;", errors: [{ messageId: "legacy" }] },
    {
      name: "destructuring keeps the local name",
      code: `const { ${DEPRECATED_NAME} = "", other } = process.env;`,
      output: `const { HF_TOKEN: ${DEPRECATED_NAME} = "", other } = process.env;`,
      errors: [{ messageId: "legacy", column: 9 }],
    },
    {
      name: "destructuring with renamed and quoted keys",
      code: `let t, u; ({ ${HUB_NAME}: t, "${DEPRECATED_NAME}": u } = process.env);`,
      output: 'let t, u; ({ HF_TOKEN: t, "HF_TOKEN": u } = process.env);',
      errors: [{ messageId: "legacy" }, { messageId: "legacy" }],
    },
  ],
});

ts.run("no-legacy-token-env (TypeScript)", rules["no-legacy-token-env"]!, {
  valid: ["const token: string | undefined = process.env.HF_TOKEN;"],
  invalid: [
    {
      code: `const { ${DEPRECATED_NAME} }: NodeJS.ProcessEnv = process.env;`,
      output: `const { HF_TOKEN: ${DEPRECATED_NAME} }: NodeJS.ProcessEnv = process.env;`,
      errors: [{ messageId: "legacy" }],
    },
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
