import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GIT_ENV } from "./repo.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** npm without the network: everything the tests install comes from the local cache or a tarball. */
export const OFFLINE_NPM = { npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };

export interface Release {
  /** A clone of this repository whose tag `tag` is the release commit made by scripts/release.mjs. */
  repo: string;
  tag: string;
  /** The released tree (what `npm publish` would publish). */
  tree: string;
  /** `npm pack` of the tree. */
  tarball: string;
  remove(): void;
}

/** Releases the current build the way a maintainer does, into a temporary clone: what users install. */
export function makeRelease(tag = "v9.9.9"): Release {
  const base = mkdtempSync(join(tmpdir(), "hf-lint-release-"));
  const repo = join(base, "hf-lint");
  const tree = join(base, "package");
  const env = { ...process.env, ...GIT_ENV, ...OFFLINE_NPM };
  execFileSync("git", ["clone", "-q", "--shared", ROOT, repo], { env });
  // The work tree as it is now (committed or not) becomes the clone's HEAD, and the current build its dist/.
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  for (const file of files.split("\0").filter((f) => f && existsSync(join(ROOT, f)))) cpSync(join(ROOT, file), join(repo, file));
  execFileSync("git", ["add", "-A"], { cwd: repo, env });
  execFileSync("git", ["commit", "-q", "--no-verify", "--allow-empty", "-m", "work tree under test"], { cwd: repo, env });
  cpSync(join(ROOT, "dist"), join(repo, "dist"), { recursive: true });
  execFileSync(process.execPath, [join(ROOT, "scripts/release.mjs"), tree, "--tag", tag], { cwd: repo, env, stdio: "pipe" });
  const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", base], { cwd: tree, env, encoding: "utf8" }).trim();
  return { repo, tag, tree, tarball: join(base, name), remove: () => rmSync(base, { recursive: true, force: true }) };
}
