/**
 * Every case in fixtures/ through the built CLI: the findings must be exactly the case's
 * expected.json (rule, severity and span of each). `npx vitest run test/fixtures.test.ts -u`
 * rewrites the snapshots after a deliberate change; review the diff.
 */
import { describe, expect, it } from "vitest";
import { runJson } from "./helpers/cli.js";
import { expectedPath, fixtureCases, snapshotOf, writeFixture } from "./helpers/fixtures.js";
import { tempRepo } from "./helpers/repo.js";

describe.each(fixtureCases())("fixture %s", (name) => {
  it("the CLI reports exactly the expected findings", async () => {
    const root = tempRepo();
    writeFixture(name, root);
    const { code, stderr, report } = runJson([], { cwd: root });
    expect(stderr).toBe("");
    const findings = report.findings.map((finding) => ({ ...finding, rule: finding.ruleId }));
    expect(code).toBe(findings.some((finding) => finding.severity === "error") ? 1 : 0);
    await expect(snapshotOf(findings)).toMatchFileSnapshot(expectedPath(name));
  });
});
