// One HTML page read for crawling: its title and heading, the links the source wants (articles,
// attachments, other pages of its list, its frames, where its scripts lead, the records of a
// JCMS data store and the dataproxy pages after them), its CMS family, and whether it holds a
// budget table itself.
import * as cheerio from "cheerio";
import { classifyLink, collapseSpace, isAllowedUrl, listItemLink, requestKey, resolveUrl, type FoundLink } from "./link-rules.ts";
import { isPagerText, isSiblingPage, PAGER_CONTAINER, scriptPager } from "./pagination.ts";
import { PageScripts } from "./script-links.ts";
import { dataproxyList, datastoreRecords } from "./jcms-datastore.ts";
import { listLink } from "./data-lists.ts";
import { recogniseFamily } from "./cms-families.ts";
import type { Source } from "./source-config.ts";

export interface ParsedPage {
  title: string;
  /** The article's own heading (h1, .title …), the document's title when the page is one. */
  heading: string;
  links: FoundLink[];
  /** A <table> with budget words and numbers: the page is a document in its own right. */
  holdsBudgetTable: boolean;
  family: string;
  /** Script calls the crawler could not resolve (functions defined outside the page): for crawl probe. */
  unresolvedCalls: string[];
  /** Images in the article's body on a budget page without a budget table: tables published as images. */
  tableImages: string[];
}

/** Where an article's body is (TRS_Editor, v_news_content, zoom, content …), and where page furniture is. */
const CONTENT_BOX = /content|article|trs_editor|zoom|detail|main|text|zw|nr|wz|body|info|con\b/i;
const FURNITURE = /head|nav|foot|logo|banner|menu|share|qr|ewm|sidebar|link/i;
const IMAGE_EXTENSIONS = /\.(jpe?g|png)$/i;
/** Images per page made into a document at most. */
export const MAX_TABLE_IMAGES = 30;

/** Rows with a number that make a table a data table rather than layout. */
const MIN_NUMERIC_ROWS = 3;
/** Names of script functions that turn pages. */
const PAGER_CALL = /page|goto|turn|jump|fanye|paging/i;

type Node = cheerio.Cheerio<any>;

export interface ParseOptions {
  /** Script code from outside the page (a browser's, or fetched scripts). */
  extraScript?: string;
}

/**
 * @param linkText the text of the link that led here (context for attachments named 附件1)
 */
