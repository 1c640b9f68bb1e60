// One HTML page read for crawling: its title, the links the source wants (articles,
// attachments, other pages of the list), and whether it holds a budget table itself.
import * as cheerio from "cheerio";
import { classifyLink, collapseSpace, isAllowedUrl, resolveUrl, type FoundLink } from "./link-rules.ts";
import { isPagerText, isSiblingPage, scriptPagerUrls } from "./pagination.ts";
import type { Source } from "./source-config.ts";

export interface ParsedPage {
  title: string;
  links: FoundLink[];
  /** A <table> with budget words and numbers: the page is a document in its own right. */
  holdsBudgetTable: boolean;
}

/** Rows with a number that make a table a data table rather than layout. */
const MIN_NUMERIC_ROWS = 3;

/**
 * @param linkText the text of the link that led here (context for attachments named 附件1)
 */
export function parsePage(html: string, pageUrl: string, source: Source, linkText = ""): ParsedPage {
  const $ = cheerio.load(html);
  const base = resolveUrl($("base[href]").attr("href") ?? "", pageUrl) ?? pageUrl;
  const title = collapseSpace($("title").first().text() || $("h1").first().text());
  const context = `${title} ${linkText} ${collapseSpace($("h1, h2, .title, #title").first().text())}`;

  const byUrl = new Map<string, FoundLink>();
  const add = (link: FoundLink) => {
    const had = byUrl.get(link.url);
    if (!had) byUrl.set(link.url, link);
    else if (!had.text && link.text) had.text = link.text;
  };
  const anchorText = (a: cheerio.Cheerio<any>) => collapseSpace(`${a.text()} ${a.attr("title") ?? ""}`);

  // Pagination first: read from the whole page, whatever the link selector says.
  $("a[href]").each((_, el) => {
    const a = $(el);
    const url = resolveUrl(a.attr("href")!, base);
    const text = collapseSpace(a.text());
    if (url && url !== pageUrl && isPagerText(text) && isSiblingPage(pageUrl, url) && isAllowedUrl(url, source)) {
      add({ url, kind: "page", text, pagination: true });
    }
  });
  for (const url of scriptPagerUrls(html, base)) {
    if (url !== pageUrl && isAllowedUrl(url, source)) add({ url, kind: "page", text: "", pagination: true });
  }

  const scope = source.links.selector ? $(source.links.selector).find("a[href]").add($(source.links.selector).filter("a[href]")) : $("a[href]");
  scope.each((_, el) => {
    const a = $(el);
    const url = resolveUrl(a.attr("href")!, base);
    if (!url || url === pageUrl || byUrl.get(url)?.pagination) return;
    const link = classifyLink(url, anchorText(a), context, source);
    if (link) add(link);
  });

  return { title, links: [...byUrl.values()], holdsBudgetTable: holdsBudgetTable($, source.tablePageKeywords) };
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
