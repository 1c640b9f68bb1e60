// 大汉 JCMS column lists: the first records sit in the page inside
// <script type="text/xml"><datastore><recordset><record><![CDATA[<li><a …>]]></record>…;
// further records only from /module/web/jpage/dataproxy.jsp, asked by POST as the jpage plugin
// does: the record range in the query (startrecord, endrecord, perpage), the column's
// parameters (col, appid, webid, columnid, unitid, path, webname, permissiontype …) as the
// form body, and the answer is the same XML. Pure functions over the page text.
import type { ListSpec } from "./source-config.ts";

/** Records the jpage plugin asks per request: perpage × groupSize pages. */
export const JPAGE_GROUP_SIZE = 3;
const DEFAULT_PER_PAGE = 15;

/** The HTML fragment of every <record> (CDATA or escaped text) in the XML data stores of `text`. */
export function datastoreRecords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/<record\b[^>]*>([\s\S]*?)<\/record>/gi)) {
    const inner = m[1]!.trim();
    const cdata = [...inner.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((c) => c[1]!).join("");
    out.push(cdata || inner.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
  }
  return out;
}

/** A number the page's scripts or data store give under one of these names. */
function numberNamed(text: string, names: string[]): number | null {
  for (const n of names) {
    const m = text.match(new RegExp(`<${n}>\\s*(\\d+)\\s*</${n}>|\\b${n}\\s*[:=]\\s*['"]?(\\d+)`, "i"));
    if (m) return Number(m[1] ?? m[2]);
  }
  return null;
}

const PARAM_NAMES = ["col", "appid", "webid", "path", "columnid", "sourcecontenttype", "unitid", "webname", "permissiontype", "keyWordCount", "isAllList", "contentType"];

/** The column's parameters: from the nextgroup link's query and the plugin's ajaxParam / param object. */
export function jpageParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of text.matchAll(/dataproxy\.jsp\?([^"'<>\s\]]+)/gi)) {
    for (const [k, v] of new URLSearchParams(m[1]!.replace(/&amp;/g, "&"))) if (!/^(startrecord|endrecord|perpage|page)$/i.test(k)) params[k] = v;
  }
  const object = text.match(/(?:ajaxParam|params?|ajaxData)\s*:\s*\{([^}]*)\}/i);
  if (object) {
    for (const m of object[1]!.matchAll(/['"]?([\w]+)['"]?\s*:\s*(?:'([^']*)'|"([^"]*)"|([\w.-]+))/g)) params[m[1]!] = m[2] ?? m[3] ?? m[4] ?? "";
  }
  // Loose declarations some templates use instead (var columnid = 1234;).
  for (const name of PARAM_NAMES) {
    if (Object.keys(params).some((k) => k.toLowerCase() === name.toLowerCase())) continue;
    const m = text.match(new RegExp(`\\b${name}\\s*[:=]\\s*['"]?([\\w/.-]+)['"]?`, "i"));
    if (m && /datastore|jpage|dataproxy/i.test(text)) params[name] = m[1]!;
  }
  return params;
}

/** Whether the text carries a JCMS data store (a column page, or a dataproxy answer). */
export function hasDatastore(text: string): boolean {
  return /<datastore\b/i.test(text) && /<record\b/i.test(text);
}

/**
 * The dataproxy list that continues a column page's data store: null when the page has none,
 * or when its records are all inline. Requests are numbered from 1 (the page's own records are
 * request 0).
 */
export function dataproxyList(html: string, pageUrl: string, inlineRecords: number, maxPages: number): ListSpec | null {
  if (!/dataproxy\.jsp/i.test(html) && !/jpage/i.test(html)) return null;
  const proxyPath = html.match(/['"(]([^'"()\s]*\/dataproxy\.jsp)/i)?.[1] ?? "/module/web/jpage/dataproxy.jsp";
  const perPage = numberNamed(html, ["perPage", "perpage", "pageSize"]) ?? DEFAULT_PER_PAGE;
  const total = numberNamed(html, ["totalRecord", "totalrecord", "totalRecords", "recordCount"]);
  const group = Math.max(inlineRecords, perPage * JPAGE_GROUP_SIZE);
  if (total !== null && total <= inlineRecords) return null;
  const params = jpageParams(html);
  const url = new URL(proxyPath.replace(/&amp;/g, "&"), pageUrl);
  return {
    url: `${url.origin}${url.pathname}?startrecord={start}&endrecord={end}&perpage=${perPage}`,
    method: "POST", body: new URLSearchParams(params).toString(), format: "xml", items: "record", itemKind: "auto",
    // Request 0 is the page itself: request n asks records n·group+1 … (n+1)·group.
    firstPage: 0, perPage: group, maxPages: Math.max(1, Math.ceil(maxPages / JPAGE_GROUP_SIZE)),
    total: total !== null ? String(total) : undefined, start: false, headers: {}, render: "http",
  } satisfies ListSpec;
}
