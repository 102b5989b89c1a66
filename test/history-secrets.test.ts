import { describe, expect, it } from "vitest";
import { runCli, runJson } from "./helpers/cli.js";
import { commitAll, git, tempRepo, write } from "./helpers/repo.js";
import { fakeHfToken } from "./helpers/tokens.js";

const token = fakeHfToken(61);
const other = fakeHfToken(62);

/** One token copied into many files over many commits, and a second token once. */
function leakyRepo(): { repo: string; first: string } {
  const repo = tempRepo();
  write(repo, { "app.py": `t = "${token}"\n` });
  commitAll(repo, "leak");
  const first = git(repo, "rev-parse", "HEAD").trim();
  for (let i = 0; i < 6; i++) {
    write(repo, { [`copies/c${i}.py`]: `x = ${i}\nt = "${token}"\n`, "app.py": `t = "${token}"\ny = ${i}\n` });
    commitAll(repo, `copy ${i}`);
  }
  write(repo, { "other.sh": `export HF_TOKEN=${other}\n` });
  commitAll(repo, "another");
  return { repo, first };
}

describe("--history reports each distinct secret once", () => {
  it("at the commit that first added it, with where else it occurs", () => {
    const { repo, first } = leakyRepo();
    const { code, report } = runJson(["--history"], { cwd: repo });
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.line, f.commit === first])).toEqual([
      ["app.py", 1, true],
      ["other.sh", 1, false],
    ]);
    const [leak] = report.findings;
    expect(leak?.otherLocations?.map((l) => [l.file, l.line])).toEqual([0, 1, 2, 3, 4, 5].map((i) => [`copies/c${i}.py`, 2]));
    expect(leak?.otherLocations?.every((l) => /^[0-9a-f]{40}$/.test(l.commit) && l.date !== "")).toBe(true);
    expect(leak?.message).toMatch(/also added in copies\/c0\.py:2 \([0-9a-f]{7}\), .* and 3 more\.$/);
    expect(leak?.secretFingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(report.findings[1]?.secretFingerprint).not.toBe(leak?.secretFingerprint);
    expect(report.summary).toMatchObject({ errors: 2, distinctSecrets: 2 });
    expect(JSON.stringify(report)).not.toContain(token);
  });

  it("ends every report with the number of distinct secrets to rotate", () => {
    const { repo } = leakyRepo();
    // The work tree holds the first token seven times: still one secret to rotate.
    const tree = runJson([], { cwd: repo }).report;
    expect(tree.findings).toHaveLength(8);
    expect(tree.summary.distinctSecrets).toBe(2);
    for (const format of ["stylish", "compact"]) {
      expect(runCli(["--history", "-f", format], { cwd: repo }).stdout.trimEnd().split("\n").at(-1)).toBe("2 distinct secrets to rotate");
      expect(runCli(["-f", format], { cwd: repo }).stdout.trimEnd().split("\n").at(-1)).toBe("2 distinct secrets to rotate");
    }
    expect(JSON.parse(runCli(["--history", "-f", "sarif"], { cwd: repo }).stdout).runs[0].properties).toEqual({ distinctSecrets: 2 });
    expect(runCli(["--history", "-f", "github"], { cwd: repo }).stdout.trimEnd().split("\n").at(-1)).toBe(
      "::notice title=hf-lint::2 distinct secrets to rotate",
    );
    expect(runCli(["other.sh", "-f", "compact"], { cwd: repo }).stdout).toMatch(/\n1 distinct secret to rotate\n$/);
    write(repo, { "clean.py": "x = 1\n" });
    const clean = runCli(["clean.py", "-f", "compact"], { cwd: repo });
    expect([clean.code, clean.stdout]).toEqual([0, ""]);
    expect(runJson(["clean.py"], { cwd: repo }).report.summary.distinctSecrets).toBe(0);
  });
});
