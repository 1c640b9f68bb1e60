// Sites whose column page is an empty shell filled by script from a JSON list API: the
// adapter reads that API page by page (source.adapter: URL template, item fields).
import { classifyLink, collapseSpace, isAttachmentUrl, isAllowedUrl, resolveUrl, type FoundLink } from "./link-rules.ts";
import type { JsonListAdapter, Source } from "./source-config.ts";

const PAGE_TOKEN = "{page}";

export function adapterPageUrl(adapter: JsonListAdapter, base: string, page: number): string {
  return new URL(adapter.url.replace(PAGE_TOKEN, String(page)), base).href;
}

/** The page number when `url` is a page of the adapter's list, else null. */
export function adapterPageNumber(url: string, adapter: JsonListAdapter, base: string): number | null {
  const marker = 987654321;
  const template = adapterPageUrl(adapter, base, marker);
  const [pre, post] = template.split(String(marker)) as [string, string];
  if (!url.startsWith(pre) || !url.endsWith(post)) return null;
  const n = url.slice(pre.length, url.length - post.length);
  return /^\d+$/.test(n) ? Number(n) : null;
}

function at(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o !== null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** The links on one page of the list, and the next page while there is one. */
export function parseJsonList(json: string, url: string, page: number, source: Source): FoundLink[] {
  const adapter = source.adapter!;
  const body = JSON.parse(json) as unknown;
  const items = at(body, adapter.items);
  if (!Array.isArray(items)) throw new Error(`"${adapter.items}" is not an array in the response`);
  const links: FoundLink[] = [];
  for (const item of items) {
    const href = at(item, adapter.link);
    const title = collapseSpace(String(at(item, adapter.title) ?? ""));
    const target = typeof href === "string" ? resolveUrl(href, url) : null;
    if (!target || !isAllowedUrl(target, source)) continue;
    // Items of the list are the column's articles: taken whatever their titles say, unless excluded.
    const link = classifyLink(target, title, title, source)
      ?? (isAttachmentUrl(target, source) ? null : { url: target, kind: "page" as const, text: title });
    if (link && !source.links.exclude.some((w) => title.includes(w))) links.push(link);
  }
  const pages = adapter.pages ? Number(at(body, adapter.pages)) : undefined;
  const last = adapter.firstPage + adapter.maxPages - 1;
  const more = items.length > 0 && page < last && (pages === undefined || Number.isNaN(pages) || page < pages - 1 + adapter.firstPage);
  if (more) links.push({ url: adapterPageUrl(adapter, url, page + 1), kind: "page", text: "", pagination: true });
  return links;
}
