// The focused crawler: from a source's start pages, follow the links its rules want (and the
// pages of each list) within its hosts and depth, fetch each URL once per run, politely, store
// every body in the raw store and every outcome in the crawl state. Re-runs send conditional
// requests; a killed run resumes where it stopped; failures are recorded, never thrown.
import { createHash, randomBytes } from "node:crypto";
import { decodeHtml } from "./charset.ts";
import { contentMismatch, DOCUMENT_FORMATS, mediaTypeOf, sniffFormat, type ContentFormat } from "../formats/format-registry.ts";
import { CrawlState, type RunHeader, type UrlRecord } from "./crawl-state.ts";
import { politeFetch, type FetchContext, type FetchResult, type Validators } from "./fetcher.ts";
import { HostLanes } from "./host-lanes.ts";
import { parsePage } from "./html-page.ts";
import { createAgents, destroyAgents, FetchError } from "./http-request.ts";
import { parseJsonList, adapterPageNumber, adapterPageUrl } from "./json-list-adapter.ts";
import { isAllowedUrl, type FoundLink, type LinkKind } from "./link-rules.ts";
import { pageNumber, pageUrl } from "./pagination.ts";
import { contentDispositionName, RawStore } from "./raw-store.ts";
import { RobotsRules, type RobotsFetch } from "./robots.ts";
import { crawledDocuments, type CrawledDocument } from "./crawled-documents.ts";
import type { Source } from "./source-config.ts";

export interface CrawlOptions {
  dataDir: string;
  signal?: AbortSignal;
  /** Progress and failures, one line each. */
  log?: (line: string) => void;
  /** Jitter source (tests may fix it). */
  random?: () => number;
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
}

interface Task {
  url: string;
  kind: LinkKind;
  depth: number;
  referrer?: string;
  linkText?: string;
  /** A page guessed from a pagination pattern: a 404 there is the end of the list, not a failure. */
  probe?: boolean;
}

const nowIso = () => new Date().toISOString();
export const configHash = (source: Source) => createHash("sha256").update(JSON.stringify(source)).digest("hex").slice(0, 16);
const newRunId = () => `${nowIso().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${randomBytes(3).toString("hex")}`;

