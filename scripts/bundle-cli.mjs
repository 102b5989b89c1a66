// Bundles the CLI into one file over tsc's dist/src/cli/main.js: loading ~30 small ES modules
// and their packages cost ~40 ms at every start, a pre-commit hook's whole budget.
// The worker is loaded by URL, which resolves to the same folder from the bundle as from the
// module: it is bundled where tsc put it. Each reporter is a chunk of its own, imported when asked for.
import { readdirSync, rmSync } from "node:fs";
import { build } from "esbuild";

// Chunks of earlier builds carry other hashes: remove them so the package ships only this one's.
for (const name of readdirSync("dist/src/cli")) {
  if (/^[\w-]+-[A-Z0-9]{8}\.js$/.test(name)) rmSync(`dist/src/cli/${name}`);
}

const shared = {
  allowOverwrite: true,
  bundle: true,
  // Dependencies are bundled too: importing a CommonJS package from ESM costs a lexer pass
  // over its source at every start (commander alone: 10 ms). Their require() of Node's
  // built-in modules needs a real require in ES modules.
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
};

await build({
  ...shared,
  entryPoints: ["src/cli/main.ts"],
  outdir: "dist/src/cli",
  // Lazily imported modules (the directory walker, the config validator, install) stay in
  // chunks of their own, so their packages load only when they are used.
  splitting: true,
  chunkNames: "[name]-[hash]",
});

// The scan's worker thread, in one file over tsc's: loading its ~25 modules cost each worker
// 130 ms of CPU, 45 ms bundled. The CLI and the library start the same file.
await build({ ...shared, entryPoints: ["src/engine/worker.ts"], outfile: "dist/src/engine/worker.js" });
