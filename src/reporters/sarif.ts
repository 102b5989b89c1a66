import { rules } from "../../rules/index.js";
import { VERSION } from "../package-info.js";
import { notScanned } from "../report.js";
import type { Finding, Severity } from "../types.js";
import type { Reporter } from "./types.js";

/** GitHub code scanning's scale (0–10): 9+ critical, 7+ high, 4+ medium, below low. A token that works is critical. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: "9.0", warning: "3.0" };

/** A path relative to the root, each segment percent-encoded; or an absolute `hf://` URI (`hf-lint hub`), which takes no base. */
function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  if (path.startsWith("hf://")) return { uri: encodeURI(path) };
  return { uri: path.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

/** `hf-token` → `HfToken`: SARIF wants a readable name that differs from the opaque id. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

/**
 * Where in the file; a finding about the whole file (a committed .env) points at its first
 * character, since GitHub code scanning places only results with a start line.
 */
function region(f: Finding) {
  if (f.line === null || f.column === null || f.endLine === null || f.endColumn === null) {
    return { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
  }
  return { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it (checked with the SARIF multitool's GitHub rules):
 * one run, every rule described, secrets redacted. The fingerprint does not depend on the line,
 * so a re-upload after lines moved matches the same alert instead of opening another.
 */
const sarif: Reporter = (report) => {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "hf-lint",
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: "https://github.com/hf-lint/hf-lint",
            rules: rules.map((rule) => ({
              id: rule.id,
              name: ruleName(rule.id),
              shortDescription: { text: rule.description },
              fullDescription: { text: `${rule.description} What to do: ${rule.docsUrl}` },
              helpUri: rule.docsUrl,
              help: { text: `${rule.description} See ${rule.docsUrl}`, markdown: `${rule.description} See [${rule.id}](${rule.docsUrl}).` },
              defaultConfiguration: { level: rule.severity === "error" ? "error" : "warning" },
              properties: {
                tags: ["security", "secrets", "external/cwe/cwe-798"],
                precision: "high",
                "security-severity": SECURITY_SEVERITY[rule.severity],
              },
            })),
          },
        },
        // Files passed over, so that a consumer knows what the results do not cover.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.skipped.map((skipped) => ({
              level: skipped.reason === "binary" ? "note" : "warning",
              message: { text: `${skipped.file}: ${notScanned(skipped)}` },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(skipped.file) } }],
            })),
          },
        ],
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The root of the scanned repository (or directory)." } } },
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId),
          level: f.severity === "error" ? "error" : "warning",
          message: { text: f.secret ? `${f.message} [${f.secret}]` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(f.file),
                region: region(f),
              },
            },
          ],
          partialFingerprints: { primaryLocationLineHash: f.fingerprint, "hfLint/v1": f.fingerprint },
          properties: {
            ...(f.secret ? { secret: f.secret } : {}),
            ...(f.commit ? { commit: f.commit, author: f.author, date: f.date } : {}),
            ...(f.verification ? { verification: f.verification } : {}),
          },
        })),
        // What the report ends with in every format: how many different secrets to rotate.
        properties: { distinctSecrets: report.summary.distinctSecrets },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

export default sarif;
