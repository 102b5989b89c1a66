/**
 * The plugin's rules under ESLint's RuleTester: the CLI's findings (messages, positions,
 * suppression comments) with fixes and suggestions only where the syntax tree makes them valid.
 */
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import plugin from "../src/eslint-plugin/index.js";
import { rules as hfLintRules } from "../rules/index.js";
import type { ContentRule } from "../rules/types.js";
import { checkText } from "../rules/shared/check-text.js";
import { LEGACY_NAMES, legacyMessage } from "../rules/legacy-token-env.js";
import { tokenKind } from "../rules/shared/credentials.js";
import { tokenMessage } from "../rules/shared/token-rule.js";
import { fakeCredential, fakeHfToken, fakeOrgToken } from "./helpers/tokens.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const token = fakeHfToken(61);
const org = fakeOrgToken(62);
const credential = fakeCredential(63);
const jsx = { ecmaFeatures: { jsx: true } };
const js = new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module", parserOptions: jsx } });
const ts = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: jsx } });
const rules = plugin.rules;
const TOKEN = tokenMessage(tokenKind("hf_").name, false);
const argumentRule = hfLintRules.find((rule) => rule.id === "hardcoded-token-argument") as ContentRule;
/** The CLI rule's own message for the credential in `code`: the plugin must report the same. */
const cliMessage = (code: string) => checkText(argumentRule, { text: code, path: "a.tsx" })[0]?.message ?? "(no finding)";
// The legacy names, built from parts so this file does not trip our own legacy-token-env rule.
const HUB_NAME = "HUGGING_FACE" + "_HUB_TOKEN";
const DEPRECATED_NAME = "HUGGINGFACE" + "_TOKEN";
const useEnv = (output: string) => [{ messageId: "useEnv", output }];
/** A credential slot: reported with the CLI rule's message, with the suggestion's output or none. */
const slot = (name: string, code: string, suggested: string | null, at: { column?: number } = {}) => ({
  name,
  code,
  errors: [{ message: cliMessage(code), ...at, suggestions: suggested === null ? [] : useEnv(suggested) }],
});

js.run("hf-token", rules["hf-token"]!, {
  valid: [
    "const token = process.env.HF_TOKEN;",
    'const t = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";',
    `const t = "${token}"; // hf-lint-disable-line hf-token`,
    `// hf-lint-disable-next-line\nconst t = "${token}";`,
  ],
  invalid: [
    {
      name: "token passed to a client: the CLI's message and span",
      code: `const client = new InferenceClient("${token}");`,
      errors: [{ message: TOKEN, line: 1, column: 37, endColumn: 37 + token.length, suggestions: useEnv("const client = new InferenceClient(process.env.HF_TOKEN);") }],
    },
    { name: "in a template literal URL", code: "const url = `https://user:" + token + "@huggingface.co/x`;", errors: [{ message: TOKEN, suggestions: [] }] },
    { name: "in JSX text", code: `const el = <p>${token}</p>;`, errors: [{ message: TOKEN, column: 15, suggestions: [] }] },
    {
      name: "a JSX attribute gets braces",
      code: `const el = <Chat token="${token}" />;`,
      errors: [{ message: TOKEN, suggestions: useEnv("const el = <Chat token={process.env.HF_TOKEN} />;") }],
    },
    { name: "in a comment", code: `/* old token: ${token} */\nlet x;`, errors: [{ message: TOKEN, line: 1, column: 15 }] },
    {
      name: "suppression of another rule does not apply",
      code: `const t = "${token}"; // hf-lint-disable-line legacy-token-env`,
      errors: [{ message: TOKEN, suggestions: useEnv("const t = process.env.HF_TOKEN; // hf-lint-disable-line legacy-token-env") }],
    },
  ],
});

js.run("hf-org-token", rules["hf-org-token"]!, {
  valid: [`const t = "${token}";`],
  invalid: [{ code: `const t = "${org}";`, errors: [{ message: tokenMessage(tokenKind("api_org_").name, false), column: 12, suggestions: useEnv("const t = process.env.HF_TOKEN;") }] }],
});

