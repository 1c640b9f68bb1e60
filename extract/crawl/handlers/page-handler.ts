// An HTML page (a list, an article, a catalogue, a frame): fetched, decoded, read for the links
// the source wants (html-page.ts) and stored; a 304 replays the links stored for it. A page URL
// that serves a document is that document.
import { decodeHtml } from "../charset.ts";
import { DOCUMENT_FORMATS, sniffFormat } from "../../formats/format-registry.ts";
import type { FetchResult } from "../fetcher.ts";
import { parsePage, type ParsedPage } from "../html-page.ts";
import type { FoundLink } from "../link-rules.ts";
import { pageNumber, pageUrl } from "../pagination.ts";
import type { CrawlRequest } from "../request-queue.ts";
import { asFetchError, nowIso, type CrawlContext } from "../crawl-context.ts";
import { storeDocument } from "./document-handler.ts";
import { imageKind, imagesToPdf } from "../images-to-pdf.ts";

/** Fetches a page request, or settles it (304 replayed, failure recorded, document stored): the body, or null when done. */
export async function fetchPage(request: CrawlRequest, ctx: CrawlContext, maxBytes: number): Promise<FetchResult | null> {
  const rec = ctx.record(request.key);
  const disallowed = await ctx.robotsVerdict(request.url);
  if (disallowed) { await ctx.fail(request, "robots", disallowed, undefined, "skipped"); return null; }
  const reusable = request.method !== "POST" && rec?.status !== "skipped" && (rec?.kind === "document" || (ctx.trustStoredLinks && !!rec?.links));
  const validators = await ctx.validatorsFor(rec, reusable);
  let r: FetchResult;
  try {
    r = await ctx.fetch(request, { maxBytes, validators });
  } catch (e) {
    if (ctx.aborted) return null;
    const err = asFetchError(e);
    if (request.probe && err.status === 404) await ctx.fail(request, "end-of-list", "past the last page of the list (HTTP 404)", 404, "skipped");
    else await ctx.fail(request, err.kind, err.message, err.status);
    return null;
  }
  if (r.status === 304) {
    if (!validators) { await ctx.fail(request, "http-status", "HTTP 304 to a request without validators"); return null; }
    await ctx.state.put({ ...rec!, ...ctx.base(request), status: "ok", httpStatus: 304, notModified: true, failure: undefined });
    // An unchanged article keeps the document its table images made.
    const images = ctx.record(`images:${request.key}`);
    if (images?.sha256) await ctx.state.put({ ...images, runId: ctx.run.id, checkedAt: nowIso(), notModified: true });
    ctx.enqueueLinks(request, rec!.links ?? []);
    return null;
  }
  if (r.status < 200 || r.status > 299) { await ctx.fail(request, "http-status", `HTTP ${r.status}`, r.status); return null; }
  const format = sniffFormat(r.body);
  if (DOCUMENT_FORMATS.has(format)) { await storeDocument(ctx, request, r, format); return null; }
  return r;
}

/** Stores a read page and queues its links. */
export async function storePage(request: CrawlRequest, ctx: CrawlContext, r: FetchResult, page: ParsedPage, format: "html" | "json" | "text" = "html"): Promise<void> {
  const links = page.links.concat(patternNextPage(request, page.links, ctx));
  const stored = await ctx.storeBody(r, format, request);
  await ctx.state.put({
    ...ctx.base(request), kind: "page", status: "ok", ...stored.fields, title: page.title, heading: page.heading || undefined, links,
    holdsBudgetTable: page.holdsBudgetTable || undefined, family: page.family, versions: ctx.nextVersions(ctx.record(request.key), stored.sha256),
  });
  ctx.enqueueLinks(request, links);
}

export async function handlePage(request: CrawlRequest, ctx: CrawlContext): Promise<void> {
  const r = await fetchPage(request, ctx, ctx.source.politeness.maxPageBytes);
  if (!r) return;
  const format = sniffFormat(r.body);
  if (format !== "html" && format !== "text") {
    return ctx.fail(request, "content", `expected an HTML page but the body is ${format} (Content-Type ${r.headers["content-type"] ?? "none"})`, r.status);
  }
  const html = decodeHtml(r.body, r.headers["content-type"]).text;
  let page = parsePage(html, r.url, ctx.source, request.linkText);
  // Link functions the page calls but does not define live in the site's own scripts: read those once per run.
  if (page.unresolvedCalls.length > 0) {
    const code = await siteScripts(html, r.url, request, ctx);
    if (code) page = parsePage(html, r.url, ctx.source, request.linkText, { extraScript: code });
  }
  await storePage(request, ctx, r, page);
  if (page.tableImages.length > 0) await storeTableImages(request, ctx, page);
}

/**
 * An article whose tables are images: the images fetched (conditionally on re-runs, each
 * stored), made into one image-only PDF (images-to-pdf.ts) that is the page's document, for
 * the OCR to read.
 */
