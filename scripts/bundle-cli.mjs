// Bundles the CLI's own modules into one file over tsc's dist/src/cli/main.js: loading ~30
// small ES modules cost ~40 ms at every start, a pre-commit hook's whole budget.
// Packages stay external; reporters and the worker are loaded from their tsc-built files
// by URL, which resolves to the same folders from the bundle as from the module.
import { readdirSync, rmSync } from "node:fs";
import { build } from "esbuild";

// Chunks of earlier builds carry other hashes: remove them so the package ships only this one's.
for (const name of readdirSync("dist/src/cli")) {
  if (/^[\w-]+-[A-Z0-9]{8}\.js$/.test(name)) rmSync(`dist/src/cli/${name}`);
}

await build({
  entryPoints: ["src/cli/main.ts"],
  outdir: "dist/src/cli",
  // Lazily imported modules (the directory walker, the config validator, install) stay in
  // chunks of their own, so their packages load only when they are used.
  splitting: true,
  chunkNames: "[name]-[hash]",
  allowOverwrite: true,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});
