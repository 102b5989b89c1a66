import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { analyzeFile, isBinary } from "../src/engine/analyze.js";
import { readEntry } from "../src/engine/read.js";
import { RuleSet } from "../src/engine/rule-set.js";
import type { Config } from "../src/config/schema.js";
import { base64Keywords } from "../rules/shared/base64.js";
import { redact } from "../rules/shared/credentials.js";
import { tempDir, write } from "./helpers/repo.js";
import { fakeCredential, fakeHfToken, fakeOrgToken } from "./helpers/tokens.js";

const token = fakeHfToken(11);

function findings(text: string | Buffer, path = "a.py", config: Config = {}, showSecrets = false) {
  const content = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return analyzeFile({ path, status: "tracked", content }, new RuleSet(config), { showSecrets });
}

describe("positions", () => {
  it("counts lines and UTF-16 columns, with CRLF, a BOM and no final newline", () => {
    const text = `\uFEFFfirst\r\nsecond é ${token}`;
    const [finding] = findings(text);
    expect(finding).toMatchObject({ line: 2, column: 10, endLine: 2, endColumn: 10 + token.length });
  });

  it("keeps line numbers after invalid UTF-8 bytes", () => {
    const content = Buffer.concat([Buffer.from([0xff, 0xfe, 0x80, 0x0a]), Buffer.from(`x = "${token}"\n`)]);
    expect(findings(content)[0]).toMatchObject({ ruleId: "hf-token", line: 2, column: 6 });
  });

  it("finds a token at the end of a minified line thousands of characters long", () => {
    const text = `${"a=1;".repeat(5000)}k="${token}"`;
    expect(findings(text, "bundle.min.js")[0]).toMatchObject({ line: 1, column: 20004 });
  });
});

describe("de-duplication and precedence", () => {
  it("reports a token passed as token= once, as hf-token", () => {
    expect(findings(`login(token="${token}")`).map((f) => f.ruleId)).toEqual(["hf-token"]);
  });

  it("falls back to hardcoded-token-argument when hf-token is off", () => {
    const result = findings(`login(token="${token}")`, "a.py", { rules: { "hf-token": "off" } });
    expect(result.map((f) => f.ruleId)).toEqual(["hardcoded-token-argument"]);
  });

  it("reports every distinct token on a line", () => {
    const text = `a = "${token}"; b = "${fakeHfToken(12)}"; c = "${fakeOrgToken(3)}"`;
    expect(findings(text).map((f) => f.ruleId)).toEqual(["hf-token", "hf-token", "hf-org-token"]);
  });
});

describe("configuration", () => {
  it("applies severities, overrides and allow patterns", () => {
    const text = `export HUGGINGFACE_TOKEN=x\nlogin(token="${fakeCredential(4)}")\n`; // hf-lint-disable-line legacy-token-env
    expect(findings(text, "run.sh").map((f) => [f.ruleId, f.severity])).toEqual([
      ["legacy-token-env", "warning"],
      ["hardcoded-token-argument", "error"],
    ]);
    const config: Config = {
      rules: { "legacy-token-env": "error" },
      overrides: [{ files: ["scripts/**"], rules: { "legacy-token-env": "off" } }],
      allow: { "hardcoded-token-argument": [`^${fakeCredential(4).slice(0, 6)}`] },
    };
    expect(findings(text, "run.sh", config).map((f) => [f.ruleId, f.severity])).toEqual([["legacy-token-env", "error"]]);
    expect(findings(text, "scripts/run.sh", config)).toEqual([]);
  });

  it("runs a rule that is off globally but on in an override", () => {
    const config: Config = {
      rules: { "hf-token": "off" },
      overrides: [{ files: ["prod/"], rules: { "hf-token": "warn" } }],
    };
    const text = `x = ${token}`;
    expect(findings(text, "dev/a.txt", config)).toEqual([]);
    expect(findings(text, "prod/a.txt", config).map((f) => f.severity)).toEqual(["warning"]);
  });
});

