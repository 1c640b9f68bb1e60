// A crawl source: one government portal, described by a JSON file under sources/.
// Validated with zod at load time, so a bad file is rejected with the field and reason
// before any request is sent.
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { z } from "zod";

export const DEFAULT_SOURCES_DIR = "sources";

/** Link-text keywords that mark a page or attachment as budget material. */
export const DEFAULT_FOLLOW_KEYWORDS = ["预算", "决算", "预决算", "部门预算", "部门决算", "三公", "财政预决算", "财政资金"];
export const DEFAULT_ATTACHMENT_EXTENSIONS = ["pdf", "xls", "xlsx", "doc", "docx", "zip", "wps", "et"];
/** Words in a <table> that make an HTML page a budget document in itself. */
/** Download endpoints of the CMS families: 大汉 downfile.jsp, 博达 download.jsp?…DownloadAttachUrl, generic /download?id=. */
export const DEFAULT_DOWNLOAD_URL_PATTERNS = [
  "/downfile\\.jsp\\?", "DownloadAttachUrl", "/download(file)?(\\.\\w+)?\\?.*(id|file)\\w*=", "/(file|attach(ment)?)/download\\b", "/down(load)?\\.(jsp|aspx?|php|do)\\?",
];
export const DEFAULT_TABLE_PAGE_KEYWORDS = ["收支总表", "支出总表", "功能分类", "经济分类", "三公", "收入总表", "财政拨款"];

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" });

