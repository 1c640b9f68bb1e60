// The focused crawler, structured as Crawlee structures one: a request queue over the crawl
// state (request-queue.ts), handlers routed by what a URL is (router.ts, handlers/), storage
// in the raw store, all sharing one context (crawl-context.ts). From a source's start pages
// and lists it follows the links its rules want within its hosts and depth, each request once
// per run, politely (host lanes shared by every source), conditionally on re-runs; a killed
// run resumes where it stopped; failures are recorded, never thrown.
import { createAgents, destroyAgents } from "./http-request.ts";
import { CrawlState, type RunHeader, type UrlRecord } from "./crawl-state.ts";
import { CrawlContext, configHash, newCrawlRunId, nowIso } from "./crawl-context.ts";
import { crawledDocuments, type CrawledDocument } from "./crawled-documents.ts";
import { adapterList, listLink } from "./data-lists.ts";
import { DocumentAliases } from "./document-aliases.ts";
import { HOST_LANES } from "./host-lanes.ts";
import { isAllowedUrl } from "./link-rules.ts";
import { RawStore } from "./raw-store.ts";
import { RequestQueue, type CrawlRequest } from "./request-queue.ts";
import { createRouter, dispatch, type Handler } from "./router.ts";
import type { Source } from "./source-config.ts";

export { configHash } from "./crawl-context.ts";

export interface CrawlOptions {
  dataDir: string;
  signal?: AbortSignal;
  /** Progress and failures, one line each. */
  log?: (line: string) => void;
  /** Jitter source (tests may fix it). */
  random?: () => number;
  /** Each request as it was written, with performance.now() (tests and benches measure the pacing by it). */
  onSent?: (url: string, at: number) => void;
}

export interface CrawlReport {
  source: string;
  runId: string;
  /** This run continued one that was killed. */
  resumed: boolean;
  /** The run stopped early (aborted); it resumes on the next start. */
  interrupted: boolean;
  /** URLs handled in this run, by outcome. */
  fetched: number;
  notModified: number;
  failed: UrlRecord[];
  skipped: UrlRecord[];
  /** Documents whose content is new in this run (first fetch or a changed version). */
  newOrChanged: number;
  /** Requests sent by this process (retries, redirects and robots.txt included). */
  requests: number;
  /** Requests that carried If-None-Match / If-Modified-Since. */
  conditionalRequests: number;
  documents: CrawledDocument[];
  durationMs: number;
  maxUrlsReached: boolean;
  /** The CMS family the start pages looked like. */
  families: string[];
}

/** Requests handled at once by one crawl (each waits for its host's slot and pacer). */
const handlersInFlight = (source: Source) => source.politeness.concurrencyPerHost * 2 + 2;

