#!/usr/bin/env node
/**
 * The `hf-lint` command (package.json `bin`): runs the bundled CLI (cli.cjs, scripts/bundle-cli.mjs) through a V8 code cache, so that a run after the first compiles almost none of it
 * (~6 ms of a hook's ~40 above Node's own start-up). CommonJS, as the bundle: an ES module entry
 * costs Node ~3 ms more.
 *
 * The cache is code that this process runs, so it lives only in a directory of this user's that
 * no one else can write (never a shared /tmp), under a name that changes with the bundle and
 * Node; V8 refuses it by itself under other flags. NODE_DISABLE_COMPILE_CACHE turns it off.
 */
// Node's built-in modules carry code caches that V8 refuses once a flag below is set (~4 ms to
// compile them again): the ones every scan loads are loaded first.
import "node:child_process";
import "node:crypto";
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, type Stats } from "node:fs";
import { isAscii } from "node:buffer";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { Script } from "node:vm";

// V8 optimises a function after a budget of work: in a scan, compiling code that had little left
// to run cost more CPU than it saved (a third of a notebook-heavy repository's scan on Node 20,
// a quarter on Node 22; Node 24's Maglev tier makes it moot). Eight times the budget still
// optimises hot loops. The flag is named per V8 version: an unknown flag prints an error. Set
// before the bundle is compiled: V8 takes a code cache only under the flags it was made with.
const LATER_OPTIMISATION: Record<string, string> = {
  "11": "--interrupt-budget=540672",
  "12": "--invocation-count-for-turbofan=24000",
};
const optimisation = LATER_OPTIMISATION[process.versions.v8.split(".")[0] ?? ""];
if (optimisation) setFlagsFromString(optimisation);

const bundle = join(__dirname, "cli.cjs");
const CACHES_KEPT = 4;
const fd = openSync(bundle, "r");
const { size, mtimeMs } = fstatSync(fd);
const bytes = readFileSync(fd);
// esbuild writes ASCII (escapes elsewhere), which Latin-1 decodes four times as fast as UTF-8.
const source = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
closeSync(fd);
// V8 checks only a cache's length against the source: the name carries the rest. The bundle's
// first line is its content hash.
const build = /^\/\/ build (\w+)/.exec(source)?.[1];
const directory = build ? cacheDirectory() : undefined;
const cacheFile = directory && join(directory, `${build}-${size}-${Math.trunc(mtimeMs)}-${process.version}-${process.arch}.bin`);
const cachedData = cacheFile ? readOwn(cacheFile) : undefined;
const script = new Script(`(function (exports, require, module, __filename, __dirname) {"use strict";${source}\n})`, { filename: bundle, cachedData });
if (cacheFile && (!cachedData || script.cachedDataRejected)) {
  // At exit, the cache holds every function this run compiled, not only the outer code.
  process.once("exit", () => writeOwn(cacheFile, script.createCachedData()));
}
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, bundle, __dirname);

/** `$XDG_CACHE_HOME/hf-lint` (default ~/.cache), made if missing; undefined unless only this user can write it. */
function cacheDirectory(): string | undefined {
  if (process.env["NODE_DISABLE_COMPILE_CACHE"]) return undefined;
  try {
    const dir = join(process.env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "hf-lint");
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = lstatSync(dir);
    return stats.isDirectory() && ownOnly(stats) ? dir : undefined;
  } catch {
    return undefined; // no home, a read-only one: run without
  }
}

/** Owned by this user, and no one else may write it (no owners on Windows: the profile is private). */
function ownOnly(stats: Stats): boolean {
  return process.getuid === undefined || (stats.uid === process.getuid() && (stats.mode & 0o022) === 0);
}

function readOwn(file: string): Buffer | undefined {
  try {
    const cache = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      const stats = fstatSync(cache);
      return stats.isFile() && ownOnly(stats) ? readFileSync(cache) : undefined;
    } finally {
      closeSync(cache);
    }
  } catch {
    return undefined;
  }
}

/**
 * Written whole under another name, then renamed: a concurrent run reads the old file or the new
 * one. The newest few caches stay (one per build and Node in use); older builds' go.
 */
function writeOwn(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}`;
  try {
    writeFileSync(temporary, data, { mode: 0o600, flag: "wx" });
    renameSync(temporary, file);
    const others = readdirSync(dirname(file)).filter((name) => name.endsWith(".bin")).map((name) => join(dirname(file), name));
    const newestFirst = others.map((path) => ({ path, time: lstatSync(path).mtimeMs })).sort((a, b) => b.time - a.time);
    for (const { path } of newestFirst.slice(CACHES_KEPT)) rmSync(path, { force: true });
  } catch {
    rmSync(temporary, { force: true }); // a full disk or a race: the next run makes it
  }
}
