// A data list's request (source.lists, a JCMS dataproxy page, the json-list adapter): the
// answer (JSON or XML, decoded by header, declaration or detection) read for its items and the
// next page, stored, and its links queued.
import { decodeHtml } from "../charset.ts";
import { sniffFormat } from "../../formats/format-registry.ts";
import { parseListAnswer } from "../data-lists.ts";
import type { CrawlRequest } from "../request-queue.ts";
import type { CrawlContext } from "../crawl-context.ts";
import { fetchPage } from "./page-handler.ts";

export async function handleList(request: CrawlRequest, ctx: CrawlContext): Promise<void> {
  const data = request.data;
  if (!data) return ctx.fail(request, "internal", "a list request without its list");
  const r = await fetchPage(request, ctx, ctx.source.politeness.maxPageBytes);
  if (!r) return;
  const text = decodeHtml(r.body, r.headers["content-type"]).text;
  let parsed;
  try {
    parsed = parseListAnswer(text, r.url, data.spec, data.page, data.vars, ctx.source, (l) => ctx.queue.has(l));
  } catch (e) {
    return ctx.fail(request, "content", `${data.spec.format.toUpperCase()} list: ${(e as Error).message}`, r.status);
  }
  const format = sniffFormat(r.body);
  const stored = await ctx.storeBody(r, format === "json" || format === "html" ? format : "text", request);
  await ctx.state.put({
    ...ctx.base(request), kind: "list", status: "ok", ...stored.fields, title: `${data.spec.name ?? "list"} page ${data.page}: ${parsed.items} item(s)`,
    links: parsed.links, versions: ctx.nextVersions(ctx.record(request.key), stored.sha256),
  });
  ctx.enqueueLinks(request, parsed.links);
}
