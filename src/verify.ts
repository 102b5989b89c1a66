import { redact } from "../rules/shared/credentials.js";
import { UsageError } from "./errors.js";
import type { Finding, Verification } from "./types.js";

/** Rules whose secret is a Hub token that whoami can check. */
const VERIFIABLE = new Set(["hf-token", "hf-org-token"]);

export interface VerifyOptions {
  /** The Hub; default `HF_ENDPOINT` (as the Hugging Face libraries read it) when not empty, else huggingface.co. */
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

/** What the Hub said, and for `unknown`, why there is no better answer. */
interface Outcome {
  verification: Verification;
  reason?: string;
}

const unknown = (reason: string): Outcome => ({ verification: { status: "unknown", role: null, owner: null }, reason });

/** The Hub to ask: `endpoint`, else a non-empty `HF_ENDPOINT`, else huggingface.co; an http(s) URL or a UsageError. */
export function hubEndpoint(endpoint?: string): string {
  const value = endpoint || process.env["HF_ENDPOINT"] || "https://huggingface.co";
  const protocol = URL.canParse(value) ? new URL(value).protocol : "";
  if (protocol !== "http:" && protocol !== "https:") {
    // The value is not echoed: an endpoint URL may carry credentials of its own.
    throw new UsageError(`${endpoint ? "the verify endpoint" : "HF_ENDPOINT"} must be an http:// or https:// URL`);
  }
  return value.replace(/\/+$/, "");
}

/** Why a request failed, in a few words that never contain the token. */
function failure(error: unknown, token: string, timeoutMs: number): string {
  if (!(error instanceof Error)) return "no usable answer";
  if (error.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  if (error instanceof SyntaxError) return "the answer is not JSON";
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : "no usable answer";
  return detail.replaceAll(token, redact(token));
}

/**
 * Asks the Hub's whoami endpoint about one token. Never throws: anything but a 2xx or a 401
 * (a 5xx, a timeout, no network) is `unknown`, which is never taken as a pass.
 */
async function whoami(token: string, url: string, timeoutMs: number): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error", // the token goes to the endpoint and nowhere else
    });
    if (response.status === 401) return { verification: { status: "revoked", role: null, owner: null } };
    if (!response.ok) return unknown(`HTTP ${response.status}`);
    // A 2xx that is not whoami's JSON (a captive portal, a proxy page) proves nothing.
    const body = (await response.json()) as WhoAmI;
    const role = body.auth?.accessToken?.role;
    return {
      verification: {
        status: "live",
        role: typeof role === "string" ? role : null,
        owner: typeof body.name === "string" ? body.name : null,
      },
    };
  } catch (error) {
    return unknown(failure(error, token, timeoutMs));
  }
}

function describe({ verification, reason }: Outcome): string {
  const owner = verification.owner ? `, owner ${verification.owner}` : "";
  switch (verification.status) {
    case "live":
      return verification.role === "write"
        ? `LIVE WRITE TOKEN (it can push to the Hub${owner}): revoke it now at https://huggingface.co/settings/tokens.`
        : `Live token (${verification.role ?? "unknown role"}${owner}): revoke it at https://huggingface.co/settings/tokens.`;
    case "revoked":
      return "Revoked token (the Hub rejects it): clean it up.";
    case "unknown":
      return `Could not verify this token (${reason ?? "no usable answer"}): treat it as live until you know otherwise.`;
  }
}

/**
 * Verifies each distinct token once, with bounded concurrency, and returns the findings with
 * `verification` set and the status leading the message. Findings must still hold raw secrets;
 * nothing about a token is logged.
 */
export async function verifyFindings(findings: Finding[], options: VerifyOptions = {}): Promise<Finding[]> {
  const url = `${hubEndpoint(options.endpoint)}/api/whoami-v2`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const tokens = [...new Set(findings.filter((f) => VERIFIABLE.has(f.ruleId) && f.secret).map((f) => f.secret as string))];
  const results = new Map<string, Outcome>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tokens.length) {
      const token = tokens[next++] as string;
      results.set(token, await whoami(token, url, timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, tokens.length) }, worker));
  return findings.map((finding) => {
    const outcome = finding.secret ? results.get(finding.secret) : undefined;
    if (!outcome || !VERIFIABLE.has(finding.ruleId)) return finding;
    return { ...finding, verification: outcome.verification, message: `${describe(outcome)} ${finding.message}` };
  });
}
