// Paged lists on government CMSs, as pure functions: TRS WCM's index.html, index_1.html …
// (written by a createPageHTML(count, current, "index", "html") script, with literal or
// variable arguments); 博达 VSB's yjsgk.htm → yjsgk/2.htm → yjsgk/1.htm (numbers counting
// down); list_2.html, ?page=2; and a configured pattern ("index_{n}.html", "?page={n}").

/** Link texts that mean "another page of this list". */
const PAGER_TEXT = /^(下一页|上一页|下页|上页|后页|前页|尾页|末页|首页|最后一页|下一頁|上一頁|第\s*\d+\s*页|\[?\d{1,4}\]?|>|>>|<|<<|›|»|‹|«|next|prev|previous|last|first|下一页\s*>+|<+\s*上一页)$/i;

export function isPagerText(text: string): boolean {
  return PAGER_TEXT.test(text.trim());
}

/** Class or id of an element that holds a pager (博达 p_next p_fun, TRS page, pagination, pages). */
export const PAGER_CONTAINER = /(^|[\s_-])(p_(next|prev|last|first|no|fun|pages)|pag(e|er|es|ing|ination|inate)?|fenye|fy)([\s_-]|\d|$)/i;

const LIST_FILE = /^((index|list|default|more)([_-]\d+)?|\d+|(index|list)_?\d*)\.(s?html?|jsp|aspx?|php)$|^$/i;

const dirOf = (p: string) => p.slice(0, p.lastIndexOf("/") + 1);
const fileOf = (p: string) => p.slice(p.lastIndexOf("/") + 1);
const stemOf = (name: string) => name.replace(/\.[^.]*$/, "");

/**
 * Whether `url` is another page of the list at `pageUrl`: the same path with another query
 * (?page=N), a list file in the same directory (index_N.html, N.htm), or 博达's layout where
 * the pages of yjsgk.htm are yjsgk/N.htm (and back).
 */
export function isSiblingPage(pageUrl: string, url: string): boolean {
  const a = new URL(pageUrl);
  const b = new URL(url);
  if (a.origin !== b.origin) return false;
  if (a.pathname === b.pathname) return b.search !== a.search;
  const [da, db, fa, fb] = [dirOf(a.pathname), dirOf(b.pathname), fileOf(a.pathname), fileOf(b.pathname)];
  if (da === db) return LIST_FILE.test(fb);
  // yjsgk.htm → yjsgk/2.htm
  if (db === `${da}${stemOf(fa)}/` && /^\d+\.\w+$/.test(fb)) return true;
  // yjsgk/2.htm → yjsgk.htm (its first page) or ../yjsgk/1.htm
  if (`${db}${stemOf(fb)}/` === da && /^\d+\.\w+$/.test(fa)) return true;
  return false;
}

/** Identifiers in the page's scripts: var countPage = 3, countPage: 3. */
export function scriptNumber(html: string, name: string): number | null {
  const m = html.match(new RegExp(`(?:var|let|const)?\\s*\\b${name.replace(/[$]/g, "\\$")}\\s*[:=]\\s*['"]?(\\d+)['"]?`));
  return m ? Number(m[1]) : null;
}

/** Top-level comma-separated arguments of a call, quotes kept. */
export function splitArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = "";
  for (const ch of args) {
    if (quote) { cur += ch; if (ch === quote) quote = null; continue; }
    if (ch === "'" || ch === '"') { quote = ch; cur += ch; continue; }
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    if (ch === ")" || ch === "]" || ch === "}") depth--;
    if (ch === "," && depth === 0) { out.push(cur.trim()); cur = ""; continue; }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const unquote = (s: string) => s.replace(/^(['"])(.*)\1$/s, "$2");

export interface ScriptPager {
  count: number;
  current: number;
  urls: string[];
}

/**
 * The pages a TRS createPageHTML(count, current, "index", "html") call names (count pages:
 * index.html, index_1 … index_{count-1}); arguments literal or variables of the page
 * (var countPage = 3), a leading element id allowed (createPageHTML('page_div', 3, 0, …)).
 */
export function scriptPager(html: string, pageUrl: string, maxPages: number): ScriptPager | null {
  for (const m of html.matchAll(/createPageHTML\s*\(([^)]*)\)/g)) {
    const args = splitArgs(m[1]!);
    const numbers: number[] = [];
    const strings: string[] = [];
    for (const a of args) {
      const v = unquote(a);
      if (/^\d+$/.test(v)) numbers.push(Number(v));
      else if (/^[A-Za-z_$][\w$]*$/.test(a)) { const n = scriptNumber(html, a); if (n !== null) numbers.push(n); }
      else if (a !== v && numbers.length >= 2) strings.push(v);
    }
    const name = strings.find((s) => /^[\w-]+$/.test(s));
    const ext = strings[strings.indexOf(name ?? "") + 1];
    if (numbers.length < 2 || !name || !ext || !/^(s?html?|jsp|aspx?|php)$/i.test(ext)) continue;
    const [count, current] = numbers as [number, number];
    const urls: string[] = [];
    for (let i = 0; i < Math.min(count, maxPages); i++) urls.push(new URL(i === 0 ? `${name}.${ext}` : `${name}_${i}.${ext}`, pageUrl).href);
    return { count, current, urls };
  }
  return null;
}

/** Pages named by createPageHTML (kept for callers that need only the URLs). */
export function scriptPagerUrls(html: string, pageUrl: string, maxPages = 1000): string[] {
  return scriptPager(html, pageUrl, maxPages)?.urls ?? [];
}

/**
 * The page number of `url` under `pattern` ("index_{n}.html" or "?page={n}"), or null when the
 * URL is not such a page. For a path pattern the unnumbered first page ("index.html") is page 0;
 * for a query pattern only URLs with the parameter count.
 */
export function pageNumber(url: string, pattern: string): number | null {
  const u = new URL(url);
  if (pattern.startsWith("?")) {
    const [key] = pattern.slice(1).split("=");
    // Only pages that carry the parameter: an article URL without it is not page 1 of a list.
    const v = u.searchParams.get(key!);
    return v !== null && /^\d+$/.test(v) ? Number(v) : null;
  }
  const last = u.pathname.slice(u.pathname.lastIndexOf("/") + 1);
  const [pre, post] = pattern.split("{n}") as [string, string];
  const first = pre.replace(/[_-]$/, "") + post;
  if (last === first || last === "") return 0;
  if (last.startsWith(pre) && last.endsWith(post)) {
    const n = last.slice(pre.length, last.length - post.length);
    return /^\d+$/.test(n) ? Number(n) : null;
  }
  return null;
}

/** The URL of page `n` of the list that `url` belongs to. */
export function pageUrl(url: string, pattern: string, n: number): string {
  const u = new URL(url);
  if (pattern.startsWith("?")) {
    const [key] = pattern.slice(1).split("=");
    u.searchParams.set(key!, String(n));
    return u.href;
  }
  const dir = u.pathname.slice(0, u.pathname.lastIndexOf("/") + 1);
  u.pathname = dir + pattern.replace("{n}", String(n));
  u.search = "";
  return u.href;
}
