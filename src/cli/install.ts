import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.js";
import { git } from "../sources/git.js";
import { shellQuote } from "../shell.js";

export type HookName = "pre-commit" | "pre-push";

const BEGIN = "# >>> hf-lint >>> (added by `hf-lint install`; `hf-lint uninstall` removes it)";
const END = "# <<< hf-lint <<<";
/** Where a foreign hook is kept while ours runs it first. */
const previousName = (hook: HookName): string => `${hook}.hf-lint-previous`;

/**
 * `hf_lint`: the project's hf-lint, else one on PATH. A hook in the git directory (never committed)
 * may also fall back to the copy that installed it; a hook that may be committed (husky, a tracked
 * core.hooksPath) names no path of this machine.
 */
function finder(self: string | null): string[] {
  return [
    "hf_lint() {",
    '  if [ -x ./node_modules/.bin/hf-lint ]; then ./node_modules/.bin/hf-lint "$@"',
    '  elif command -v hf-lint >/dev/null 2>&1; then hf-lint "$@"',
    ...(self ? [`  elif [ -f ${shellQuote(self)} ]; then node ${shellQuote(self)} "$@"`] : []),
    '  else echo "hf-lint: not found; install it (npm install -D hf-lint) or skip once with --no-verify" >&2; return 1',
    "  fi",
    "}",
  ];
}

/**
 * pre-push: git writes `<local ref> <local sha> <remote ref> <remote sha>` per pushed ref on standard
 * input; each ref's new commits are scanned with --range. A ref new to the remote is scanned from
 * its oldest commit that no remote-tracking branch has (the whole branch when that is a root).
 */
const PRE_PUSH = [
  "hf_lint_range() {",
  "  if expr \"$2\" : '.*[1-9a-f]' >/dev/null && git cat-file -e \"$2^{commit}\" 2>/dev/null; then echo \"$2..$1\"; return; fi",
  '  base=$(git rev-list "$1" --not --remotes="$3" | tail -n 1)',
  '  if [ -z "$base" ]; then return; fi',
  '  if git rev-parse -q --verify "$base^" >/dev/null; then echo "$base^..$1"; else echo "$1"; fi',
  "}",
  "hf_lint_refs=0",
  "while read -r _ local_sha _ remote_sha; do",
  "  hf_lint_refs=1",
  "  expr \"$local_sha\" : '.*[1-9a-f]' >/dev/null || continue # a deleted branch",
  '  range=$(hf_lint_range "$local_sha" "$remote_sha" "$1")',
  '  [ -z "$range" ] || hf_lint --range "$range" || exit 1',
  "done",
  "# No ref on standard input (an earlier command read it): the commits of HEAD no remote has.",
  'if [ "$hf_lint_refs" = 0 ]; then range=$(hf_lint_range HEAD 0 "$1"); [ -z "$range" ] || hf_lint --range "$range" || exit 1; fi',
];

function hookBlock(hook: HookName, self: string | null): string {
  const body = hook === "pre-commit" ? ["hf_lint --staged || exit 1"] : PRE_PUSH;
  return [BEGIN, ...finder(self), ...body, END].join("\n");
}

/** A hook file of our own; a foreign hook found there runs first (pre-push: on a copy of standard input). */
function plainHook(hook: HookName, block: string): string {
  const previous = `previous="$(dirname "$0")/${previousName(hook)}"`;
  const runPrevious =
    hook === "pre-push"
      ? [
          'refs="$(mktemp)" && trap \'rm -f "$refs"\' EXIT && cat >"$refs"',
          'if [ -x "$previous" ]; then "$previous" "$@" <"$refs" || exit $?; fi',
          'exec <"$refs"',
        ]
      : ['if [ -x "$previous" ]; then "$previous" "$@" || exit $?; fi'];
  return ["#!/bin/sh", `# git ${hook} hook written by hf-lint`, previous, ...runPrevious, block, ""].join("\n");
}

