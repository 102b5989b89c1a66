// Bundles the CLI into one CommonJS file, dist/src/cli/cli.cjs, that the `hf-lint` command
// (src/cli/hf-lint.cts) runs through a V8 code cache: loading ~30 small ES modules and their
// packages cost ~40 ms at every start, a pre-commit hook's whole budget, and compiling the bundle
// at every start another ~6 ms. The worker is loaded by URL, which resolves to the same folder
// from the bundle as from the module: it is bundled where tsc put it.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

// Chunks of the ES module bundles of earlier builds: the package ships only this one's files.
for (const name of readdirSync("dist/src/cli")) {
  if (/^[\w-]+-[A-Z0-9]{8}\.js$/.test(name)) rmSync(`dist/src/cli/${name}`);
}

const shared = {
  allowOverwrite: true,
  bundle: true,
  // Dependencies are bundled too: importing a CommonJS package from ESM costs a lexer pass
  // over its source at every start (commander alone: 10 ms).
  platform: "node",
  target: "node20",
  logLevel: "warning",
};

// Packages only some commands load (a config file's validator, the walker outside git, the Hub
// client): each a file of its own, so that a hook does not parse their ~500 KB at every start.
const VENDORED = { valibot: "valibot", "fast-glob": "fast-glob", "@huggingface/hub": "huggingface-hub" };
for (const [name, file] of Object.entries(VENDORED)) {
  await build({ ...shared, entryPoints: [name], outfile: `dist/src/cli/vendor/${file}.cjs`, format: "cjs" });
}
const vendored = {
  name: "vendored",
  setup(build) {
    build.onResolve({ filter: /^(valibot|fast-glob|@huggingface\/hub)$/ }, ({ path }) => ({ path: `./vendor/${VENDORED[path]}.cjs`, external: true }));
  },
};

const cli = "dist/src/cli/cli.cjs";
await build({
  ...shared,
  entryPoints: ["src/cli/main.ts"],
  outfile: cli,
  format: "cjs",
  plugins: [vendored],
  // As require(): V8 runs the bundle as a script (src/cli/hf-lint.cts), which has no import().
  supported: { "dynamic-import": false },
  // The modules find their package.json and the worker from their own URL: the bundle's.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
// Its first line names this build: the code cache of another is never taken for it.
const code = readFileSync(cli);
writeFileSync(cli, `// build ${createHash("sha256").update(code).digest("hex").slice(0, 16)}\n${code}`);

// `node dist/src/cli/main.js`, as hooks installed by earlier versions and scripts run it.
writeFileSync("dist/src/cli/main.js", '// The CLI, as `hf-lint` (package.json "bin") runs it.\nimport "./hf-lint.cjs";\n');

// The scan's worker thread, in one file over tsc's: loading its ~25 modules cost each worker
// 130 ms of CPU, 45 ms bundled. The CLI and the library start the same file. Its packages'
// require() of Node's built-in modules needs a real require in an ES module.
await build({
  ...shared,
  format: "esm",
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  entryPoints: ["src/engine/worker.ts"],
  outfile: "dist/src/engine/worker.js",
});
