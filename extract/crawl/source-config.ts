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

/** A site whose list is served as JSON (the HTML list is filled in by script). */
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
  }).prefault({}),
  attachments: z.strictObject({
    /** File extensions (URL path, lowercase, no dot) that make a link an attachment. */
    extensions: z.array(z.string().regex(/^[a-z0-9]+$/, "must be a lowercase extension without dot")).default(DEFAULT_ATTACHMENT_EXTENSIONS),
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
    maxPages: z.number().int().min(1).default(200),
  }).prefault({}),
  adapter: JsonListAdapter.optional(),
  politeness: Politeness.prefault({}),
  /** Product token and version sent as User-Agent; the robots.txt group is matched on the token. */
  userAgent: z.string().min(1).default("budget-disclosures-crawler/0.1 (+open-source budget disclosure ETL; polite, obeys robots.txt)"),
  /** Allow loopback/private addresses (only for local portals such as the sample one). */
  allowPrivateAddresses: z.boolean().default(false),
  /** A local server the pipeline starts before crawling this source. */
  servedBy: z.enum(["sample-portal"]).optional(),
}).superRefine((s, ctx) => {
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
  };
}