export async function crawlSource(source: Source, options: CrawlOptions): Promise<CrawlReport> {
  const t0 = Date.now();
  const log = options.log ?? (() => {});
  const state = await CrawlState.open(options.dataDir, source.name);
  const store = RawStore.inDataDir(options.dataDir);
  const hash = configHash(source);
  const unfinished = state.unfinishedRun();
  const previous = state.lastFinishedRun();
  const run: RunHeader = unfinished ?? { id: newCrawlRunId(), startedAt: nowIso(), configHash: hash };
  if (!unfinished) await state.beginRun(run);
  if (unfinished) log(`resuming run ${run.id} of ${source.name} (${[...state.records.values()].filter((r) => r.runId === run.id).length} URLs already done)`);

  const aliases = new DocumentAliases();
  for (const r of state.records.values()) if (r.kind === "document" && r.sha256 && !r.aliasOf) aliases.learn(r.url, r.sha256);
  const queue = new RequestQueue(source.maxUrls, aliases);
  const lanes = HOST_LANES.lease(`${source.name}#${run.id}#${t0}`, source.politeness);
  const agents = createAgents(source.allowPrivateAddresses);
  let requests = 0;
  let conditionalRequests = 0;
  const ctx = new CrawlContext({
    source, state, store, run, queue, aliases, log, signal: options.signal,
    trustStoredLinks: (unfinished?.configHash ?? previous?.configHash) === hash,
    fetch: {
      agents, lanes, politeness: source.politeness, userAgent: source.userAgent, signal: options.signal, random: options.random, headers: source.headers,
      onRequest: (_url, conditional) => { requests++; if (conditional) conditionalRequests++; },
      onSent: options.onSent,
    },
  });
  let closeBrowser: (() => Promise<void>) | undefined;
  let browser: { page: Handler; list: Handler } | undefined;
  if (source.render === "browser" || source.lists.some((l) => l.render === "browser")) {
    const { BrowserRenderer } = await import("./browser-renderer.ts");
    const renderer = new BrowserRenderer(ctx);
    browser = renderer.handlers();
    closeBrowser = () => renderer.close();
  }
  const router = createRouter(browser);

  try {
    seed(ctx, state);
    await runQueue(ctx, (request) => dispatch(router, request, ctx).catch((e) => log(`internal error on ${request.url}: ${(e as Error).stack}`)));
    await state.flush();
    const interrupted = ctx.aborted;
    if (!interrupted) await state.finishRun(run.id, nowIso());

    const inRun = [...state.records.values()].filter((r) => r.runId === run.id);
    const documents = crawledDocuments(inRun, store, state.records);
    return {
      source: source.name, runId: run.id, resumed: !!unfinished, interrupted,
      fetched: inRun.filter((r) => r.status === "ok" && r.sha256 && !r.notModified && r.kind !== "robots" && r.kind !== "script" && !r.aliasOf).length,
      notModified: inRun.filter((r) => r.notModified && r.kind !== "robots").length,
      failed: inRun.filter((r) => r.status === "failed"),
      skipped: inRun.filter((r) => r.status === "skipped"),
      // A version is added only when the content changed, so content first seen in this run is new or changed.
      newOrChanged: documents.filter((d) => (d.fetchedAt ?? "") >= run.startedAt).length,
      requests, conditionalRequests, documents,
      durationMs: Date.now() - t0,
      maxUrlsReached: queue.maxUrlsReached,
      families: [...new Set(source.startUrls.map((u) => state.records.get(u)?.family).filter((f): f is string => !!f))],
    };
  } finally {
    queue.clear();
    await closeBrowser?.();
    lanes.release();
    destroyAgents(agents);
  }
}

/** Start pages, the lists that start with the crawl, and the URLs that failed before (retried even if no page leads to them any more). */
function seed(ctx: CrawlContext, state: CrawlState): void {
  const { source, queue } = ctx;
  const base = source.startUrls[0]!;
  for (const url of source.startUrls) queue.add({ url, kind: "page", text: "", depth: 0 });
  const lists = [...(source.adapter ? [adapterList(source.adapter)] : []), ...source.lists.filter((l) => l.start)];
  for (const spec of lists) queue.add({ ...listLink(spec, spec.firstPage, {}, base, spec.name ?? "JSON list"), depth: 1, linkText: spec.name ?? "JSON list" });
  for (const rec of state.records.values()) {
    if (rec.status === "failed" && rec.runId !== ctx.run.id && (rec.kind === "page" || rec.kind === "document") && isAllowedUrl(rec.url, source)) {
      queue.add({ url: rec.url, kind: rec.kind, text: rec.linkText ?? "", depth: rec.depth, referrer: rec.referrer, linkText: rec.linkText, method: rec.method, body: rec.body });
    }
  }
}

/** Handles queued requests, a bounded number at once, until the queue is empty and none is in flight. */
async function runQueue(ctx: CrawlContext, handle: (request: CrawlRequest) => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  const limit = handlersInFlight(ctx.source);
  for (;;) {
    while (!ctx.aborted && inFlight.size < limit && ctx.queue.size > 0) {
      const request = ctx.queue.next((url) => ctx.fetchContext.lanes.lane(url).slots.free);
      if (!request) break; // the rest wait for a request in flight
      const p: Promise<void> = handle(request).finally(() => { ctx.queue.done(request); inFlight.delete(p); });
      inFlight.add(p);
    }
    if (inFlight.size === 0) return;
    await Promise.race(inFlight);
  }
}
