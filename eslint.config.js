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
);
