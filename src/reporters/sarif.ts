import { rules } from "../../rules/index.js";
import { VERSION } from "../package-info.js";
import { notScanned } from "../report.js";
import type { Finding } from "../types.js";
import type { Reporter } from "./types.js";


/** Percent-encodes each path segment so spaces and non-ASCII names are valid URIs. */
/** A path relative to the root; or an absolute `hf://` URI (`hf-lint hub`), which takes no base. */
function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  if (path.startsWith("hf://")) return { uri: encodeURI(path) };
  return { uri: path.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

/**
 * Where in the file; a finding about the whole file (a committed .env) points at its first line,
 * since GitHub code scanning places only results with at least a start line.
 */
function region(f: Finding) {
  if (f.line === null || f.column === null || f.endLine === null || f.endColumn === null) return { startLine: 1 };
  return { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

/** SARIF 2.1.0, as GitHub code scanning uploads it: one run, every rule described, secrets redacted. */
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
            informationUri: "https://github.com/hf-lint/hf-lint",
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.description },
              helpUri: rule.docsUrl,
              help: { text: `${rule.description} See ${rule.docsUrl}` },
              defaultConfiguration: { level: rule.severity === "error" ? "error" : "warning" },
              properties: { tags: ["security", "secrets"] },
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
          partialFingerprints: { "hfLint/v1": f.fingerprint },
          properties: {
            ...(f.secret ? { secret: f.secret } : {}),
            ...(f.commit ? { commit: f.commit, author: f.author, date: f.date } : {}),
            ...(f.verification ? { verification: f.verification } : {}),
          },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

export default sarif;