export async function crawlSource(source: Source, options: CrawlOptions): Promise<CrawlReport> {
  const t0 = Date.now();
  const log = options.log ?? (() => {});
  const state = await CrawlState.open(options.dataDir, source.name);
  const store = RawStore.inDataDir(options.dataDir);
  const hash = configHash(source);
  const unfinished = state.unfinishedRun();
  const previous = state.lastFinishedRun();
  const run: RunHeader = unfinished ?? { id: newRunId(), startedAt: nowIso(), configHash: hash };
  if (!unfinished) await state.beginRun(run);
  // A 304 page is trusted to have the links stored for it only if the rules that chose them are unchanged.
  const trustStoredLinks = (unfinished?.configHash ?? previous?.configHash) === hash;
  if (unfinished) log(`resuming run ${run.id} of ${source.name} (${[...state.records.values()].filter((r) => r.runId === run.id).length} URLs already done)`);

  const p = source.politeness;
  const agents = createAgents(source.allowPrivateAddresses);
  const lanes = new HostLanes(p.concurrencyPerHost, p.minIntervalMs);
  let requests = 0;
  let conditionalRequests = 0;
  const ctx: FetchContext = {
    agents, lanes, politeness: p, userAgent: source.userAgent, signal: options.signal, random: options.random,
    onRequest: (_url, conditional) => { requests++; if (conditional) conditionalRequests++; },
  };

  const robots = new RobotsRules(source.userAgent, (robotsUrl) => loadRobots(robotsUrl));
  const scheduled = new Set<string>();
  let maxUrlsReached = false;

  const hostCheck = (url: string) => (isAllowedUrl(url, source) ? null : `host ${new URL(url).hostname} is not in allowedHosts`);
  const checkUrl = async (url: string) => hostCheck(url) ?? (await robots.verdict(url)).disallowed;

  async function loadRobots(robotsUrl: string): Promise<RobotsFetch> {
    const rec = state.records.get(robotsUrl);
    const validators = rec?.sha256 && rec.format && (await store.has(rec.sha256, rec.format)) ? pick(rec) : undefined;
    const base = { url: robotsUrl, kind: "robots" as const, depth: 0, runId: run.id, checkedAt: nowIso(), versions: rec?.versions ?? [] };
    try {
      const r = await politeFetch(robotsUrl, ctx, { validators, maxBytes: 512 * 1024, checkUrl: hostCheck });
      if (r.status === 304 && validators) {
        await state.put({ ...rec!, ...base, status: "ok", httpStatus: 304, notModified: true, failure: undefined });
        return { kind: "ok", text: (await store.read(rec!.sha256!, rec!.format!)).toString("utf8") };
      }
      const stored = await storeBody(r, "text", { url: robotsUrl });
      await state.put({ ...base, ...stored.fields, status: "ok", versions: nextVersions(rec, stored.sha256) });
      return { kind: "ok", text: Buffer.from(r.body).toString("utf8") };
    } catch (e) {
      const err = asFetchError(e);
      if (err.kind === "http-status" && err.status !== undefined && err.status >= 400 && err.status < 500) {
        await state.put({ ...base, status: "ok", httpStatus: err.status });
        return { kind: "missing", status: err.status };
      }
      await state.put({ ...(rec ?? {}), ...base, status: "failed", httpStatus: err.status, failure: { kind: err.kind, reason: err.message, at: nowIso() } });
      log(`robots.txt ${robotsUrl}: ${err.message}`);
      return { kind: "unreachable", reason: err.message };
    }
  }

  async function storeBody(r: FetchResult, format: ContentFormat, task: { url: string; referrer?: string; linkText?: string }) {
    const { sha256 } = await store.put(r.body, format, mediaTypeOf(format), {
      url: task.url, finalUrl: r.url, source: source.name, fetchedAt: nowIso(), status: r.status, headers: r.headers,
      linkText: task.linkText || undefined, referrer: task.referrer, remoteFileName: contentDispositionName(r.headers["content-disposition"]),
    });
    return {
      sha256,
      fields: {
        httpStatus: r.status, finalUrl: r.url !== task.url ? r.url : undefined, etag: r.headers.etag, lastModified: r.headers["last-modified"],
        sha256, format, size: r.body.length, notModified: false, failure: undefined,
      },
    };
  }

  function enqueue(task: Task): void {
    if (scheduled.has(task.url) || options.signal?.aborted) return;
    if (scheduled.size >= source.maxUrls) { maxUrlsReached = true; return; }
    scheduled.add(task.url);
    const done = state.records.get(task.url);
    // Resuming: what this run already did is replayed (its links re-enter the frontier), not fetched.
    if (done && done.runId === run.id && done.kind !== "robots") { expand(task, done.links ?? []); return; }
    void lanes.lane(task.url).queue.add(() => visit(task)).catch((e) => log(`internal error on ${task.url}: ${(e as Error).stack}`));
  }

  function expand(from: Task, links: readonly FoundLink[]): void {
    for (const l of links) {
      const depth = l.pagination ? from.depth : from.depth + 1;
      // Attachments of a page at the depth limit are still taken; pages beyond it are not.
      if (l.kind === "page" && depth > source.maxDepth) continue;
      enqueue({ url: l.url, kind: l.kind, depth, referrer: from.url, linkText: l.text, probe: l.pagination && !l.text ? true : undefined });
    }
  }

  async function visit(task: Task): Promise<void> {
    if (options.signal?.aborted) return;
    const rec = state.records.get(task.url);
    const base = {
      url: task.url, depth: task.depth, referrer: task.referrer ?? rec?.referrer, linkText: task.linkText || rec?.linkText,
      runId: run.id, checkedAt: nowIso(), versions: rec?.versions ?? [],
    };
    const fail = async (kind: string, reason: string, httpStatus?: number, status: "failed" | "skipped" = "failed") => {
      await state.put({ ...(rec ?? {}), ...base, kind: rec?.kind ?? task.kind, status, httpStatus, failure: { kind, reason, at: nowIso() } });
      if (status === "failed") log(`FAILED ${task.url}: ${reason}`);
    };

    const verdict = await robots.verdict(task.url);
    if (verdict.crawlDelayMs !== undefined) {
      lanes.lane(task.url).pacer.intervalMs = Math.max(p.minIntervalMs, Math.min(verdict.crawlDelayMs, p.maxCrawlDelayMs));
    }
    if (verdict.disallowed) return fail("robots", verdict.disallowed, undefined, "skipped");

    const reusable = rec?.sha256 && rec.format && rec.status !== "skipped" && (rec.kind === "document" || (trustStoredLinks && rec.links))
      && (await store.has(rec.sha256, rec.format));
    const validators = reusable ? pick(rec) : undefined;
    let r: FetchResult;
    try {
      r = await politeFetch(task.url, ctx, { validators, maxBytes: task.kind === "page" ? p.maxPageBytes : p.maxDocumentBytes, checkUrl });
    } catch (e) {
      const err = asFetchError(e);
      if (options.signal?.aborted) return; // not a failure of the URL: the run resumes later
      if (task.probe && err.status === 404) return fail("end-of-list", "past the last page of the list (HTTP 404)", 404, "skipped");
      return fail(err.kind, err.message, err.status);
    }

    if (r.status === 304) {
      if (!validators) return fail("http-status", "HTTP 304 to a request without validators");
      await state.put({ ...rec!, ...base, status: "ok", httpStatus: 304, notModified: true, failure: undefined });
      expand(task, rec!.links ?? []);
      return;
    }
    if (r.status < 200 || r.status > 299) return fail("http-status", `HTTP ${r.status}`, r.status);

    const format = sniffFormat(r.body);
    const mismatch = contentMismatch(format, task.kind === "document", r.headers["content-type"], r.body);
    if (mismatch) return fail("content", mismatch, r.status);

    // HTML for an attachment link got here holding a data table (contentMismatch): a document too.
    if (DOCUMENT_FORMATS.has(format) || (format === "html" && task.kind === "document")) {
      const stored = await storeBody(r, format, task);
      await state.put({ ...base, kind: "document", status: "ok", ...stored.fields, versions: nextVersions(rec, stored.sha256) });
      return;
    }

    const adapterPage = source.adapter ? adapterPageNumber(task.url, source.adapter, source.startUrls[0]!) : null;
    let links: FoundLink[];
    let title: string | undefined;
    let holdsBudgetTable = false;
    if (adapterPage !== null && format === "json") {
      try {
        links = parseJsonList(Buffer.from(r.body).toString("utf8"), task.url, adapterPage, source);
      } catch (e) {
        return fail("content", `JSON list: ${(e as Error).message}`, r.status);
      }
    } else if (format === "html") {
      const page = parsePage(decodeHtml(r.body, r.headers["content-type"]).text, r.url, source, task.linkText);
      ({ links, title, holdsBudgetTable } = page);
      links = links.concat(patternNextPage(task, links));
    } else {
      return fail("content", `expected an HTML page but the body is ${format} (Content-Type ${r.headers["content-type"] ?? "none"})`, r.status);
    }
    const stored = await storeBody(r, format, task);
    await state.put({ ...base, kind: "page", status: "ok", ...stored.fields, title, links, holdsBudgetTable: holdsBudgetTable || undefined, versions: nextVersions(rec, stored.sha256) });
    expand(task, links);
  }

  /** With a pagination pattern: page n+1 while page n brings links not seen before. */
  function patternNextPage(task: Task, links: FoundLink[]): FoundLink[] {
    const pattern = source.pagination.pattern;
    if (!pattern) return [];
    const n = pageNumber(task.url, pattern);
    if (n === null || n + 1 >= source.pagination.maxPages + (pattern.startsWith("?") ? 1 : 0)) return [];
    if (!links.some((l) => !l.pagination && !scheduled.has(l.url))) return [];
    return [{ url: pageUrl(task.url, pattern, n + 1), kind: "page", text: "", pagination: true }];
  }

  try {
    for (const url of source.startUrls) enqueue({ url, kind: "page", depth: 0 });
    if (source.adapter) {
      const first = adapterPageUrl(source.adapter, source.startUrls[0]!, source.adapter.firstPage);
      enqueue({ url: first, kind: "page", depth: 1, linkText: "JSON list" });
    }
    // URLs that failed before are retried even if no page leads to them any more.
    for (const rec of state.records.values()) {
      if (rec.status === "failed" && rec.runId !== run.id && rec.kind !== "robots" && isAllowedUrl(rec.url, source)) {
        enqueue({ url: rec.url, kind: rec.kind as LinkKind, depth: rec.depth, referrer: rec.referrer, linkText: rec.linkText });
      }
    }
    await lanes.onIdle();
    await state.flush();
    const interrupted = options.signal?.aborted ?? false;
    if (!interrupted) await state.finishRun(run.id, nowIso());

    const inRun = [...state.records.values()].filter((r) => r.runId === run.id);
    const documents = crawledDocuments(inRun, store);
    return {
      source: source.name, runId: run.id, resumed: !!unfinished, interrupted,
      fetched: inRun.filter((r) => r.status === "ok" && r.sha256 && !r.notModified && r.kind !== "robots").length,
      notModified: inRun.filter((r) => r.notModified && r.kind !== "robots").length,
      failed: inRun.filter((r) => r.status === "failed"),
      skipped: inRun.filter((r) => r.status === "skipped"),
      // A version is added only when the content changed, so content first seen in this run is new or changed.
      newOrChanged: documents.filter((d) => (d.fetchedAt ?? "") >= run.startedAt).length,
      requests, conditionalRequests,
      documents,
      durationMs: Date.now() - t0,
      maxUrlsReached,
    };
  } finally {
    lanes.clear();
    destroyAgents(agents);
  }
}

function pick(rec: UrlRecord): Validators | undefined {
  if (!rec.etag && !rec.lastModified) return undefined;
  return { etag: rec.etag, lastModified: rec.lastModified };
}

/** Versions after a fetch of `sha256`: a new entry only when the content changed. */
function nextVersions(rec: UrlRecord | undefined, sha256: string): UrlRecord["versions"] {
  const versions = rec?.versions ?? [];
  return versions.at(-1)?.sha256 === sha256 ? versions : [...versions, { sha256, fetchedAt: nowIso() }];
}

function asFetchError(e: unknown): FetchError {
  return e instanceof FetchError ? e : new FetchError("network", (e as Error).message ?? String(e), false);
}
