import { docsUrlFor, type FileRule, type FileStatus } from "./types.js";

/** Templates meant to be committed. */
const TEMPLATE_SUFFIXES = new Set(["example", "sample", "template"]);

/** `.env` and `.env.*`, but not the committed templates (`.env.example`, …). */
export function isDotenvFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (name === ".env") return true;
  if (!name.startsWith(".env.")) return false;
  return !TEMPLATE_SUFFIXES.has(name.slice(".env.".length));
}

/** Already in a .gitignore, yet in the index: force-added (`git add -f`), or tracked since before it was ignored. */
function ignoredButCommitted(path: string, status: FileStatus): string | null {
  if (status !== "tracked" && status !== "staged") return null; // named on the command line outside git: ignored is enough
  const where = status === "staged" ? "staged for commit" : "tracked by git";
  return `${path} is ${where} although .gitignore already ignores it: it was force-added (\`git add -f\`) or tracked before it was ignored. Remove it from the index, keeping the file, with \`git rm --cached -- ${path}\`; if it was ever committed, rotate every token it held.`;
}

const rule: FileRule = {
  kind: "file",
  id: "env-file-not-ignored",
  severity: "error",
  description: "A dotenv file (`.env`, `.env.*`) that git would commit: tracked, staged, or untracked and not ignored.",
  docsUrl: docsUrlFor("env-file-not-ignored"),
  check({ path, status, ignored }) {
    if (!isDotenvFile(path)) return null;
    const entry = path.slice(path.lastIndexOf("/") + 1);
    if (ignored) return ignoredButCommitted(path, status);
    switch (status) {
      case "untracked":
        return `${path} is not ignored by git, so \`git add -A\` would commit it. Add \`${entry}\` to the nearest .gitignore.`;
      case "unversioned":
        return `${path} is not covered by any .gitignore. Add \`${entry}\` to .gitignore before this directory becomes a repository.`;
      case "tracked":
        return `${path} is tracked by git. Stop tracking it with \`git rm --cached -- ${path}\`, add \`${entry}\` to .gitignore, and rotate every token it held.`;
      case "staged":
        return `${path} is staged for commit. Unstage it with \`git restore --staged -- ${path}\` and add \`${entry}\` to .gitignore.`;
      case "committed":
        return `${path} was committed; every value in it remains in the history. Rotate the tokens it held and add \`${entry}\` to .gitignore.`;
      case "stdin":
        return null;
    }
  },
  examples: {
    flagged: [
      { path: ".env", status: "untracked" },
      { path: "services/api/.env.local", status: "tracked" },
      { path: ".env.production", status: "staged" },
    ],
    ignored: [
      { path: ".env.example", status: "untracked" },
      { path: "config/.env.sample", status: "tracked" },
      { path: ".env.template", status: "untracked" },
      { path: ".env/bin/activate", status: "untracked" },
      { path: "docs/env.md", status: "untracked" },
    ],
  },
};

export default rule;
