/**
 * The `fetch` handed to @huggingface/hub: each request times out, and a 429 (or a 502/503/504)
 * is retried a bounded number of times, after the server's Retry-After when it gives one. The
 * wait holds back every request of the scan, not only the one refused: the limit is per client.
 */

export interface HubFetchOptions {
  /** Per attempt, milliseconds, body included. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries?: number;
  /** A Retry-After longer than this (seconds) is not waited for: the request fails. */
  maxWaitSeconds?: number;
}

const RETRIED = new Set([429, 502, 503, 504]);
const DEFAULT_RETRIES = 3;
/** The Hub's rate limits count over five minutes: a longer wait is not a temporary refusal. */
const DEFAULT_MAX_WAIT_SECONDS = 300;

/** Seconds to wait from a Retry-After header (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export class RateLimitedError extends Error {
  constructor(readonly status: number, readonly waitSeconds: number | undefined) {
    super(
      waitSeconds === undefined
        ? `HTTP ${status} after retrying`
        : `HTTP ${status}: the Hub asked to wait ${waitSeconds} s (more than hf-lint waits)`,
    );
  }
}

export function hubFetch(options: HubFetchOptions): typeof fetch {
  const retries = options.retries ?? DEFAULT_RETRIES;
  const maxWait = options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS;
  let resumeAt = 0;
  const pause = (): Promise<void> | undefined => {
    const wait = resumeAt - Date.now();
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : undefined;
  };
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      await pause();
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      const response = await fetch(input, { ...init, signal });
      if (!RETRIED.has(response.status)) return response;
      await response.body?.cancel();
      const wait = retryAfterSeconds(response.headers.get("retry-after")) ?? 2 ** attempt;
      if (attempt >= retries || wait > maxWait) {
        throw new RateLimitedError(response.status, response.headers.has("retry-after") ? wait : undefined);
      }
      resumeAt = Math.max(resumeAt, Date.now() + wait * 1000);
    }
  };
}

/** Why a request failed, in a few words (never the request's headers, so never the token). */
export function failureReason(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === "number") {
    // HubApiError's message ends with ". URL: …" and a request id: the status and first sentence say enough.
    const detail = error.message.split(". URL: ")[0] ?? "";
    return detail.startsWith("Api error with status") || detail === "" ? `HTTP ${status}` : `HTTP ${status}: ${detail}`;
  }
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === "string" ? `${error.message} (${cause.code})` : error.message;
}
