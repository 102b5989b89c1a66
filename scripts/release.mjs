#!/usr/bin/env node
// Lays out the package as users get it, from a build (`npm run build` first): the built files, the
// docs, the hook and Action manifests, the runtime dependencies at the versions package-lock.json
// pins (bundled, so installing resolves nothing), and a package.json without `scripts` or
// `devDependencies`. Installing that (npm, the pre-commit framework, the GitHub Action) runs no
// script and downloads no build tool: `npm publish <dir>` publishes it, and with `--tag vX.Y.Z` it
// is also committed on top of HEAD and tagged, the `rev` that pre-commit configs and `uses:` point at.
//   node scripts/release.mjs <dir> [--tag vX.Y.Z]
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [dir, flag, tag] = process.argv.slice(2);
if (!dir || (flag !== undefined && (flag !== "--tag" || !/^v\d+\.\d+\.\d+/.test(tag ?? "")))) {
  console.error("usage: node scripts/release.mjs <dir> [--tag vX.Y.Z]");
  process.exit(2);
}
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
if (!existsSync(pkg.bin["hf-lint"])) {
  console.error(`release: ${pkg.bin["hf-lint"]} is missing; run npm run build first`);
  process.exit(2);
}

const out = resolve(dir);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const path of [...pkg.files, "README.md", "LICENSE", ".pre-commit-hooks.yaml", "action.yml"]) {
  if (existsSync(path)) cpSync(path, join(out, path), { recursive: true });
}
const published = { ...pkg, bundleDependencies: true };
delete published.scripts;
delete published.devDependencies;
writeFileSync(join(out, "package.json"), `${JSON.stringify(published, null, 2)}\n`);
cpSync("package-lock.json", join(out, "package-lock.json"));
execFileSync("npm", ["install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: out, stdio: ["ignore", "ignore", "inherit"] });

if (tag) {
  // The release commit: this tree alone, with the source commit as its parent, in a throwaway index.
  const index = join(out, "..", `.release-index-${process.pid}`);
  const git = (...args) =>
    execFileSync("git", args, { encoding: "utf8", env: { ...process.env, GIT_INDEX_FILE: index } }).trim();
  try {
    git("--work-tree", out, "add", "--all", "--force", ".");
    const tree = git("write-tree");
    const commit = git("commit-tree", tree, "-p", "HEAD", "-m", `Release ${tag}: the package as built from ${git("rev-parse", "--short", "HEAD")}`);
    git("tag", tag, commit);
    console.log(`${tag} → ${commit}`);
  } finally {
    rmSync(index, { force: true });
  }
}