const HostName = z
  .string()
  .regex(/^(\*\.)?[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/i, "must be a host name like www.example.gov.cn or *.example.gov.cn (no scheme, port or path)");

const Regex = z.string().refine((s) => {
  try { new RegExp(s); return true; } catch { return false; }
}, "must be a valid regular expression");

export const Politeness = z.strictObject({
  /** Requests in flight to one host at once. */
  concurrencyPerHost: z.number().int().min(1).max(8).default(2),
  /** Minimum time between the starts of two requests to one host (robots Crawl-delay may raise it). */
  minIntervalMs: z.number().int().min(0).default(1000),
  /** Longest Crawl-delay (robots.txt) obeyed; a larger one is capped here. */
  maxCrawlDelayMs: z.number().int().min(0).default(30_000),
  /** Time to receive response headers, and the longest pause while reading a body. */
  timeoutMs: z.number().int().min(1).default(30_000),
  /** Whole-request deadline (headers and body). */
  deadlineMs: z.number().int().min(1).default(300_000),
  /** Retries after the first attempt, on 5xx, 429, resets, timeouts and truncated bodies. */
  maxRetries: z.number().int().min(0).max(10).default(3),
  /** First backoff; doubled per retry, with full jitter. */
  backoffBaseMs: z.number().int().min(0).default(1000),
  backoffMaxMs: z.number().int().min(0).default(60_000),
  /** A Retry-After longer than this ends the attempts (the URL is retried on a later run). */
  maxRetryAfterMs: z.number().int().min(0).default(120_000),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  maxPageBytes: z.number().int().min(1).default(5 * 1024 * 1024),
  maxDocumentBytes: z.number().int().min(1).default(200 * 1024 * 1024),
});

/** A site whose list is served as JSON (the HTML list is filled in by script). Kept for existing configs: a `lists` entry of format json does the same and more. */
export const JsonListAdapter = z.strictObject({
  type: z.literal("json-list"),
  /** List URL with {page} where the page number goes; relative URLs resolve against the first start URL. */
  url: z.string().regex(/\{page\}/, "must contain {page}"),
  firstPage: z.number().int().min(0).default(1),
  maxPages: z.number().int().min(1).default(50),
  /** Dotted path to the array of items in the response, e.g. "data.list". */
  items: z.string().min(1),
  /** Field of an item holding the article or attachment URL (relative URLs resolve against the list URL). */
  link: z.string().min(1),
  /** Field of an item holding its title (used as link text). */
  title: z.string().min(1),
  /** Dotted path to the page count; without it, pages are read until one has no items. */
  pages: z.string().min(1).optional(),
});

export const CMS_FAMILIES = ["auto", "trs", "jcms", "vsb", "xxgk", "platform", "generic"] as const;
export const CmsFamily = z.enum(CMS_FAMILIES);
export type CmsFamily = z.infer<typeof CmsFamily>;

export const RenderMode = z.enum(["http", "browser"]);

/**
 * A list read through an API or a data endpoint rather than found as links: JSON or XML, by GET
 * or POST, page by page. Templates put {page}, {start}, {end}, {offset}, {perPage} and (for a
 * list opened from another list's item) that item's fields, e.g. {deptId}, into url and body.
 */
export const ListSpec = z.strictObject({
  /** Names the list, so another list's items can open it (`opens`). */
  name: z.string().regex(/^[\w-]+$/, "letters, digits, _ or -").optional(),
  /** Request URL template; relative URLs resolve against the first start URL. */
  url: z.string().min(1),
  method: z.enum(["GET", "POST"]).default("GET"),
  /** POST body template: JSON when it starts with { or [, else form-encoded (a=1&b={page}). */
  body: z.string().optional(),
  /** What the response is: json (items by dotted path), xml (items are the elements named by `items`, their text or CDATA an HTML fragment or fields), html (items by CSS selector). */
  format: z.enum(["json", "xml", "html"]).default("json"),
  /** json: dotted path to the item array ("data.list"); xml: element name ("record"); html: CSS selector of an item. */
  items: z.string().min(1),
  /** Item field holding the link (dotted path), or a URL template over the item's fields ("/api/download?id={fileId}"). Omitted for xml/html items: the first link inside the item. */
  link: z.string().min(1).optional(),
  /** Item field (or template) holding the title, the link text. Omitted for xml/html items: the link's text or title=. */
  title: z.string().min(1).optional(),
  /** What an item's link is: auto (an attachment by extension or download shape, else an article page), page, document. */
  itemKind: z.enum(["auto", "page", "document"]).default("auto"),
  /** Each item opens this list (by name) with its fields, instead of being a link (a department → its files). */
  opens: z.string().optional(),
  firstPage: z.number().int().min(0).default(1),
  /** Items per request ({perPage}; {start}/{end} count records from 1). */
  perPage: z.number().int().min(1).default(20),
  /** Requests per list at most; default pagination.maxPages. */
  maxPages: z.number().int().min(1).optional(),
  /** Dotted path (json) or element name (xml) of the page count; or of the item total with `total`. Without either, pages are read until one brings no new item. */
  pages: z.string().min(1).optional(),
  total: z.string().min(1).optional(),
  /** Started with the crawl (default), or only when opened by another list. */
  start: z.boolean().default(true),
  /** Extra request headers for this list (X-Requested-With, tokens). */
  headers: z.record(z.string(), z.string()).default({}),
  /** browser: the list is an HTML page rendered in Chromium first (format html), its items read from the rendered page. */
  render: RenderMode.default("http"),
});
export type ListSpec = z.output<typeof ListSpec>;

/** A javascript: call or onclick handler resolved by a template where the page does not define the function. */
export const ScriptLink = z.strictObject({
  /** The function name, e.g. showDetail. */
  call: z.string().regex(/^[A-Za-z_$][\w$.]*$/, "a JavaScript function name"),
  /** URL template: {1}, {2} … are the call's arguments. */
  url: z.string().min(1),
  /** What the URL is: page (default) or document. */
  kind: z.enum(["page", "document"]).default("page"),
});

export const BrowserOptions = z.strictObject({
  /** Chromium executable. */
  executablePath: z.string().min(1).default("/usr/bin/chromium"),
  /** After load, wait until no request has been in flight for this long (the app rendered its lists). */
  settleMs: z.number().int().min(0).default(500),
  /** Longest time for one page: navigation, settling and the clicks. */
  pageTimeoutMs: z.number().int().min(1000).default(60_000),
  /** Elements with onclick handlers clicked per page to learn where they lead (downloads, details). */
  maxClicks: z.number().int().min(0).default(300),
});

export const Source = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lowercase letters, digits, - or _ (it names files)"),
  /** Where the publisher is: free text, e.g. 上海市普陀区. */
  region: z.string().min(1),
  description: z.string().optional(),
  startUrls: z.array(httpUrl).min(1, "needs at least one start URL"),
  /** Hosts that may be fetched; *.example.gov.cn also allows its subdomains. Start URLs' hosts must be here. */
  allowedHosts: z.array(HostName).min(1, "needs at least one allowed host"),
  /** Links followed from a page at this depth or less (start pages are depth 0; pagination keeps the depth). */
  maxDepth: z.number().int().min(0).max(10).default(4),
  /** Safety stop: URLs fetched per run. */
  maxUrls: z.number().int().min(1).default(20_000),
  links: z.strictObject({
    /** A link is followed when its text (or title) contains one of these, or its URL matches a pattern. */
    keywords: z.array(z.string().min(1)).default(DEFAULT_FOLLOW_KEYWORDS),
    urlPatterns: z.array(Regex).default([]),
    /** Links whose text or URL contains one of these are never followed. */
    exclude: z.array(z.string().min(1)).default([]),
    /** Only links inside elements matching this CSS selector are read (pagination links are always read). */
    selector: z.string().min(1).optional(),
    /** javascript: / onclick calls to functions the page does not define, resolved by template. */
    scriptLinks: z.array(ScriptLink).default([]),
    /** Follow <iframe>/<frame> sources within the allowed hosts (the list of a 信息公开目录 sits in one). */
    frames: z.boolean().default(true),
  }).prefault({}),
  attachments: z.strictObject({
    /** File extensions (lowercase, no dot) that make a link an attachment: of the URL path, or of a query value (downfile.jsp?filename=a.pdf). */
    extensions: z.array(z.string().regex(/^[a-z0-9]+$/, "must be a lowercase extension without dot")).default(DEFAULT_ATTACHMENT_EXTENSIONS),
    /** Regular expressions over the URL that make a link an attachment whatever its extension (download endpoints). */
    urlPatterns: z.array(Regex).default(DEFAULT_DOWNLOAD_URL_PATTERNS),
    /** An attachment is taken when its text or its page's title contains one of these (empty: every attachment). */
    keywords: z.array(z.string().min(1)).default(DEFAULT_FOLLOW_KEYWORDS),
  }).prefault({}),
  /** Pages with a <table> containing one of these words are stored as documents. */
  tablePageKeywords: z.array(z.string().min(1)).default(DEFAULT_TABLE_PAGE_KEYWORDS),
  pagination: z.strictObject({
    /**
     * Next-page URL pattern: "index_{n}.html" (replaces the last path segment) or "?page={n}"
     * (sets that query parameter). Page n+1 is tried while page n brings new links.
     */
    pattern: z.string().regex(/\{n\}/, "must contain {n}").optional(),
    /** Pages of one list at most, whatever the pager (下一页 chains, createPageHTML, goPage, dataproxy, patterns, lists). */
    maxPages: z.number().int().min(1).default(200),
  }).prefault({}),
  adapter: JsonListAdapter.optional(),
  /** Lists read from APIs or data endpoints (POST forms, JSON, XML). */
  lists: z.array(ListSpec).default([]),
  /** The CMS family: auto recognises it per page (generator meta, script names, URL shapes); a name forces its rules. */
  family: CmsFamily.default("auto"),
  /** http: pages fetched and parsed; browser: pages rendered in headless Chromium (their scripts run), documents still fetched directly. */
  render: RenderMode.default("http"),
  browser: BrowserOptions.prefault({}),
  /** Headers sent with every request of this source (on top of User-Agent, Accept, Accept-Language). */
  headers: z.record(z.string(), z.string()).default({}),
  /** Referer sent: page = the page the link was found on (as a browser does; 博达 downloads need it), none = never. */
  referer: z.enum(["page", "none"]).default("page"),
  politeness: Politeness.prefault({}),
  /** Product token and version sent as User-Agent; the robots.txt group is matched on the token. */
  userAgent: z.string().min(1).default("budget-disclosures-crawler/0.1 (+open-source budget disclosure ETL; polite, obeys robots.txt)"),
  /** Allow loopback/private addresses (only for local portals such as the sample one). */
  allowPrivateAddresses: z.boolean().default(false),
  /** A local server the caller starts before crawling this source and rebases the source onto (npm start and cli run know "sample-portal"). */
  servedBy: z.string().regex(/^[a-z0-9-]+$/).optional(),
}).superRefine((s, ctx) => {
  s.lists.forEach((l, i) => {
    if (l.opens && !s.lists.some((o) => o.name === l.opens)) ctx.addIssue({ code: "custom", path: ["lists", i, "opens"], message: `no list named "${l.opens}"` });
    if (l.format === "json" && !l.link && !l.opens) ctx.addIssue({ code: "custom", path: ["lists", i, "link"], message: "a json list needs link (or opens)" });
  });
  s.startUrls.forEach((u, i) => {
    if (!URL.canParse(u) || !/^https?:$/.test(new URL(u).protocol)) return; // reported by the URL check already
    if (!hostAllowed(new URL(u).hostname, s.allowedHosts)) {
      ctx.addIssue({ code: "custom", path: ["startUrls", i], message: `host ${new URL(u).hostname} is not in allowedHosts` });
    }
  });
});
export type Source = z.output<typeof Source>;
export type SourceInput = z.input<typeof Source>;
export type Politeness = z.output<typeof Politeness>;
export type JsonListAdapter = z.output<typeof JsonListAdapter>;
export type ScriptLink = z.output<typeof ScriptLink>;
export type BrowserOptions = z.output<typeof BrowserOptions>;

