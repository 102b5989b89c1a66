import { TOKEN_KINDS, redact } from "../rules/shared/credentials.js";
import { UsageError } from "./errors.js";
import type { Finding, Verification } from "./types.js";

/** Rules whose secret is a Hub token that whoami can check. */
const VERIFIABLE = new Set(TOKEN_KINDS.filter((kind) => kind.verifiable).map((kind) => kind.rule));

export interface VerifyOptions {
  /** The Hub; default `HF_ENDPOINT` (as the Hugging Face libraries read it) when not empty, else huggingface.co. */
  endpoint?: string;
  /** Per request, milliseconds. */
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Told once, before any request, when the tokens go to a host other than huggingface.co. */
  onNotice?: (message: string) => void;
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

const DEFAULT_HUB = "https://huggingface.co";
/** What whoami may send back; anything larger is not whoami's answer and is not read further. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/** Loopback hosts, the only ones a token may be sent to in clear text (a local mirror or test server). */
function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The Hub to ask: `endpoint`, else a non-empty `HF_ENDPOINT`, else huggingface.co. Tokens travel
 * only over https (plain http to loopback alone) and only to a plain base URL: anything else is a
 * UsageError, raised before the scan. The value is never echoed: it may carry credentials.
 */
export function hubEndpoint(endpoint?: string): string {
  const name = endpoint ? "the verify endpoint" : "HF_ENDPOINT";
  const value = endpoint || process.env["HF_ENDPOINT"] || DEFAULT_HUB;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(`${name} must be an http:// or https:// URL`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new UsageError(`${name} must use https:// (plain http is allowed only for localhost): tokens would travel in clear text`);
  }
  if (url.search || url.hash || value.includes("?") || value.includes("#")) {
    throw new UsageError(`${name} must be a base URL without a query or fragment`);
  }
  return value.replace(/\/+$/, "");
}

/** The host tokens are sent to, when it is not the Hugging Face Hub itself: worth telling the user. */
export function foreignHost(endpoint: string): string | null {
  const { host } = new URL(endpoint);
  return host === new URL(DEFAULT_HUB).host ? null : host;
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
    if (!response.ok) {
      await response.body?.cancel();
      return unknown(`HTTP ${response.status}`);
    }
    // A 2xx that is not whoami's JSON (a captive portal, a proxy page) proves nothing.
    const text = await readCapped(response, MAX_ANSWER_BYTES);
    if (text === null) return unknown(`the answer is larger than ${MAX_ANSWER_BYTES / 1024} KiB`);
    const body = JSON.parse(text) as WhoAmI;
    const role = body.auth?.accessToken?.role;
    return {
      verification: { status: "live", role: printable(role), owner: printable(body.name) },
    };
  } catch (error) {
    return unknown(failure(error, token, timeoutMs));
  }
}

/** The body as text, or null past `limit` bytes (the rest is never read). The fetch's signal still applies. */
async function readCapped(response: Response, limit: number): Promise<string | null> {
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > limit) {
      await response.body.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A string the server sent, safe to print: control characters removed, length bounded; else null. */
function printable(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, "").slice(0, 100);
  return clean === "" ? null : clean;
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
  const endpoint = hubEndpoint(options.endpoint);
  const url = `${endpoint}/api/whoami-v2`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const tokens = [...new Set(findings.filter((f) => VERIFIABLE.has(f.ruleId) && f.secret).map((f) => f.secret as string))];
  const host = foreignHost(endpoint);
  if (host && tokens.length > 0) options.onNotice?.(`--verify sends the tokens it found to ${host} (HF_ENDPOINT), not to huggingface.co`);
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
