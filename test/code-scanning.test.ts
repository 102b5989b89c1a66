import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { CLIENTS, sarifMultitool } from "./helpers/clients.js";
import { commitAll, tempDir, tempRepo, write } from "./helpers/repo.js";
import { fakeHfToken, fakeOrgToken } from "./helpers/tokens.js";

const token = fakeHfToken(141);

interface SarifLog {
  runs: { results: { ruleId: string; level: string; message: { text: string }; partialFingerprints: Record<string, string> }[] }[];
}

/** Microsoft's SARIF multitool with its SARIF and GitHub rules: the problems it reports at error and warning level. */
function multitoolProblems(sarif: string): string[] {
  const dir = tempDir();
  write(dir, { "in.sarif": sarif });
  execFileSync(sarifMultitool(), ["validate", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning", "-c", join(CLIENTS, "multitool.xml"), "in.sarif", "-o", "out.sarif"], {
    cwd: dir,
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
    stdio: "pipe",
  });
  const validation = JSON.parse(readFileSync(join(dir, "out.sarif"), "utf8")) as SarifLog;
  return validation.runs.flatMap((run) => run.results.map((r) => `${r.ruleId} ${r.level}: ${r.message.text}`));
}

describe("SARIF for GitHub code scanning", () => {
  it("passes the SARIF multitool's SARIF and GitHub rules with no error and no warning", { timeout: 300_000 }, () => {
    const repo = tempRepo();
    write(repo, {
      "src/my app.py": `login(token="${token}")\n`,
      "org.txt": `${fakeOrgToken(141)}\n`,
      ".env": "A=1\n",
      "legacy.sh": "export HUGGING_FACE_HUB_TOKEN=$SECRET\n",
      "weights.bin": Buffer.from([1, 0, 2]),
      "big.txt": "x".repeat(3000),
    });
    const { code, stdout } = runCli(["-f", "sarif", "--max-file-size", "2000"], { cwd: repo });
    expect(stdout).toContain('"toolExecutionNotifications"'); // the skipped files are described too
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as SarifLog;
    expect(new Set(log.runs[0]!.results.map((r) => r.ruleId))).toEqual(new Set(["hf-token", "hf-org-token", "env-file-not-ignored", "legacy-token-env"]));
    expect(multitoolProblems(stdout)).toEqual([]);

    commitAll(repo);
    const history = runCli(["--history", "-f", "sarif"], { cwd: repo });
    expect(multitoolProblems(history.stdout)).toEqual([]);
  });

  it("the multitool does catch what GitHub needs: a rule without fullDescription fails", { timeout: 300_000 }, () => {
    const repo = tempRepo();
    write(repo, { "a.py": `login(token="${token}")\n` });
    const log = JSON.parse(runCli(["-f", "sarif"], { cwd: repo }).stdout) as { runs: { tool: { driver: { rules: Record<string, unknown>[] } } }[] };
    for (const rule of log.runs[0]!.tool.driver.rules) delete rule["fullDescription"];
    expect(multitoolProblems(JSON.stringify(log))).toEqual(expect.arrayContaining([expect.stringMatching(/^GH2012 error/)]));
  });

  it("keeps each alert's fingerprint when lines move, so a re-upload does not duplicate alerts", () => {
    const repo = tempRepo();
    const other = fakeHfToken(142);
    write(repo, { "app.py": `a = "${token}"\nb = "${other}"\n` });
    const fingerprints = () =>
      (JSON.parse(runCli(["-f", "sarif"], { cwd: repo }).stdout) as SarifLog).runs[0]!.results.map((r) => r.partialFingerprints);
    const before = fingerprints();
    write(repo, { "app.py": `# a comment above\n\na = "${token}"\nb = "${other}"\n` });
    const after = fingerprints();
    expect(after).toEqual(before);
    expect(before[0]!["primaryLocationLineHash"]).not.toBe(before[1]!["primaryLocationLineHash"]);
  });
});
