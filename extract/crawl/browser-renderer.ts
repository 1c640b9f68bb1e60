// Pages that only a browser can read (a provincial platform's JavaScript application): rendered
// in headless Chromium (Debian's, through playwright-core), every request it makes answered by
// the crawler's own polite fetcher — the same host lanes, robots.txt, address guard and raw
// store — so the browser never touches the network itself. Images, fonts and styles are not
// fetched. After the page settles, its rendered DOM is read like any page, every onclick
// element is clicked once with window.open and navigations caught (where they lead becomes a
// link), and the 下一页 control is clicked through the pages. Documents are still fetched
// directly by the document handler.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page, Route } from "playwright-core";
import { DOCUMENT_FORMATS, sniffFormat } from "../formats/format-registry.ts";
import { asFetchError, type CrawlContext } from "./crawl-context.ts";
import { parseListAnswer } from "./data-lists.ts";
import { politeFetch, type FetchResult } from "./fetcher.ts";
import { parsePage, type ParsedPage } from "./html-page.ts";
import { classifyLink, collapseSpace, isAllowedUrl, requestKey, type FoundLink } from "./link-rules.ts";
import type { CrawlRequest } from "./request-queue.ts";
import { HostSlots } from "./host-lanes.ts";
import { fetchPage, storePage } from "./handlers/page-handler.ts";

/** Without the background-networking flags Chromium opens connections of its own, which a closed network refuses. */
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
/** Pages rendered at once per crawl. */
const PAGES_AT_ONCE = 2;
const SKIPPED_RESOURCES = new Set(["image", "media", "font", "stylesheet", "websocket", "manifest", "texttrack", "eventsource", "other"]);
/** Response headers the fulfilled body no longer matches. */
const DROPPED_HEADERS = new Set(["content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"]);

/** window.open recorded instead of opening a window (where it leads becomes a link). */
const INIT_SCRIPT = `window.__opened = [];
window.open = function (u) { if (u) window.__opened.push(new URL(String(u), location.href).href); return null; };`;
const CLICKABLE = `document.querySelectorAll("[onclick], a[href^='javascript:' i]")`;
const COUNT_CLICKABLE = `${CLICKABLE}.length`;
/** Clicks the n-th clickable element unless it is a pager control; its text, or null. */
const CLICK_ONE = `function (n) {
  var el = ${CLICKABLE}[n];
  if (!el || /^(下一页|下页|上一页|上页|首页|尾页|末页|next|prev|>|<|>>|<<|\\d{1,4})$/i.test(el.innerText.trim())) return null;
  var t = el.innerText + " " + (el.getAttribute("title") || "");
  el.click();
  return t;
}`;
const TAKE_OPENED = `window.__opened.splice(0)`;
const BODY_TEXT = `document.body ? document.body.innerText : ""`;
/** Clicks the app's 下一页 control; false when there is none (or it is disabled). */
const CLICK_NEXT = `(function () {
  var all = document.querySelectorAll("a, button, span, li, div");
  for (var i = 0; i < all.length; i++) {
    var e = all[i];
    if (e.children.length === 0 && /^(下一页|下页|next|>)$/i.test(e.innerText.trim()) && !e.matches(".disabled, [disabled], .is-disabled")) { e.click(); return true; }
  }
  return false;
})()`;

interface Caught { url: string; method: "GET" | "POST"; body?: string; text: string }

export class BrowserRenderer {
  private context: Promise<{ browser: BrowserContext; dir: string }> | null = null;
  private readonly pages = new HostSlots(() => PAGES_AT_ONCE);

  constructor(private readonly ctx: CrawlContext) {}

  handlers() {
    return { page: (r: CrawlRequest) => this.handlePage(r), list: (r: CrawlRequest) => this.handleList(r) };
  }

  private launch(): Promise<{ browser: BrowserContext; dir: string }> {
    this.context ??= (async () => {
      const { chromium } = await import("playwright-core");
      const dir = await mkdtemp(join(tmpdir(), "crawl-chromium-"));
      const browser = await chromium.launchPersistentContext(join(dir, "profile"), {
        executablePath: this.ctx.source.browser.executablePath, headless: true, args: CHROMIUM_ARGS,
        userAgent: this.ctx.source.userAgent, locale: "zh-CN", serviceWorkers: "block", acceptDownloads: false,
      });
      // Anything a page's own route does not answer (a popup window, a worker) is refused: the browser never reaches the network itself.
      await browser.route("**/*", (route) => route.abort("blockedbyclient"));
      return { browser, dir };
    })();
    return this.context;
  }