async function storeTableImages(request: CrawlRequest, ctx: CrawlContext, page: ParsedPage): Promise<void> {
  const key = `images:${request.key}`;
  const doc: CrawlRequest = { ...request, key, kind: "document", method: undefined, body: undefined, linkText: page.heading || request.linkText };
  const images: Uint8Array[] = [];
  for (const url of page.tableImages) {
    if (ctx.aborted) return;
    const rec = ctx.record(url);
    const base = { url, kind: "image" as const, depth: request.depth, referrer: request.url, runId: ctx.run.id, checkedAt: nowIso(), versions: rec?.versions ?? [] };
    try {
      if (await ctx.robotsVerdict(url)) continue;
      const validators = await ctx.validatorsFor(rec, rec?.kind === "image");
      const r = await ctx.fetch({ ...request, url, key: url, kind: "document", method: undefined, body: undefined, referrer: request.url }, { maxBytes: ctx.source.politeness.maxDocumentBytes, validators });
      if (r.status === 304 && validators) {
        await ctx.state.put({ ...rec!, ...base, status: "ok", httpStatus: 304, notModified: true, failure: undefined });
        images.push(await ctx.store.read(rec!.sha256!, rec!.format!));
        continue;
      }
      if (r.status !== 200 || !imageKind(r.body)) continue;
      const stored = await ctx.storeBody(r, "unknown", { url, referrer: request.url });
      await ctx.state.put({ ...base, ...stored.fields, status: "ok", versions: ctx.nextVersions(rec, stored.sha256) });
      images.push(r.body);
    } catch (e) {
      const err = asFetchError(e);
      await ctx.state.put({ ...(rec ?? {}), ...base, status: "failed", httpStatus: err.status, failure: { kind: err.kind, reason: err.message, at: nowIso() } });
    }
  }
  if (images.length === 0) return;
  let pdf: Buffer;
  try {
    pdf = imagesToPdf(images);
  } catch (e) {
    return ctx.fail(doc, "content", `the article's images cannot make a document: ${(e as Error).message}`);
  }
  const rec = ctx.record(key);
  const stored = await ctx.storeBody({ url: request.url, status: 200, headers: { "content-type": "application/pdf" }, body: pdf, chain: [request.url], requests: 0, conditional: false }, "pdf", doc);
  await ctx.state.put({ ...ctx.base(doc), kind: "document", status: "ok", ...stored.fields, finalUrl: undefined, versions: ctx.nextVersions(rec, stored.sha256) });
}

/** Scripts a page loads from its own allowed hosts (at most this many per page). */
const MAX_SCRIPTS_PER_PAGE = 6;
const MAX_SCRIPT_BYTES = 1024 * 1024;
/** Libraries whose code never holds a site's link functions. */
const LIBRARY_SCRIPT = /jquery|bootstrap|vue|react|angular|layui|echarts|swiper|polyfill|\.min\.js/i;

async function siteScripts(html: string, pageUrl: string, request: CrawlRequest, ctx: CrawlContext): Promise<string> {
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!)
    .map((src) => { try { return new URL(src, pageUrl).href.replace(/#.*$/, ""); } catch { return null; } })
    .filter((u): u is string => !!u && /^https?:/.test(u) && !ctx.hostCheck(u) && !LIBRARY_SCRIPT.test(new URL(u).pathname))
    .slice(0, MAX_SCRIPTS_PER_PAGE);
  const texts = await Promise.all(srcs.map((url) => {
    let text = ctx.scripts.get(url);
    if (!text) {
      text = (async () => {
        if (await ctx.robotsVerdict(url)) return "";
        const rec = ctx.record(url);
        try {
          const validators = await ctx.validatorsFor(rec, rec?.kind === "script");
          const s = await ctx.fetch({ ...request, url, key: url, kind: "page", method: "GET", body: undefined, headers: undefined, referrer: pageUrl }, { maxBytes: MAX_SCRIPT_BYTES, validators });
          const base = { url, kind: "script" as const, depth: request.depth, referrer: pageUrl, runId: ctx.run.id, checkedAt: nowIso(), versions: rec?.versions ?? [] };
          if (s.status === 304 && validators) {
            await ctx.state.put({ ...rec!, ...base, status: "ok", httpStatus: 304, notModified: true, failure: undefined });
            return (await ctx.store.read(rec!.sha256!, rec!.format!)).toString("utf8");
          }
          if (s.status !== 200) return "";
          const stored = await ctx.storeBody(s, "text", { url, referrer: pageUrl });
          await ctx.state.put({ ...base, ...stored.fields, status: "ok", versions: ctx.nextVersions(rec, stored.sha256) });
          return decodeHtml(s.body, s.headers["content-type"]).text;
        } catch {
          return ""; // a missing script leaves the calls unresolved, as without it
        }
      })();
      ctx.scripts.set(url, text);
    }
    return text;
  }));
  return texts.join("\n");
}

/** With a pagination pattern: page n+1 while page n brings links not seen before. */
function patternNextPage(request: CrawlRequest, links: readonly FoundLink[], ctx: CrawlContext): FoundLink[] {
  const pattern = ctx.source.pagination.pattern;
  if (!pattern || request.method === "POST") return [];
  const n = pageNumber(request.url, pattern);
  if (n === null || n + 1 >= ctx.source.pagination.maxPages + (pattern.startsWith("?") ? 1 : 0)) return [];
  if (!links.some((l) => !l.pagination && !ctx.queue.has(l))) return [];
  return [{ url: pageUrl(request.url, pattern, n + 1), kind: "page", text: "", pagination: true, probe: true }];
}
