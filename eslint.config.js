// Lints this repository's own code, with our own ESLint plugin among the rules (by package name:
// Node resolves a package's own name through its "exports"; run after `npm run build`).
import hfLint from "hf-lint/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "bench/node_modules/", ".bench/", "coverage/", "fixtures/"] },
  ...tseslint.configs.recommended,
  hfLint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The CLI writes only through src/cli/output.ts, which masks every token shape
    // (the Hub progress line writes counts and nothing else).
    files: ["src/**/*.ts"],
    ignores: ["src/cli/output.ts", "src/sources/hub-progress.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.object.name='process'][object.property.name=/^std(out|err)$/][property.name='write']",
          message: "Write through Output (src/cli/output.ts): it masks tokens.",
        },
        { selector: "MemberExpression[object.name='console']", message: "Write through Output (src/cli/output.ts): it masks tokens." },
      ],
    },
  },
);
