// What every handler of one crawl shares: the source, its crawl state, the raw store, the
// request queue, the polite fetcher (its host lanes, robots.txt, address guard) and the
// outcome records. Handlers decide what a response means; the context does the bookkeeping.
import { createHash, randomBytes } from "node:crypto";
import { mediaTypeOf, type ContentFormat } from "../formats/format-registry.ts";
import { contentDispositionName } from "./content-disposition.ts";
import type { CrawlState, RunHeader, UrlRecord } from "./crawl-state.ts";
import { politeFetch, type FetchContext, type FetchResult, type Validators } from "./fetcher.ts";
import { FetchError } from "./http-request.ts";
import { isAllowedUrl, type FoundLink } from "./link-rules.ts";
import type { RawStore } from "./raw-store.ts";
import type { CrawlRequest, RequestQueue } from "./request-queue.ts";
import { RobotsRules, type RobotsFetch } from "./robots.ts";
import type { DocumentAliases } from "./document-aliases.ts";
import type { Source } from "./source-config.ts";

export const nowIso = () => new Date().toISOString();
export const configHash = (source: Source) => createHash("sha256").update(JSON.stringify(source)).digest("hex").slice(0, 16);
export const newCrawlRunId = () => `${nowIso().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${randomBytes(3).toString("hex")}`;

/** Largest robots.txt read. */
const MAX_ROBOTS_BYTES = 512 * 1024;

export interface CrawlServices {
  source: Source;
  state: CrawlState;
  store: RawStore;
  run: RunHeader;
  queue: RequestQueue;
  aliases: DocumentAliases;
  fetch: FetchContext;
  /** A 304 page is trusted to have the links stored for it only if the rules that chose them are unchanged. */
  trustStoredLinks: boolean;
  log: (line: string) => void;
  signal?: AbortSignal;
}

export class CrawlContext {
  readonly source: Source;
  readonly state: CrawlState;
  readonly store: RawStore;
  readonly run: RunHeader;
  readonly queue: RequestQueue;
  readonly aliases: DocumentAliases;
  readonly fetchContext: FetchContext;
  readonly trustStoredLinks: boolean;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
  readonly robots: RobotsRules;
  /** Final URLs of documents fetched in this run: a redirect to one of them is the same document. */
  readonly fetchedFinals = new Map<string, string>();
  /** The site's own scripts fetched in this run (for link functions a page calls but does not define), by URL. */
  readonly scripts = new Map<string, Promise<string>>();

  constructor(s: CrawlServices) {
    ({ source: this.source, state: this.state, store: this.store, run: this.run, queue: this.queue, aliases: this.aliases } = s);
    ({ fetch: this.fetchContext, trustStoredLinks: this.trustStoredLinks, log: this.log, signal: this.signal } = s);
    this.robots = new RobotsRules(this.source.userAgent, (robotsUrl) => this.loadRobots(robotsUrl));
  }

  get aborted(): boolean {
    return this.signal?.aborted ?? false;
  }

  hostCheck = (url: string): string | null => (isAllowedUrl(url, this.source) ? null : `host ${new URL(url).hostname} is not in allowedHosts`);
  checkUrl = async (url: string): Promise<string | null> => this.hostCheck(url) ?? (await this.robots.verdict(url)).disallowed;

  /** robots.txt for the request's origin read (Crawl-delay applied to its lane); why it may not be fetched, or null. */
  async robotsVerdict(url: string): Promise<string | null> {
    const verdict = await this.robots.verdict(url);
    if (verdict.crawlDelayMs !== undefined) {
      this.fetchContext.lanes.lane(url).setCrawlDelay(Math.min(verdict.crawlDelayMs, this.source.politeness.maxCrawlDelayMs));
    }
    return verdict.disallowed;
  }

  record(key: string): UrlRecord | undefined {
    return this.state.records.get(key);
  }

  /** The fields every outcome of this request carries. */
  base(request: CrawlRequest) {
    const rec = this.record(request.key);
    return {
      url: request.url, ...(request.key !== request.url ? { key: request.key } : {}),
      ...(request.method === "POST" ? { method: "POST" as const, body: request.body } : {}),
      depth: request.depth, referrer: request.referrer ?? rec?.referrer, linkText: request.linkText || rec?.linkText,
      runId: this.run.id, checkedAt: nowIso(), versions: rec?.versions ?? [],
    };
  }

  async fail(request: CrawlRequest, kind: string, reason: string, httpStatus?: number, status: "failed" | "skipped" = "failed"): Promise<void> {
    const rec = this.record(request.key);
    await this.state.put({ ...(rec ?? {}), ...this.base(request), kind: rec?.kind ?? (request.kind === "list" ? "list" : request.kind), status, httpStatus, failure: { kind, reason, at: nowIso() } });
    if (status === "failed") this.log(`FAILED ${request.url}: ${reason}`);
  }

