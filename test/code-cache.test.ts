import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runJson } from "./helpers/cli.js";
import { git, tempDir, tempRepo, write } from "./helpers/repo.js";
import { fakeHfToken } from "./helpers/tokens.js";

const token = fakeHfToken(41);

/** A repository with a token, and a cache home of its own. */
function setUp() {
  const repo = tempRepo();
  write(repo, { "a.py": `t = "${token}"\n` });
  git(repo, "add", "a.py");
  const home = tempDir();
  const scan = (env: Record<string, string> = {}) => {
    const { code, report, stderr } = runJson([], { cwd: repo, env: { XDG_CACHE_HOME: home, ...env } });
    expect(stderr).toBe("");
    return [code, report.findings.map((f) => [f.file, f.ruleId, f.line])];
  };
  return { home, dir: join(home, "hf-lint"), scan };
}

const expected = [1, [["a.py", "hf-token", 1]]];

describe("the CLI's code cache", () => {
  it("is kept where only this user can write, and taken as it is on the next run", () => {
    const { dir, scan } = setUp();
    expect(scan()).toEqual(expected);
    const [name, ...others] = readdirSync(dir);
    expect(others).toEqual([]);
    expect(name).toMatch(/^[0-9a-f]{16}-\d+-\d+-v[\d.]+-\w+\.bin$/);
    const file = join(dir, name as string);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = readFileSync(file);
    writeFileSync(file, before); // same bytes, a new mtime to compare with
    const written = statSync(file).mtimeMs;
    expect(scan()).toEqual(expected);
    expect(statSync(file).mtimeMs).toBe(written); // accepted, so not made again
  });

  it("runs the same from a damaged cache, which V8 refuses and the run replaces", () => {
    const { dir, scan } = setUp();
    scan();
    const file = join(dir, readdirSync(dir)[0] as string);
    const garbage = Buffer.alloc(statSync(file).size, 7);
    writeFileSync(file, garbage);
    expect(scan()).toEqual(expected);
    expect(readFileSync(file).equals(garbage)).toBe(false);
  });

  it("reads no cache through a link, nor from a directory others can write", () => {
    const { dir, scan } = setUp();
    scan();
    const file = join(dir, readdirSync(dir)[0] as string);
    const elsewhere = join(tempDir(), "cache.bin");
    renameSync(file, elsewhere);
    symlinkSync(elsewhere, file);
    expect(scan()).toEqual(expected);
    // Not followed: had the valid cache behind it been read, nothing would have replaced the link.
    expect(lstatSync(file).isFile()).toBe(true);

    const open = setUp();
    write(open.dir, { other: "" });
    chmodSync(open.dir, 0o777);
    expect(open.scan()).toEqual(expected);
    expect(readdirSync(open.dir)).toEqual(["other"]);
  });

  it("keeps the newest four caches when it makes one", () => {
    const { dir, scan } = setUp();
    const old = ["a", "b", "c", "d", "e"].map((name, age) => {
      write(dir, { [`${name}.bin`]: "" });
      utimesSync(join(dir, `${name}.bin`), 1000 + age, 1000 + age);
      return `${name}.bin`;
    });
    write(dir, { notes: "" });
    scan();
    const left = readdirSync(dir);
    expect(left.filter((name) => old.includes(name)).sort()).toEqual(["c.bin", "d.bin", "e.bin"]);
    // (a hex hash sorts before "notes")
    expect(left.filter((name) => !old.includes(name)).sort()).toEqual([expect.stringMatching(/^[0-9a-f]{16}-.*\.bin$/), "notes"]);
  });

  it("is not made with NODE_DISABLE_COMPILE_CACHE", () => {
    const { dir, scan } = setUp();
    expect(scan({ NODE_DISABLE_COMPILE_CACHE: "1" })).toEqual(expected);
    expect(existsSync(dir)).toBe(false);
  });
});