  async close(): Promise<void> {
    if (!this.context) return;
    const { browser, dir } = await this.context.catch(() => ({ browser: null, dir: null }));
    await browser?.close().catch(() => {});
    if (dir) await rm(dir, { recursive: true, force: true });
  }

  private async handlePage(request: CrawlRequest): Promise<void> {
    const r = await fetchPage(request, this.ctx, this.ctx.source.politeness.maxPageBytes);
    if (!r) return;
    let page: ParsedPage;
    try {
      page = await this.pages.use(() => this.render(request, r));
    } catch (e) {
      return this.ctx.fail(request, "browser", `rendering in Chromium: ${(e as Error).message.split("\n")[0]}`, r.status);
    }
    await storePage(request, this.ctx, r, page);
  }

  /** A list whose items are in an HTML page rendered by script (lists[].render = "browser"). */
  private async handleList(request: CrawlRequest): Promise<void> {
    const data = request.data!;
    const r = await fetchPage(request, this.ctx, this.ctx.source.politeness.maxPageBytes);
    if (!r) return;
    let html: string;
    try {
      html = await this.pages.use(async () => (await this.render(request, r, true)).title);
    } catch (e) {
      return this.ctx.fail(request, "browser", `rendering in Chromium: ${(e as Error).message.split("\n")[0]}`, r.status);
    }
    const parsed = parseListAnswer(html, r.url, { ...data.spec, format: "html" }, data.page, data.vars, this.ctx.source, (l) => this.ctx.queue.has(l));
    const stored = await this.ctx.storeBody(r, "html", request);
    await this.ctx.state.put({ ...this.ctx.base(request), kind: "list", status: "ok", ...stored.fields, links: parsed.links, versions: this.ctx.nextVersions(this.ctx.record(request.key), stored.sha256) });
    this.ctx.enqueueLinks(request, parsed.links);
  }

  /** Renders the page (its own body already fetched) and reads it; with `htmlOnly` the title field carries the rendered HTML. */
  private async render(request: CrawlRequest, main: FetchResult, htmlOnly = false): Promise<ParsedPage> {
    const { browser } = await this.launch();
    const opts = this.ctx.source.browser;
    const page = await browser.newPage();
    const caught: Caught[] = [];
    let loaded = false;
    let inFlight = 0;
    let lastActivity = Date.now();
    await page.route("**/*", (route) => {
      inFlight++;
      lastActivity = Date.now();
      void this.answer(route, request, main, () => loaded, caught).finally(() => { inFlight--; lastActivity = Date.now(); });
    });
    // Strings, not functions: the page runs them as written (a transpiled function may call helpers the page lacks).
    await page.addInitScript(INIT_SCRIPT);
    page.on("popup", (popup) => { caught.push({ url: popup.url(), method: "GET", text: "" }); void popup.close(); });
    const settle = async () => {
      const until = Date.now() + opts.pageTimeoutMs;
      await page.waitForTimeout(30);
      while (Date.now() < until && (inFlight > 0 || Date.now() - lastActivity < opts.settleMs)) await page.waitForTimeout(25);
    };
    try {
      await page.goto(main.chain[0]!, { waitUntil: "load", timeout: opts.pageTimeoutMs });
      await settle();
      loaded = true;
      if (htmlOnly) return { title: await page.content(), heading: "", links: [], holdsBudgetTable: false, family: "platform", unresolvedCalls: [], tableImages: [] };

      const links = new Map<string, FoundLink>();
      let first: ParsedPage | null = null;
      const read = async () => {
        for (const frame of page.frames()) {
          const parsed = parsePage(await frame.content(), frame.url() === "about:blank" ? main.url : frame.url(), this.ctx.source, request.linkText);
          first ??= parsed;
          for (const l of parsed.links) if (!links.has(requestKey(l))) links.set(requestKey(l), l);
        }
      };
      const context = () => `${first?.title ?? ""} ${request.linkText ?? ""} ${first?.heading ?? ""}`;
      const harvest = () => {
        for (const c of caught.splice(0)) {
          if (!isAllowedUrl(c.url, this.ctx.source)) continue;
          const link = classifyLink(c.url, c.text, context(), this.ctx.source);
          if (link) links.set(requestKey({ ...link, method: c.method, body: c.body }), { ...link, ...(c.method === "POST" ? { method: "POST", body: c.body } : {}) });
        }
      };
      const clickAll = async () => {
        const count = (await page.evaluate(COUNT_CLICKABLE)) as number;
        for (let i = 0; i < Math.min(count, opts.maxClicks); i++) {
          const text = (await page.evaluate(`(${CLICK_ONE})(${i})`).catch(() => null)) as string | null;
          if (text === null) continue;
          await page.waitForTimeout(10);
          const opened = ((await page.evaluate(TAKE_OPENED).catch(() => [])) as string[]);
          for (const u of opened) caught.push({ url: u, method: "GET", text: collapseSpace(text) });
          for (const c of caught) if (!c.text) c.text = collapseSpace(text);
          harvest();
        }
      };
      await read();
      await clickAll();
      // The app's own pager: 下一页 clicked while it changes the list, up to pagination.maxPages.
      for (let p = 1; p < this.ctx.source.pagination.maxPages; p++) {
        const before = await page.evaluate(BODY_TEXT);
        if (!(await page.evaluate(CLICK_NEXT))) break;
        await settle();
        if ((await page.evaluate(BODY_TEXT)) === before) break;
        await read();
        await clickAll();
      }
      harvest();
      const parsed: ParsedPage = first ?? { title: "", heading: "", links: [], holdsBudgetTable: false, family: "platform", unresolvedCalls: [], tableImages: [] };
      return { ...parsed, links: [...links.values()] };
    } finally {
      await page.close().catch(() => {});
    }
  }

