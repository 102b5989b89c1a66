/**
 * The same tables on a real repository given with `--repo PATH`: the full scan against Node's
 * start-up, git grep and ripgrep; one staged file; the history against git log. The repository is
 * left as it was found (the staged file is restored).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Command } from "./measure.js";
import { aboveNode, greps, measure, nodeFloor, table } from "./table.js";

const gitOut = (dir: string, args: string[]): string =>
  execFileSync("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 }).trim();

/** Where the repository comes from: its origin when that is a URL, else its folder name. */
function origin(dir: string): string {
  const url = spawnSync("git", ["config", "remote.origin.url"], { cwd: dir, encoding: "utf8" }).stdout.trim();
  return /^https?:\/\//.test(url) ? url.replace(/\.git$/, "") : basename(dir);
}

function findings(cli: string, dir: string, args: string[]): number {
  const run = spawnSync(process.execPath, [cli, ...args, "-f", "json"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
  return (JSON.parse(run.stdout) as { findings: unknown[] }).findings.length;
}

export function repositorySection(dir: string, cli: string, quick: boolean): string[] {
  const hfLint = (...args: string[]): Command => ({ label: "hf-lint", argv: [process.execPath, cli, ...args], cwd: dir });
  const tracked = gitOut(dir, ["ls-files", "-z"]).split("\0").filter(Boolean);
  const present = tracked.filter((path) => existsSync(join(dir, path)));
  const bytes = present.reduce((sum, path) => sum + statSync(join(dir, path)).size, 0);
  const commits = Number(gitOut(dir, ["rev-list", "--count", "HEAD"]));
  const out = [
    `### ${origin(dir)}`,
    "",
    `Commit ${gitOut(dir, ["rev-parse", "HEAD"])}: ${tracked.length} tracked files, ${(bytes / 1e6).toFixed(0)} MB, ${commits} commits` +
      (present.length < tracked.length ? ` (${tracked.length - present.length} tracked files absent from the work tree)` : "") +
      `; hf-lint reported ${findings(cli, dir, [])} findings.`,
    "",
  ];

  const full = measure([nodeFloor(dir), hfLint("-f", "json"), ...greps(dir)], quick ? 3 : 10);
  out.push(`Full scan: ${aboveNode(full)} above Node's own start-up.`, "", ...table(full, "git grep -E"), "");

  const staged = stagedFile(dir, present);
  if (staged) {
    const original = readFileSync(join(dir, staged));
    writeFileSync(join(dir, staged), Buffer.concat([original, Buffer.from("\nx = 1\n")]));
    execFileSync("git", ["add", "--", staged], { cwd: dir });
    try {
      const runs = measure([nodeFloor(dir), hfLint("--staged")], quick ? 5 : 20);
      out.push(`\`--staged\` with one file staged (${staged}): ${aboveNode(runs)} above Node's own start-up.`, "", ...table(runs, "node -e 0"), "");
    } finally {
      writeFileSync(join(dir, staged), original);
      execFileSync("git", ["add", "--", staged], { cwd: dir });
    }
  }

  const gitLog: Command = { label: "git log -p -U0", argv: ["git", "log", "-p", "-U0"], cwd: dir };
  try {
    // git log first: in a clone that lacks blobs it fails at once, before a long hf-lint run.
    const history = measure([gitLog, hfLint("--history", "-f", "json")], quick ? 2 : 5);
    out.push(`\`--history\` over ${commits} commits; hf-lint reported ${findings(cli, dir, ["--history"])} findings.`, "");
    out.push(...table(history, "git log -p -U0"), "");
  } catch (error) {
    out.push(`\`--history\` not measured: ${(error as Error).message.split("\n")[0]}`, "");
  }
  return out;
}

/** A tracked text file to stage a change to, when nothing else is staged (else null: no staged table). */
function stagedFile(dir: string, present: string[]): string | null {
  if (spawnSync("git", ["diff", "--cached", "--quiet"], { cwd: dir }).status !== 0) return null;
  return present.find((path) => path.endsWith(".py")) ?? present.find((path) => /\.(md|txt|js|ts)$/.test(path)) ?? null;
}
