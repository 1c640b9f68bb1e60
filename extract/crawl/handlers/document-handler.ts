// A document URL (an attachment by extension, query value or download endpoint): fetched
// directly, conditionally when known, stored in the raw store by what its bytes are. A
// redirect to a document fetched already in this run stops there (the same document), and a
// parameter that changed alone without changing the content is learned (document-aliases).
import { contentMismatch, DOCUMENT_FORMATS, sniffFormat, type ContentFormat } from "../../formats/format-registry.ts";
import type { FetchResult } from "../fetcher.ts";
import type { CrawlRequest } from "../request-queue.ts";
import { asFetchError, type CrawlContext } from "../crawl-context.ts";

/** Stores a document body and records it (also for a page URL that served a document). */
export async function storeDocument(ctx: CrawlContext, request: CrawlRequest, r: FetchResult, format: ContentFormat): Promise<void> {
  const rec = ctx.record(request.key);
  const stored = await ctx.storeBody(r, format, request);
  await ctx.state.put({ ...ctx.base(request), kind: "document", status: "ok", ...stored.fields, versions: ctx.nextVersions(rec, stored.sha256) });
  ctx.aliases.learn(request.url, stored.sha256);
  if (r.chain.length > 1) ctx.fetchedFinals.set(r.url, request.key);
}

export async function handleDocument(request: CrawlRequest, ctx: CrawlContext): Promise<void> {
  const rec = ctx.record(request.key);
  const disallowed = await ctx.robotsVerdict(request.url);
  if (disallowed) return ctx.fail(request, "robots", disallowed, undefined, "skipped");

  const validators = await ctx.validatorsFor(rec, rec?.kind === "document" && rec.status !== "skipped" && !rec.aliasOf);
  let r: FetchResult;
  try {
    r = await ctx.fetch(request, { maxBytes: ctx.source.politeness.maxDocumentBytes, validators, stopAt: (u) => ctx.fetchedFinals.has(u) });
  } catch (e) {
    if (ctx.aborted) return; // not a failure of the URL: the run resumes later
    const err = asFetchError(e);
    return ctx.fail(request, err.kind, err.message, err.status);
  }
  if (r.aliasOf) {
    // The redirect leads to a document this run fetched: the same bytes, recorded under this URL too.
    const first = ctx.record(ctx.fetchedFinals.get(r.aliasOf)!);
    await ctx.state.put({
      ...ctx.base(request), kind: "document", status: "ok", httpStatus: first?.httpStatus, finalUrl: r.aliasOf, aliasOf: first?.url,
      sha256: first?.sha256, format: first?.format, size: first?.size, remoteName: first?.remoteName, failure: undefined,
    });
    return;
  }
  if (r.status === 304) {
    if (!validators) return ctx.fail(request, "http-status", "HTTP 304 to a request without validators");
    await ctx.state.put({ ...rec!, ...ctx.base(request), status: "ok", httpStatus: 304, notModified: true, failure: undefined });
    ctx.aliases.learn(request.url, rec!.sha256!);
    return;
  }
  if (r.status < 200 || r.status > 299) return ctx.fail(request, "http-status", `HTTP ${r.status}`, r.status);
  // The bytes alone say what it is (OLE2 files by their streams, not the name).
  const format = sniffFormat(r.body);
  // HTML holding a data table is a document (an "Excel" export, a UTF-16 web page); without one, an error page.
  const mismatch = contentMismatch(format, true, r.headers["content-type"], r.body);
  if (mismatch) return ctx.fail(request, "content", mismatch, r.status);
  if (!DOCUMENT_FORMATS.has(format) && format !== "html") return ctx.fail(request, "content", `expected a document but the body is ${format}`, r.status);
  await storeDocument(ctx, request, r, format);
}