/** Hostname match: exact, or a subdomain of a "*.domain" entry. */
export function hostAllowed(hostname: string, allowedHosts: readonly string[]): boolean {
  const h = hostname.toLowerCase();
  return allowedHosts.some((a) => {
    const p = a.toLowerCase();
    return p.startsWith("*.") ? h.endsWith(p.slice(1)) || h === p.slice(2) : h === p;
  });
}

export class SourceConfigError extends Error {
  override name = "SourceConfigError";
}

/** "startUrls.0: must be an absolute http(s) URL; politeness.minIntervalMs: …" */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
}

export function parseSource(input: unknown, where = "source"): Source {
  const r = Source.safeParse(input);
  if (!r.success) throw new SourceConfigError(`${where}: ${describeIssues(r.error)}`);
  return r.data;
}

export async function readSourceFile(file: string): Promise<Source> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new SourceConfigError(`${file}: ${(e as Error).message}`);
  }
  const source = parseSource(json, file);
  if (source.name !== basename(file, extname(file))) {
    throw new SourceConfigError(`${file}: name: "${source.name}" must equal the file name "${basename(file, extname(file))}"`);
  }
  return source;
}

/** Every sources/*.json, sorted by name; the first bad file stops with its error. */
export async function readSources(dir: string = DEFAULT_SOURCES_DIR): Promise<Source[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  return Promise.all(names.map((n) => readSourceFile(join(dir, n))));
}

/** The same source served from another origin (the sample portal on a port chosen at start). */
export function rebaseSource(source: Source, origin: string): Source {
  const o = new URL(origin);
  const moved = (u: string) => { const x = new URL(u); x.protocol = o.protocol; x.host = o.host; return x.href; };
  return {
    ...source,
    startUrls: source.startUrls.map(moved),
    allowedHosts: [...new Set([...source.allowedHosts, o.hostname])],
    // A relative adapter URL follows the start URL by itself; an absolute one moves too.
    adapter: source.adapter && /^https?:/.test(source.adapter.url)
      ? { ...source.adapter, url: moved(source.adapter.url.replace("{page}", "PAGE_N")).replace("PAGE_N", "{page}") }
      : source.adapter,
    lists: source.lists.map((l) => (/^https?:/.test(l.url) ? { ...l, url: l.url.replace(/^https?:\/\/[^/]+/, o.origin) } : l)),
  };
}
