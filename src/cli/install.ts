import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.js";
import { git } from "../sources/git.js";
import { shellQuote } from "../shell.js";

const BEGIN = "# >>> hf-lint >>> (added by `hf-lint install`; `hf-lint uninstall` removes it)";
const END = "# <<< hf-lint <<<";
/** Where a foreign pre-commit hook is kept while ours runs it first. */
const PREVIOUS = "pre-commit.hf-lint-previous";


/**
 * The lines install adds: run the project's hf-lint, else one on PATH, else the copy that
 * installed the hook, so the hook works with npm, global installs and plain clones alike.
 */
function hookBlock(): string {
  const self = fileURLToPath(new URL("main.js", import.meta.url));
  return [
    BEGIN,
    "if [ -x ./node_modules/.bin/hf-lint ]; then ./node_modules/.bin/hf-lint --staged",
    "elif command -v hf-lint >/dev/null 2>&1; then hf-lint --staged",
    `elif [ -f ${shellQuote(self)} ]; then node ${shellQuote(self)} --staged`,
    `else echo "hf-lint: not found; install it (npm install -D hf-lint) or skip once with git commit --no-verify" >&2; false`,
    "fi || exit 1",
    END,
  ].join("\n");
}

const PLAIN_HOOK = (block: string): string =>
  [
    "#!/bin/sh",
    "# git pre-commit hook written by hf-lint",
    `previous="$(dirname "$0")/${PREVIOUS}"`,
    'if [ -x "$previous" ]; then "$previous" "$@" || exit $?; fi',
    block,
    "",
  ].join("\n");

interface Repository {
  root: string;
  hooksDir: string;
  usesHusky: boolean;
}

async function repository(cwd: string): Promise<Repository> {
  let output: string;
  try {
    output = await git(cwd).raw(["rev-parse", "--show-toplevel", "--git-path", "hooks"]);
  } catch {
    throw new UsageError("not inside a git repository: run `hf-lint install` from the repository you want to protect");
  }
  const [root = cwd, hooks = ".git/hooks"] = output.trim().split("\n");
  return { root, hooksDir: resolve(cwd, hooks), usesHusky: usesHusky(root) };
}

/** A `.husky/` folder, or husky in package.json: husky owns core.hooksPath, so we go through it. */
function usesHusky(root: string): boolean {
  if (existsSync(join(root, ".husky"))) return true;
  const pkgPath = join(root, "package.json");
  if (!existsSync(pkgPath)) return false;
  try {
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as Record<string, Record<string, string> | undefined>;
    return Boolean(pkg["devDependencies"]?.["husky"] ?? pkg["dependencies"]?.["husky"]);
  } catch {
    return false;
  }
}

function withoutBlock(text: string): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start === -1 || end === -1) return text;
  return text.slice(0, start) + text.slice(end + END.length).replace(/^\n/, "");
}

export async function install(cwd: string): Promise<string> {
  const repo = await repository(cwd);
  if (repo.usesHusky) {
    const hook = join(repo.root, ".husky", "pre-commit");
    const current = existsSync(hook) ? readFileSync(hook, "utf8") : "";
    if (current.includes(BEGIN)) return `hf-lint is already in ${hook}`;
    mkdirSync(join(repo.root, ".husky"), { recursive: true });
    const separator = current === "" || current.endsWith("\n") ? "" : "\n";
    writeFileSync(hook, `${current}${separator}${hookBlock()}\n`);
    chmodSync(hook, 0o755);
    const hooksPath = await git(repo.root).raw(["config", "--get", "core.hooksPath"]).catch(() => "");
    const note = hooksPath.trim().startsWith(".husky") ? "" : "; husky is not active in this clone yet: run `npx husky` (or npm install)";
    return `added hf-lint --staged to ${hook} (husky)${note}`;
  }
  const hook = join(repo.hooksDir, "pre-commit");
  const current = existsSync(hook) ? readFileSync(hook, "utf8") : null;
  if (current?.includes(BEGIN)) return `hf-lint is already installed in ${hook}`;
  mkdirSync(repo.hooksDir, { recursive: true });
  let note = "";
  if (current !== null) {
    renameSync(hook, join(repo.hooksDir, PREVIOUS));
    note = ` (your existing hook now runs first, from ${PREVIOUS})`;
  }
  writeFileSync(hook, PLAIN_HOOK(hookBlock()));
  chmodSync(hook, 0o755);
  return `installed the hf-lint pre-commit hook in ${hook}${note}`;
}

export async function uninstall(cwd: string): Promise<string> {
  const repo = await repository(cwd);
  const huskyHook = join(repo.root, ".husky", "pre-commit");
  if (existsSync(huskyHook) && readFileSync(huskyHook, "utf8").includes(BEGIN)) {
    const rest = withoutBlock(readFileSync(huskyHook, "utf8"));
    if (rest.trim() === "") rmSync(huskyHook);
    else writeFileSync(huskyHook, rest);
    return `removed hf-lint from ${huskyHook}`;
  }
  const hook = join(repo.hooksDir, "pre-commit");
  if (!existsSync(hook) || !readFileSync(hook, "utf8").includes(BEGIN)) return "no hf-lint hook is installed";
  rmSync(hook);
  const previous = join(repo.hooksDir, PREVIOUS);
  if (existsSync(previous)) {
    renameSync(previous, hook);
    return `removed the hf-lint hook and restored your previous pre-commit hook in ${hook}`;
  }
  return `removed the hf-lint hook from ${hook}`;
}