export function parsePage(html: string, pageUrl: string, source: Source, linkText = "", options: ParseOptions = {}): ParsedPage {
  const $ = cheerio.load(html);
  const base = resolveUrl($("base[href]").attr("href") ?? "", pageUrl) ?? pageUrl;
  const heading = collapseSpace($("h1").first().text() || $(".title, #title, .article-title, .bt, .tit").first().text());
  const title = collapseSpace($("title").first().text() || heading);
  const context = `${title} ${linkText} ${heading}`;
  const maxPages = source.pagination.maxPages;

  const byKey = new Map<string, FoundLink>();
  const add = (link: FoundLink) => {
    const key = requestKey(link);
    const had = byKey.get(key);
    if (!had) byKey.set(key, link);
    else if (!had.text && link.text) had.text = link.text;
  };
  const anchorText = (a: Node) => collapseSpace(`${a.text()} ${a.attr("title") ?? ""}`);
  const inPager = (a: Node) => a.parents().toArray().slice(0, 4).some((p) => PAGER_CONTAINER.test(`${$(p).attr("class") ?? ""} ${$(p).attr("id") ?? ""}`));

  // Pagination first: read from the whole page, whatever the link selector says.
  $("a[href]").each((_, el) => {
    const a = $(el);
    const url = resolveUrl(a.attr("href")!, base);
    const text = collapseSpace(a.text());
    if (!url || url === pageUrl || !isAllowedUrl(url, source)) return;
    if ((isPagerText(text) || (inPager(a) && /^\d+$/.test(text))) && isSiblingPage(pageUrl, url)) add({ url, kind: "page", text, pagination: true });
  });
  const pager = scriptPager(html, base, maxPages);
  pager?.urls.forEach((url, i) => { if (url !== pageUrl && isAllowedUrl(url, source)) add({ url, kind: "page", text: "", pagination: true, probe: true, pageNo: i }); });

  // 大汉 JCMS: the column's records in the page's data store, then the dataproxy requests.
  const records = datastoreRecords(html);
  for (const fragment of records) {
    const r$ = cheerio.load(fragment);
    r$("a[href]").each((_, el) => {
      const a = r$(el);
      const url = resolveUrl(a.attr("href")!, base);
      const link = url ? classifyLink(url, anchorText(a), context, source) : null;
      if (link) add(link);
    });
  }
  if (records.length > 0) {
    const proxy = dataproxyList(html, base, records.length, maxPages);
    if (proxy && isAllowedUrl(new URL(proxy.url.replace(/\{\w+\}/g, "0"), base).href, source)) add(listLink(proxy, 1, {}, base, "dataproxy"));
  }

  // Script links: javascript: hrefs and onclick handlers, resolved by pattern.
  const scripts = new PageScripts($, base, source.links.scriptLinks, options.extraScript);
  const unresolved = new Set<string>();
  $("[onclick], a[href^='javascript:'], a[href^='JavaScript:'], a[href^='JAVASCRIPT:']").each((_, el) => {
    const e = $(el);
    const href = e.attr("href") ?? "";
    const code = [/^\s*javascript:/i.test(href) ? href : "", e.attr("onclick") ?? ""].filter(Boolean).join(";");
    const text = collapseSpace(`${e.text()} ${e.attr("title") ?? ""}`);
    const targets = scripts.resolve(code);
    if (targets.length === 0) for (const c of scripts.unresolvedCalls(code)) unresolved.add(c);
    for (const t of targets) {
      if (!isAllowedUrl(t.url, source)) continue;
      const n = t.call?.args.length === 1 && /^\d+$/.test(t.call.args[0]!) ? Number(t.call.args[0]) : null;
      const isPager = isPagerText(collapseSpace(e.text())) || (t.call !== undefined && PAGER_CALL.test(t.call.name) && n !== null);
      const request = { ...(t.method === "POST" ? { method: "POST" as const, body: t.body } : {}) };
      if (isPager) {
        if (n !== null && n - 1 >= maxPages) continue;
        add({ url: t.url, ...request, kind: "page", text: collapseSpace(e.text()), pagination: true, ...(n !== null ? { pageNo: Math.max(0, n - 1) } : {}) });
        continue;
      }
      // A configured template says what its URL is; otherwise the link rules do, by URL shape and keywords.
      const link = t.kind ? listItemLink(t.url, text, source, t.kind) : classifyLink(t.url, text, context, source);
      if (link) add({ ...link, ...request });
    }
  });

  // Frames: the list of a 信息公开目录 sits in an iframe; part of the page, whatever its text.
  if (source.links.frames) {
    $("iframe[src], frame[src]").each((_, el) => {
      const url = resolveUrl($(el).attr("src")!, base);
      if (url && url !== pageUrl && isAllowedUrl(url, source) && !byKey.has(url)) add({ url, kind: "page", text: collapseSpace($(el).attr("title") ?? $(el).attr("name") ?? ""), frame: true });
    });
  }

  const scope = source.links.selector ? $(source.links.selector).find("a[href]").add($(source.links.selector).filter("a[href]")) : $("a[href]");
  scope.each((_, el) => {
    const a = $(el);
    const url = resolveUrl(a.attr("href")!, base);
    if (!url || url === pageUrl || byKey.get(url)?.pagination) return;
    const link = classifyLink(url, anchorText(a), context, source);
    if (link) add(link);
  });

  const family = source.family === "auto" ? recogniseFamily(html, pageUrl).family : source.family;
  const budgetTable = holdsBudgetTable($, source.tablePageKeywords);
  const budgetPage = source.attachments.keywords.some((k) => `${heading} ${linkText}`.includes(k));
  return {
    title, heading, links: [...byKey.values()], holdsBudgetTable: budgetTable, family, unresolvedCalls: [...unresolved],
    tableImages: budgetPage && !budgetTable ? contentImages($, base, source) : [],
  };
}

/** Images inside the article's body (not the page's furniture), in page order. */
function contentImages($: cheerio.CheerioAPI, base: string, source: Source): string[] {
  const out: string[] = [];
  $("img[src]").each((_, el) => {
    const img = $(el);
    const url = resolveUrl(img.attr("src")!, base);
    if (!url || !isAllowedUrl(url, source) || !IMAGE_EXTENSIONS.test(new URL(url).pathname) || out.includes(url)) return;
    const small = ["width", "height"].some((a) => /^\d+$/.test(img.attr(a) ?? "") && Number(img.attr(a)) < 200);
    const boxes = img.parents().toArray().map((p) => `${$(p).attr("class") ?? ""} ${$(p).attr("id") ?? ""}`);
    if (small || boxes.some((b) => FURNITURE.test(b)) || !boxes.some((b) => CONTENT_BOX.test(b))) return;
    if (out.length < MAX_TABLE_IMAGES) out.push(url);
  });
  return out;
}

function holdsBudgetTable($: cheerio.CheerioAPI, keywords: readonly string[]): boolean {
  return $("table").toArray().some((t) => {
    const table = $(t);
    if (table.find("table").length > 0) return false; // a layout table around others
    const text = table.text();
    if (!keywords.some((k) => text.includes(k))) return false;
    const numericRows = table.find("tr").toArray().filter((tr) => /\d[\d,]*\.\d{2}\b|\b\d{3,}\b/.test($(tr).text())).length;
    return numericRows >= MIN_NUMERIC_ROWS;
  });
}
