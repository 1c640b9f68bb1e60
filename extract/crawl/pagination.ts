// Paged lists on government CMSs: index.html, index_1.html, index_2.html … (TRS/WCM, often
// written by a createPageHTML(total, current, "index", "html") script), or ?page=2. Pure functions.

/** Link texts that mean "another page of this list". */
const PAGER_TEXT = /^(下一页|上一页|下页|上页|尾页|末页|首页|最后一页|第\s*\d+\s*页|\d{1,4}|>|>>|»|next|prev|last)$/i;

export function isPagerText(text: string): boolean {
  return PAGER_TEXT.test(text.trim());
}

/** Whether `url` is another page of the list at `pageUrl` (same directory, index_N or page= variant). */
export function isSiblingPage(pageUrl: string, url: string): boolean {
  const a = new URL(pageUrl);
  const b = new URL(url);
  if (a.origin !== b.origin) return false;
  const dir = (p: string) => p.slice(0, p.lastIndexOf("/") + 1);
  if (a.pathname === b.pathname) return b.search !== a.search; // ?page=N
  return dir(a.pathname) === dir(b.pathname) && /^(index|list|default)?(_\d+)?\.(s?html?|jsp|aspx?|php)$|^$/i.test(b.pathname.slice(dir(b.pathname).length));
}

/** Pages named by createPageHTML(count, current, "index", "html") (count pages: index.html, index_1 … index_{count-1}). */
export function scriptPagerUrls(html: string, pageUrl: string): string[] {
  const m = html.match(/createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]/);
  if (!m) return [];
  const count = Math.min(Number(m[1]), 1000);
  const [name, ext] = [m[3]!, m[4]!];
  const urls: string[] = [];
  for (let i = 0; i < count; i++) urls.push(new URL(i === 0 ? `${name}.${ext}` : `${name}_${i}.${ext}`, pageUrl).href);
  return urls;
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