js.run("hardcoded-token-argument", rules["hardcoded-token-argument"]!, {
  valid: [
    "const hf = new HfInference(process.env.HF_TOKEN);",
    'listModels({ accessToken: "<your token>" });',
    { name: "a real token is left to hf-token (precedence)", code: `new InferenceClient("${token}");` },
    { name: "allowed by a suppression comment", code: `call({ token: "${credential}" }); // hf-lint-disable-line hardcoded-token-argument` },
  ],
  invalid: [
    slot("accessToken in a file that loads no @huggingface package", `await listModels({ accessToken: "${credential}" });`, "await listModels({ accessToken: process.env.HF_TOKEN });", { column: 34 }),
    slot("const token = …", `const token = "${credential}";`, "const token = process.env.HF_TOKEN;"),
    slot("JSX attribute, with braces", `const el = <Chat token="${credential}" />;`, "const el = <Chat token={process.env.HF_TOKEN} />;"),
    slot("assignment to process.env.HF_TOKEN: no suggestion (it would assign the variable to itself)", `process.env.HF_TOKEN = "${credential}";`, null),
  ],
});

ts.run("hardcoded-token-argument (TypeScript)", rules["hardcoded-token-argument"]!, {
  valid: ["const client: InferenceClient = new InferenceClient(process.env.HF_TOKEN as string);"],
  invalid: [
    slot("an object under as const", `const options = { token: "${credential}" } as const;`, "const options = { token: process.env.HF_TOKEN } as const;"),
    slot("an object under satisfies", `const options = { accessToken: "${credential}" } satisfies Options;`, "const options = { accessToken: process.env.HF_TOKEN } satisfies Options;"),
    { ...slot("an object under a type assertion", `const options = <any>{ token: "${credential}" };`, "const options = <any>{ token: process.env.HF_TOKEN };"), filename: "a.ts" },
    slot("a type position: reported, no suggestion", `type Options = { token: "${credential}" };`, null),
    slot("an enum member: reported, no suggestion", `enum Keys { token = "${credential}" }`, null),
  ],
});

const legacy = (name: string) => legacyMessage(name, LEGACY_NAMES[name]!);

js.run("legacy-token-env", rules["legacy-token-env"]!, {
  valid: ["process.env.HF_TOKEN;", `env.${DEPRECATED_NAME}; // hf-lint-disable-line legacy-token-env`],
  invalid: [
    { code: `const t = process.env.${HUB_NAME};`, output: "const t = process.env.HF_TOKEN;", errors: [{ message: legacy(HUB_NAME), column: 23 }] },
    { code: `const t = process.env["${DEPRECATED_NAME}"];`, output: 'const t = process.env["HF_TOKEN"];', errors: [{ message: legacy(DEPRECATED_NAME) }] },
    {
      name: "destructuring keeps the local name, and its other uses are not renamed",
      code: `const { ${DEPRECATED_NAME} = "" } = process.env;\nuse(${DEPRECATED_NAME});`,
      output: `const { HF_TOKEN: ${DEPRECATED_NAME} = "" } = process.env;\nuse(${DEPRECATED_NAME});`,
      errors: [{ message: legacy(DEPRECATED_NAME), column: 9 }, { message: legacy(DEPRECATED_NAME), line: 2 }],
    },
    {
      name: "outside process.env: a string gets a suggestion",
      code: `const value = readEnv("${DEPRECATED_NAME}");`,
      output: null,
      errors: [{ message: legacy(DEPRECATED_NAME), suggestions: [{ messageId: "rename", output: 'const value = readEnv("HF_TOKEN");' }] }],
    },
  ],
});

describe("plugin shape", () => {
  it("has one rule per CLI rule, under the same id, and the old ids as deprecated aliases", () => {
    expect(plugin.meta).toMatchObject({ name: "hf-lint", namespace: "hf-lint", version: expect.any(String) });
    const current = Object.keys(plugin.rules).filter((id) => !plugin.rules[id]!.meta?.deprecated);
    expect(current).toEqual(hfLintRules.map((rule) => rule.id));
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta?.docs?.url).toBe(`https://github.com/hf-lint/hf-lint/blob/main/docs/rules/${name}.md`);
      expect(rule.meta?.schema).toEqual([]);
    }
    expect(plugin.rules["no-hf-token"]?.meta?.deprecated).toMatchObject({
      replacedBy: [{ rule: { name: "hf-lint/hf-token" } }, { rule: { name: "hf-lint/hf-org-token" } }],
    });
    expect(plugin.configs.recommended.rules).toEqual(
      Object.fromEntries(hfLintRules.map((rule) => [`hf-lint/${rule.id}`, rule.severity === "error" ? "error" : "warn"])),
    );
  });
});