  /** Validators of a record whose content is still in the raw store. */
  async validatorsFor(rec: UrlRecord | undefined, reusable: boolean): Promise<Validators | undefined> {
    if (!reusable || !rec?.sha256 || !rec.format || !(await this.store.has(rec.sha256, rec.format))) return undefined;
    if (!rec.etag && !rec.lastModified) return undefined;
    return { etag: rec.etag, lastModified: rec.lastModified };
  }

  /** Fetches a request politely: its method and body, the source's headers, the referring page as Referer. */
  fetch(request: CrawlRequest, o: { maxBytes: number; validators?: Validators; stopAt?: (url: string) => boolean }): Promise<FetchResult> {
    return politeFetch(request.url, this.fetchContext, {
      maxBytes: o.maxBytes, validators: o.validators, checkUrl: this.checkUrl, stopAt: o.stopAt,
      method: request.method, body: request.body, headers: request.headers,
      referer: this.source.referer === "page" ? request.referrer : undefined,
    });
  }

  async storeBody(r: FetchResult, format: ContentFormat, request: { url: string; referrer?: string; linkText?: string }) {
    const remoteName = contentDispositionName(r.headers["content-disposition"]);
    const { sha256 } = await this.store.put(r.body, format, mediaTypeOf(format), {
      url: request.url, finalUrl: r.url, source: this.source.name, fetchedAt: nowIso(), status: r.status, headers: r.headers,
      linkText: request.linkText || undefined, referrer: request.referrer, remoteFileName: remoteName,
    });
    return {
      sha256,
      fields: {
        httpStatus: r.status, finalUrl: r.url !== request.url ? r.url : undefined, etag: r.headers.etag, lastModified: r.headers["last-modified"],
        sha256, format, size: r.body.length, notModified: false, failure: undefined, remoteName,
      },
    };
  }

  /** Versions after a fetch of `sha256`: a new entry only when the content changed. */
  nextVersions(rec: UrlRecord | undefined, sha256: string): UrlRecord["versions"] {
    const versions = rec?.versions ?? [];
    return versions.at(-1)?.sha256 === sha256 ? versions : [...versions, { sha256, fetchedAt: nowIso() }];
  }

  /**
   * Queues the links found at `from`: pages of a list and frames at the same depth (a list's
   * pages counted against pagination.maxPages), other pages one deeper within maxDepth,
   * attachments of a page at the depth limit still taken.
   */
  enqueueLinks(from: CrawlRequest, links: readonly FoundLink[]): void {
    const maxPages = this.source.pagination.maxPages;
    for (const l of links) {
      if (this.aborted) return;
      const sameLevel = l.pagination || l.frame;
      const depth = sameLevel ? from.depth : from.depth + 1;
      if (l.kind === "page" && depth > this.source.maxDepth) continue;
      let list = from.list;
      if (l.pagination) {
        list = { root: from.list?.root ?? from.key, page: l.pageNo ?? (from.list?.page ?? 0) + 1 };
        if (list.page >= maxPages) continue;
      } else if (!l.frame) list = undefined;
      this.queue.add({ ...l, depth, referrer: from.url, linkText: l.text, list });
    }
  }

  private async loadRobots(robotsUrl: string): Promise<RobotsFetch> {
    const rec = this.record(robotsUrl);
    const validators = await this.validatorsFor(rec, true);
    const base = { url: robotsUrl, kind: "robots" as const, depth: 0, runId: this.run.id, checkedAt: nowIso(), versions: rec?.versions ?? [] };
    try {
      const r = await politeFetch(robotsUrl, this.fetchContext, { validators, maxBytes: MAX_ROBOTS_BYTES, checkUrl: this.hostCheck });
      if (r.status === 304 && validators) {
        await this.state.put({ ...rec!, ...base, status: "ok", httpStatus: 304, notModified: true, failure: undefined });
        return { kind: "ok", text: (await this.store.read(rec!.sha256!, rec!.format!)).toString("utf8") };
      }
      const stored = await this.storeBody(r, "text", { url: robotsUrl });
      await this.state.put({ ...base, ...stored.fields, status: "ok", versions: this.nextVersions(rec, stored.sha256) });
      return { kind: "ok", text: Buffer.from(r.body).toString("utf8") };
    } catch (e) {
      const err = asFetchError(e);
      if (err.kind === "http-status" && err.status !== undefined && err.status >= 400 && err.status < 500) {
        await this.state.put({ ...base, status: "ok", httpStatus: err.status });
        return { kind: "missing", status: err.status };
      }
      await this.state.put({ ...(rec ?? {}), ...base, status: "failed", httpStatus: err.status, failure: { kind: err.kind, reason: err.message, at: nowIso() } });
      this.log(`robots.txt ${robotsUrl}: ${err.message}`);
      return { kind: "unreachable", reason: err.message };
    }
  }
}

export function asFetchError(e: unknown): FetchError {
  return e instanceof FetchError ? e : new FetchError("network", (e as Error).message ?? String(e), false);
}