describe("inline suppression", () => {
  // Test names show the template, never the generated token.
  it.each([
    ['x = "TOKEN"  # hf-lint-disable-line', "a.py"],
    ['x = "TOKEN"  // hf-lint-disable-line hf-token', "a.js"],
    ['x = "TOKEN"  /* hf-lint-disable-line hf-org-token, hf-token */', "a.css"],
    ["<!-- hf-lint-disable-next-line -->\nTOKEN", "a.md"],
    ['# hf-lint-disable-next-line hf-token -- fixture for the docs\nx = "TOKEN"', "a.py"],
  ])("%s", (template, path) => {
    expect(findings(template.replace("TOKEN", token), path)).toEqual([]);
  });

  it("only suppresses the rules it names, and only on its line", () => {
    expect(findings(`x = "${token}"  # hf-lint-disable-line legacy-token-env`)).toHaveLength(1);
    expect(findings(`# hf-lint-disable-next-line\n\nx = "${token}"`)).toHaveLength(1);
  });
});

describe("findings", () => {
  it("redacts secrets unless asked, and fingerprints independently of the line", () => {
    const [redacted] = findings(`x = "${token}"`);
    expect(redacted?.secret).toBe(redact(token));
    expect(redacted?.secret).not.toContain(token.slice(5, 30));
    const [shown] = findings(`\n\n\nx = "${token}"`, "a.py", {}, true);
    expect(shown?.secret).toBe(token);
    expect(shown?.line).toBe(4);
    expect(shown?.fingerprint).toBe(redacted?.fingerprint);
  });

  it("gives repeated occurrences of one value different fingerprints", () => {
    const [first, second] = findings(`a = "${token}"\nb = "${token}"`);
    expect(first?.fingerprint).not.toBe(second?.fingerprint);
  });

  it("maps a base64-encoded token back to its encoded characters", () => {
    for (const prefix of ["", "=", "T=", "TOKEN="]) {
      const encoded = Buffer.from(`${prefix}${token}`).toString("base64");
      const [finding] = findings(`data:\n  HF_TOKEN: ${encoded}\n`, "secret.yaml");
      expect(finding?.ruleId).toBe("hf-token");
      expect(finding?.line).toBe(2);
      expect(finding?.secret).toBe(redact(token));
    }
  });
});

describe("base64 keywords", () => {
  it("occur in every alignment of an encoded token", () => {
    const keywords = base64Keywords("hf_");
    for (const prefix of ["", "a", "ab", "abc"]) {
      const encoded = Buffer.from(`${prefix}${token}`).toString("base64");
      expect(keywords.some((keyword) => encoded.includes(keyword))).toBe(true);
    }
  });
});

describe("reading files", () => {
  it("reads a binary file only as far as the binary test, and still skips one over the size limit", () => {
    const dir = tempDir();
    // A NUL at the start makes the file binary; a token far inside it must not be read at all.
    const image = Buffer.concat([Buffer.from([0x89, 0, 1, 2]), Buffer.alloc(3 * 1024 * 1024, 0x41), Buffer.from(token)]);
    write(dir, { "image.png": image, "notes.txt": `${"x".repeat(100_000)}\n${token}\n` });
    const binary = readEntry(join(dir, "image.png"), 10 * 1024 * 1024);
    if (!("content" in binary)) throw new Error("the binary file was not read");
    expect(binary.content.length).toBeLessThanOrEqual(64 * 1024);
    expect(isBinary(binary.content)).toBe(true);
    expect(readEntry(join(dir, "image.png"), 1024 * 1024)).toEqual({ skip: "tooLarge" });
    const text = readEntry(join(dir, "notes.txt"), 10 * 1024 * 1024);
    expect("content" in text && text.content.toString().endsWith(`${token}\n`)).toBe(true);
  });
});
