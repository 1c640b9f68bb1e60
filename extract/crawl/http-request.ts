// One HTTP request (GET, or POST with a body: list APIs and paging forms) with node:http(s): no redirects followed (the fetcher does that, checking each
// hop), a timeout on headers and on every pause in the body, a whole-request deadline, a size
// limit, gzip/deflate/br decoding, and truncation detected (Content-Length or an unfinished
// chunked body). Errors are FetchErrors that say whether a retry may help.
import http from "node:http";
import https from "node:https";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { Readable } from "node:stream";
import { guardedLookup, literalAddressProblem } from "./safe-address.ts";

export type FailureKind =
  | "http-status" | "timeout" | "reset" | "truncated" | "too-large" | "network"
  | "private-address" | "host-not-allowed" | "redirect" | "robots" | "content" | "retry-after";

export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    /** From a Retry-After header, when the server sent one. */
    readonly retryAfterMs?: number,
  ) { super(message); }
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface HttpAgents { http: http.Agent; https: https.Agent; allowPrivate: boolean }

/** Keep-alive agents; with allowPrivate false their DNS lookup refuses private addresses. */
export function createAgents(allowPrivate: boolean): HttpAgents {
  const lookup = allowPrivate ? undefined : (guardedLookup as unknown as http.AgentOptions["lookup"]);
  return {
    http: new http.Agent({ keepAlive: true, maxSockets: 16, lookup }),
    https: new https.Agent({ keepAlive: true, maxSockets: 16, lookup }),
    allowPrivate,
  };
}

export function destroyAgents(a: HttpAgents): void {
  a.http.destroy();
  a.https.destroy();
}

export interface RequestOptions {
  agents: HttpAgents;
  headers: Record<string, string>;
  method?: "GET" | "POST";
  /** POST body (its Content-Type is in headers). */
  body?: string;
  /** Time to response headers, and the longest pause in the body. */
  timeoutMs: number;
  deadlineMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  /** Called when the request has been written to the socket (for pacing from the real send time). */
  onSent?: () => void;
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE", "UND_ERR_SOCKET"]);
const NETWORK_RETRYABLE = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ETIMEDOUT", "ENOTFOUND"]);

export function httpRequest(url: string, o: RequestOptions): Promise<HttpResponse> {
  const u = new URL(url);
  if (!o.agents.allowPrivate) {
    const problem = literalAddressProblem(u.hostname);
    if (problem) return Promise.reject(new FetchError("private-address", problem, false));
  }
  const lib = u.protocol === "https:" ? https : http;
  const agent = u.protocol === "https:" ? o.agents.https : o.agents.http;

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (e: FetchError | null, r?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      o.signal?.removeEventListener("abort", onAbort);
      if (e) { req.destroy(); reject(e); } else resolve(r!);
    };
    const deadline = setTimeout(() => finish(new FetchError("timeout", `no complete response within ${o.deadlineMs} ms`, true)), o.deadlineMs);
    const onAbort = () => finish(new FetchError("network", "crawl aborted", false));
    o.signal?.addEventListener("abort", onAbort);

    const body = o.body !== undefined ? Buffer.from(o.body, "utf8") : undefined;
    const headers = body ? { ...o.headers, "content-length": String(body.length) } : o.headers;
    const req = lib.request(u, { method: o.method ?? "GET", agent, headers, timeout: o.timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
      const declared = headers["content-length"] !== undefined ? Number(headers["content-length"]) : undefined;
      if (declared !== undefined && declared > o.maxBytes) {
        return finish(new FetchError("too-large", `Content-Length ${declared} exceeds the limit of ${o.maxBytes} bytes`, false, status));
      }
      const encoding = (headers["content-encoding"] ?? "").trim().toLowerCase();
      let stream: Readable = res;
      if (encoding === "gzip" || encoding === "x-gzip") stream = res.pipe(createGunzip());
      else if (encoding === "deflate") stream = res.pipe(createInflate());
      else if (encoding === "br") stream = res.pipe(createBrotliDecompress());

      const chunks: Buffer[] = [];
      let wire = 0;
      let size = 0;
      res.on("data", (c: Buffer) => { wire += c.length; });
      stream.on("data", (c: Buffer) => {
        size += c.length;
        if (size > o.maxBytes) return finish(new FetchError("too-large", `body exceeds the limit of ${o.maxBytes} bytes`, false, status));
        chunks.push(c);
      });
      const truncated = () => new FetchError("truncated", `connection closed mid-body: got ${wire}${declared !== undefined ? ` of ${declared}` : ""} bytes`, true, status);
      res.on("aborted", () => finish(truncated()));
      res.on("error", (e: NodeJS.ErrnoException) => finish(RESET_CODES.has(e.code ?? "") || e.message === "aborted" ? truncated() : new FetchError("network", `reading the body: ${e.message}`, true, status)));
      stream.on("error", (e: Error) => finish(new FetchError("truncated", `body does not decode as ${encoding}: ${e.message}`, true, status)));
      stream.on("end", () => {
        if (!res.complete) return finish(truncated());
        if (declared !== undefined && !encoding && wire !== declared) return finish(truncated());
        finish(null, { url, status, headers, body: Buffer.concat(chunks) });
      });
    });
    req.on("finish", () => o.onSent?.());
    req.end(body);
    req.on("timeout", () => finish(new FetchError("timeout", `no data for ${o.timeoutMs} ms`, true)));
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPRIVATEADDR") return finish(new FetchError("private-address", e.message, false));
      if (RESET_CODES.has(e.code ?? "") || /socket hang up/.test(e.message)) return finish(new FetchError("reset", `connection reset (${e.code ?? e.message})`, true));
      finish(new FetchError("network", `${e.code ?? "error"}: ${e.message}`, NETWORK_RETRYABLE.has(e.code ?? "")));
    });
  });
}
