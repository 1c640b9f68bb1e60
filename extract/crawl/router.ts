// Handlers routed by what a URL is, as Crawlee's router by label: a document (attachment),
// a data list (API / dataproxy answer), an HTML page — fetched, or rendered in the browser
// when the source (or its list) asks for one. robots.txt is handled by the context, before
// any other request to an origin. A request this run already handled (a resumed run) is
// replayed from the crawl state: its links re-enter the queue, nothing is fetched.
import type { CrawlContext } from "./crawl-context.ts";
import type { CrawlRequest } from "./request-queue.ts";
import { handleDocument } from "./handlers/document-handler.ts";
import { handleList } from "./handlers/list-handler.ts";
import { handlePage } from "./handlers/page-handler.ts";

export type Handler = (request: CrawlRequest, ctx: CrawlContext) => Promise<void>;

export type Route = "document" | "list" | "page" | "browser-page" | "browser-list";

export interface Router {
  route(request: CrawlRequest, ctx: CrawlContext): Route;
  handlers: Record<Route, Handler>;
}

/** Pages render in the browser when the source says so; documents and lists never do (fetched directly). */
export function routeOf(request: CrawlRequest, ctx: CrawlContext): Route {
  if (request.kind === "document") return "document";
  if (request.kind === "list") return request.data?.spec.render === "browser" ? "browser-list" : "list";
  return ctx.source.render === "browser" && request.method !== "POST" ? "browser-page" : "page";
}

export function createRouter(browser?: { page: Handler; list: Handler }): Router {
  return {
    route: routeOf,
    handlers: {
      document: handleDocument,
      list: handleList,
      page: handlePage,
      "browser-page": browser?.page ?? handlePage,
      "browser-list": browser?.list ?? handleList,
    },
  };
}

/** Runs one request through its handler (or replays it when this run handled it already). */
export async function dispatch(router: Router, request: CrawlRequest, ctx: CrawlContext): Promise<void> {
  if (ctx.aborted) return;
  const done = ctx.record(request.key);
  if (done && done.runId === ctx.run.id && done.kind !== "robots") {
    ctx.enqueueLinks(request, done.links ?? []);
    return;
  }
  await router.handlers[router.route(request, ctx)](request, ctx);
}