  /** Answers one of the browser's requests through the crawler's fetcher (or refuses it). */
  private async answer(route: Route, request: CrawlRequest, main: FetchResult, loaded: () => boolean, caught: Caught[]): Promise<void> {
    const req = route.request();
    const url = req.url().replace(/#.*$/, "");
    try {
      const method = req.method() === "POST" ? "POST" : "GET";
      if (req.isNavigationRequest() && req.frame().parentFrame() === null && loaded()) {
        // A click that leaves the page: where it goes is a link, the page stays.
        caught.push({ url, method, body: req.postData() ?? undefined, text: "" });
        return await route.abort("aborted");
      }
      if (url === main.chain[0] && req.isNavigationRequest() && req.frame().parentFrame() === null) {
        return await route.fulfill({ status: main.status, headers: fulfilled(main.headers), body: Buffer.from(main.body) });
      }
      if (SKIPPED_RESOURCES.has(req.resourceType()) || !/^https?:/.test(url)) return await route.abort("blockedbyclient");
      if (this.ctx.hostCheck(url) || (await this.ctx.robotsVerdict(url))) return await route.abort("blockedbyclient");
      const headers = req.headers();
      const r = await politeFetch(url, this.ctx.fetchContext, {
        method, body: req.postData() ?? undefined, maxBytes: this.ctx.source.politeness.maxPageBytes, checkUrl: this.ctx.checkUrl,
        referer: request.url, headers: Object.fromEntries(Object.entries(headers).filter(([k]) => /^(content-type|x-requested-with|accept)$/i.test(k))),
      });
      const format = sniffFormat(r.body);
      if (DOCUMENT_FORMATS.has(format)) {
        // A document the app fetched: a link for the document handler, not the browser's.
        caught.push({ url, method: "GET", text: "" });
        return await route.abort("aborted");
      }
      await this.ctx.storeBody(r, format === "html" || format === "json" ? format : "text", { url, referrer: request.url });
      await route.fulfill({ status: r.status, headers: fulfilled(r.headers), body: Buffer.from(r.body) });
    } catch (e) {
      this.ctx.log(`browser request ${url}: ${asFetchError(e).message}`);
      await route.abort("failed").catch(() => {});
    }
  }
}

function fulfilled(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !DROPPED_HEADERS.has(k.toLowerCase())));
}

