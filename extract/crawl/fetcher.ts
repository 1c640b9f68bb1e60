// A polite request (GET, or POST for list APIs and paging forms): paced per host, retried with exponential backoff and jitter on 5xx, 429,
// resets, timeouts and truncated bodies, Retry-After honoured (for the whole host), redirects
// followed up to a limit with loops detected and every hop checked (allowed host, robots,
// private address), and conditional headers sent when validators are known.
import { FetchError, httpRequest, parseRetryAfter, type HttpAgents, type HttpResponse } from "./http-request.ts";
import { sleep, type SourceLanes } from "./host-lanes.ts";
import type { Politeness } from "./source-config.ts";

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchContext {
  agents: HttpAgents;
  lanes: SourceLanes;
  politeness: Politeness;
  userAgent: string;
  signal?: AbortSignal;
  /** Source of randomness for jitter (tests may fix it). */
  random?: () => number;
  /** Called as each request is sent (retries and redirect hops included). */
  onRequest?: (url: string, conditional: boolean) => void;
  /** Called as each request has been written (performance.now()): what the pacer spaced. */
  onSent?: (url: string, at: number) => void;
  /** Sent with every request (the source's headers). */
  headers?: Record<string, string>;
}

export interface FetchResult extends HttpResponse {
  /** Every URL requested, the first one and each redirect target. */
  chain: string[];
  /** Requests sent, retries and redirects included. */
  requests: number;
  /** The request carried If-None-Match / If-Modified-Since. */
  conditional: boolean;
  /** A redirect led to a URL `stopAt` knows (the same document, fetched already): its body was not requested. */
  aliasOf?: string;
}

export interface FetchOptions {
  validators?: Validators;
  maxBytes: number;
  /** Why a URL (the first or a redirect target) must not be requested, or null. */
  checkUrl: (url: string) => Promise<string | null> | string | null;
  method?: "GET" | "POST";
  body?: string;
  /** Headers of this request (a list's), over the context's. */
  headers?: Record<string, string>;
  /** The page the link was found on. */
  referer?: string;
  /** A redirect target already fetched in this run: the request stops there instead of fetching it again. */
  stopAt?: (url: string) => boolean;
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
  let method = o.method ?? "GET";
  let body = o.body;
  const conditional = !!(o.validators?.etag || o.validators?.lastModified);
  for (;;) {
    if (chain.includes(current)) throw new FetchError("redirect", `redirect loop: ${[...chain, current].join(" → ")}`, false);
    if (chain.length > ctx.politeness.maxRedirects) {
      throw new FetchError("redirect", `more than ${ctx.politeness.maxRedirects} redirects: ${chain.join(" → ")}`, false);
    }
    chain.push(current);
    const refused = await o.checkUrl(current);
    if (refused) throw new FetchError(chain.length > 1 ? "redirect" : "host-not-allowed", chain.length > 1 ? `redirected to ${current}: ${refused}` : refused, false);
    if (chain.length > 1 && o.stopAt?.(current)) return { url: current, status: 200, headers: {}, body: new Uint8Array(), chain, requests, conditional, aliasOf: current };

    const headers: Record<string, string> = {
      "user-agent": ctx.userAgent,
      accept: "text/html,application/xhtml+xml,application/pdf,application/octet-stream;q=0.9,*/*;q=0.8",
      "accept-encoding": "gzip, deflate, br",
      "accept-language": "zh-CN,zh;q=0.9",
      ...lower(ctx.headers), ...lower(o.headers),
    };
    // As a browser: the page the link was on, kept across redirects; else the previous hop.
    if (o.referer) headers.referer = o.referer;
    else if (chain.length > 1) headers.referer = chain[chain.length - 2]!;
    if (body !== undefined && !headers["content-type"]) {
      headers["content-type"] = /^\s*[[{]/.test(body) ? "application/json;charset=UTF-8" : "application/x-www-form-urlencoded; charset=UTF-8";
    }
    // Validators belong to the URL they came from: sent on the first hop only.
    if (chain.length === 1 && o.validators?.etag) headers["if-none-match"] = o.validators.etag;
    if (chain.length === 1 && o.validators?.lastModified) headers["if-modified-since"] = o.validators.lastModified;

    const { response, sent } = await requestWithRetries(current, { method, headers, body }, ctx, o.maxBytes);
    requests += sent;
    if (REDIRECT.has(response.status)) {
      const location = response.headers.location;
      if (!location) throw new FetchError("redirect", `HTTP ${response.status} without a Location header`, false, response.status);
      current = new URL(location, current).href.replace(/#.*$/, "");
      // 301/302/303 after a POST are followed with a GET, as browsers do; 307/308 repeat the request.
      if (response.status <= 303) { method = "GET"; body = undefined; }
      continue;
    }
    return { ...response, url: current, chain, requests, conditional };
  }
}

const lower = (h: Record<string, string> | undefined) => Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

interface Outgoing { method: "GET" | "POST"; headers: Record<string, string>; body?: string }

async function requestWithRetries(url: string, out: Outgoing, ctx: FetchContext, maxBytes: number): Promise<{ response: HttpResponse; sent: number }> {
  const p = ctx.politeness;
  const { headers } = out;
  const lane = ctx.lanes.lane(url);
  for (let attempt = 0; ; attempt++) {
    let error: FetchError;
    try {
      // A slot of the host for this attempt (its backoff waits outside it), then its turn by the pacer.
      const response = await lane.slots.use(async () => {
        const turn = await lane.pacer.acquire(ctx.signal);
        try {
          if (ctx.signal?.aborted) throw new FetchError("network", "crawl aborted", false);
          ctx.onRequest?.(url, headers["if-none-match"] !== undefined || headers["if-modified-since"] !== undefined);
          return await httpRequest(url, {
            agents: ctx.agents, method: out.method, headers, body: out.body, timeoutMs: p.timeoutMs, deadlineMs: p.deadlineMs, maxBytes, signal: ctx.signal,
            onSent: () => { turn.sent(); ctx.onSent?.(url, performance.now()); },
          });
        } finally {
          turn.release();
        }
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
