// A polite GET: paced per host, retried with exponential backoff and jitter on 5xx, 429,
// resets, timeouts and truncated bodies, Retry-After honoured (for the whole host), redirects
// followed up to a limit with loops detected and every hop checked (allowed host, robots,
// private address), and conditional headers sent when validators are known.
import { FetchError, httpGet, parseRetryAfter, type HttpAgents, type HttpResponse } from "./http-request.ts";
import { sleep, type HostLanes } from "./host-lanes.ts";
import type { Politeness } from "./source-config.ts";

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchContext {
  agents: HttpAgents;
  lanes: HostLanes;
  politeness: Politeness;
  userAgent: string;
  signal?: AbortSignal;
  /** Source of randomness for jitter (tests may fix it). */
  random?: () => number;
  /** Called as each request is sent (retries and redirect hops included). */
  onRequest?: (url: string, conditional: boolean) => void;
}

export interface FetchResult extends HttpResponse {
  /** Every URL requested, the first one and each redirect target. */
  chain: string[];
  /** Requests sent, retries and redirects included. */
  requests: number;
  /** The request carried If-None-Match / If-Modified-Since. */
  conditional: boolean;
}

export interface FetchOptions {
  validators?: Validators;
  maxBytes: number;
  /** Why a URL (the first or a redirect target) must not be requested, or null. */
  checkUrl: (url: string) => Promise<string | null> | string | null;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);

/** Backoff before retry `attempt` (1-based): base·2^(attempt-1), capped, the upper half jittered. */
export function backoffMs(attempt: number, p: Politeness, random: () => number = Math.random): number {
  const cap = Math.min(p.backoffMaxMs, p.backoffBaseMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export async function politeFetch(url: string, ctx: FetchContext, o: FetchOptions): Promise<FetchResult> {
  const chain: string[] = [];
  let requests = 0;
  let current = url;
  const conditional = !!(o.validators?.etag || o.validators?.lastModified);
  for (;;) {
    if (chain.includes(current)) throw new FetchError("redirect", `redirect loop: ${[...chain, current].join(" → ")}`, false);
    if (chain.length > ctx.politeness.maxRedirects) {
      throw new FetchError("redirect", `more than ${ctx.politeness.maxRedirects} redirects: ${chain.join(" → ")}`, false);
    }
    chain.push(current);
    const refused = await o.checkUrl(current);
    if (refused) throw new FetchError(chain.length > 1 ? "redirect" : "host-not-allowed", chain.length > 1 ? `redirected to ${current}: ${refused}` : refused, false);

    const headers: Record<string, string> = {
      "user-agent": ctx.userAgent,
      accept: "text/html,application/xhtml+xml,application/pdf,application/octet-stream;q=0.9,*/*;q=0.8",
      "accept-encoding": "gzip, deflate, br",
      "accept-language": "zh-CN,zh;q=0.9",
    };
    if (chain.length > 1) headers.referer = chain[chain.length - 2]!;
    // Validators belong to the URL they came from: sent on the first hop only.
    if (chain.length === 1 && o.validators?.etag) headers["if-none-match"] = o.validators.etag;
    if (chain.length === 1 && o.validators?.lastModified) headers["if-modified-since"] = o.validators.lastModified;

    const { response, sent } = await requestWithRetries(current, headers, ctx, o.maxBytes);
    requests += sent;
    if (REDIRECT.has(response.status)) {
      const location = response.headers.location;
      if (!location) throw new FetchError("redirect", `HTTP ${response.status} without a Location header`, false, response.status);
      current = new URL(location, current).href.replace(/#.*$/, "");
      continue;
    }
    return { ...response, url: current, chain, requests, conditional };
  }
}

async function requestWithRetries(
  url: string, headers: Record<string, string>, ctx: FetchContext, maxBytes: number,
): Promise<{ response: HttpResponse; sent: number }> {
  const p = ctx.politeness;
  const lane = ctx.lanes.lane(url);
  for (let attempt = 0; ; attempt++) {
    await lane.pacer.wait(ctx.signal);
    if (ctx.signal?.aborted) throw new FetchError("network", "crawl aborted", false);
    let error: FetchError;
    ctx.onRequest?.(url, headers["if-none-match"] !== undefined || headers["if-modified-since"] !== undefined);
    try {
      const response = await httpGet(url, {
        agents: ctx.agents, headers, timeoutMs: p.timeoutMs, deadlineMs: p.deadlineMs, maxBytes, signal: ctx.signal, onSent: () => lane.pacer.sent(),
      });
      if (response.status < 400 || REDIRECT.has(response.status)) return { response, sent: attempt + 1 };
      const retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
      error = new FetchError("http-status", `HTTP ${response.status}`, RETRYABLE_STATUS.has(response.status), response.status, retryAfterMs);
    } catch (e) {
      if (!(e instanceof FetchError)) throw e;
      error = e;
    }
    if (!error.retryable) throw withAttempts(error, attempt + 1);
    if (error.retryAfterMs !== undefined && error.retryAfterMs > p.maxRetryAfterMs) {
      throw new FetchError("retry-after", `${error.message}, Retry-After ${Math.round(error.retryAfterMs / 1000)} s exceeds ${p.maxRetryAfterMs / 1000} s: left for a later run`, false, error.status);
    }
    if (attempt >= p.maxRetries) throw withAttempts(error, attempt + 1);
    const wait = Math.max(backoffMs(attempt + 1, p, ctx.random), error.retryAfterMs ?? 0);
    // Retry-After speaks for the server, not just this URL: hold the whole host.
    if (error.retryAfterMs !== undefined) lane.pacer.holdFor(error.retryAfterMs);
    await sleep(wait, ctx.signal);
  }
}

function withAttempts(e: FetchError, attempts: number): FetchError {
  if (attempts <= 1) return e;
  return new FetchError(e.kind, `${e.message} (after ${attempts} attempts)`, e.retryable, e.status, e.retryAfterMs);
}
