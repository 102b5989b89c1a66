import type { Finding, Verification } from "./types.js";

/** Rules whose secret is a Hub token that whoami can check. */
const VERIFIABLE = new Set(["hf-token", "hf-org-token"]);

export interface VerifyOptions {
  /** The Hub; default `HF_ENDPOINT` (as the Hugging Face libraries read it), else huggingface.co. */
  endpoint?: string;
  /** Per request, milliseconds. */
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

export const DEFAULT_VERIFY_TIMEOUT_MS = 5000;

interface WhoAmI {
  name?: unknown;
  auth?: { accessToken?: { role?: unknown } };
}

/**
 * Asks the Hub's whoami endpoint about one token. Never throws: anything but a 2xx or a 401
 * (a 5xx, a timeout, no network) is `unknown`, which is never taken as a pass.
 */
async function whoami(token: string, url: string, timeoutMs: number): Promise<Verification> {
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error", // the token goes to the endpoint and nowhere else
    });
    if (response.status === 401) return { status: "revoked", role: null, owner: null };
    if (!response.ok) return { status: "unknown", role: null, owner: null };
    const body = (await response.json()) as WhoAmI;
    const role = body.auth?.accessToken?.role;
    return {
      status: "live",
      role: typeof role === "string" ? role : null,
      owner: typeof body.name === "string" ? body.name : null,
    };
  } catch {
    return { status: "unknown", role: null, owner: null };
  }
}

function describe(verification: Verification): string {
  const owner = verification.owner ? `, owner ${verification.owner}` : "";
  switch (verification.status) {
    case "live":
      return verification.role === "write"
        ? `LIVE WRITE TOKEN (it can push to the Hub${owner}): revoke it now at https://huggingface.co/settings/tokens.`
        : `Live token (${verification.role ?? "unknown role"}${owner}): revoke it at https://huggingface.co/settings/tokens.`;
    case "revoked":
      return "Revoked token (the Hub rejects it): clean it up.";
    case "unknown":
      return "Could not verify this token (no answer from the Hub).";
  }
}

/**
 * Verifies each distinct token once, with bounded concurrency, and returns the findings with
 * `verification` set and the status leading the message. Findings must still hold raw secrets;
 * nothing about a token is logged.
 */
export async function verifyFindings(findings: Finding[], options: VerifyOptions = {}): Promise<Finding[]> {
  const endpoint = (options.endpoint ?? process.env["HF_ENDPOINT"] ?? "https://huggingface.co").replace(/\/+$/, "");
  const url = `${endpoint}/api/whoami-v2`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const tokens = [...new Set(findings.filter((f) => VERIFIABLE.has(f.ruleId) && f.secret).map((f) => f.secret as string))];
  const results = new Map<string, Verification>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tokens.length) {
      const token = tokens[next++] as string;
      results.set(token, await whoami(token, url, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, tokens.length) }, worker));
  return findings.map((finding) => {
    const verification = finding.secret ? results.get(finding.secret) : undefined;
    if (!verification || !VERIFIABLE.has(finding.ruleId)) return finding;
    return { ...finding, verification, message: `${describe(verification)} ${finding.message}` };
  });
}