interface Repository {
  root: string;
  hooksDir: string;
  /** Whether hooksDir is inside the git directory, where nothing is committed. */
  hooksArePrivate: boolean;
  usesHusky: boolean;
}

async function repository(cwd: string): Promise<Repository> {
  let output: string;
  try {
    output = await git(cwd).raw(["rev-parse", "--show-toplevel", "--git-path", "hooks", "--git-common-dir"]);
  } catch {
    throw new UsageError("not inside a git repository: run `hf-lint install` from the repository you want to protect");
  }
  const [root = cwd, hooks = ".git/hooks", common = ".git"] = output.trim().split("\n");
  const hooksDir = resolve(cwd, hooks);
  const inside = relative(resolve(cwd, common), hooksDir);
  return { root, hooksDir, hooksArePrivate: !inside.startsWith(".."), usesHusky: usesHusky(root) };
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

const what = (hook: HookName): string => (hook === "pre-commit" ? "hf-lint --staged" : "hf-lint --range over the pushed commits");

export async function install(cwd: string, hook: HookName = "pre-commit"): Promise<string> {
  const repo = await repository(cwd);
  if (repo.usesHusky) {
    const file = join(repo.root, ".husky", hook);
    const current = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (current.includes(BEGIN)) return `hf-lint is already in ${file}`;
    mkdirSync(join(repo.root, ".husky"), { recursive: true });
    const separator = current === "" || current.endsWith("\n") ? "" : "\n";
    writeFileSync(file, `${current}${separator}${hookBlock(hook, null)}\n`);
    chmodSync(file, 0o755);
    const hooksPath = await git(repo.root).raw(["config", "--get", "core.hooksPath"]).catch(() => "");
    const note = hooksPath.trim().startsWith(".husky") ? "" : "; husky is not active in this clone yet: run `npx husky` (or npm install)";
    return `added ${what(hook)} to ${file} (husky)${note}`;
  }
  const file = join(repo.hooksDir, hook);
  const current = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (current?.includes(BEGIN)) return `hf-lint is already installed in ${file}`;
  mkdirSync(repo.hooksDir, { recursive: true });
  let note = "";
  if (current !== null) {
    renameSync(file, join(repo.hooksDir, previousName(hook)));
    note = ` (your existing hook now runs first, from ${previousName(hook)})`;
  }
  const self = repo.hooksArePrivate ? fileURLToPath(new URL("hf-lint.cjs", import.meta.url)) : null;
  writeFileSync(file, plainHook(hook, hookBlock(hook, self)));
  chmodSync(file, 0o755);
  return `installed the hf-lint ${hook} hook in ${file}${note}`;
}

/** Removes what install added, for both hooks. */
export async function uninstall(cwd: string): Promise<string> {
  const repo = await repository(cwd);
  const done = (["pre-commit", "pre-push"] as const).flatMap((hook) => uninstallHook(repo, hook));
  return done.length > 0 ? done.join("\n") : "no hf-lint hook is installed";
}

function uninstallHook(repo: Repository, hook: HookName): string[] {
  const huskyHook = join(repo.root, ".husky", hook);
  if (existsSync(huskyHook) && readFileSync(huskyHook, "utf8").includes(BEGIN)) {
    const rest = withoutBlock(readFileSync(huskyHook, "utf8"));
    if (rest.trim() === "") rmSync(huskyHook);
    else writeFileSync(huskyHook, rest);
    return [`removed hf-lint from ${huskyHook}`];
  }
  const file = join(repo.hooksDir, hook);
  if (!existsSync(file) || !readFileSync(file, "utf8").includes(BEGIN)) return [];
  rmSync(file);
  const previous = join(repo.hooksDir, previousName(hook));
  if (existsSync(previous)) {
    renameSync(previous, file);
    return [`removed the hf-lint hook and restored your previous ${hook} hook in ${file}`];
  }
  return [`removed the hf-lint hook from ${file}`];
}
