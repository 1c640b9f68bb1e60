// `crawl probe URL`: one page fetched politely (robots.txt first, the default interval, the
// address guard), read as the crawler reads it, and described: which CMS family it looks like
// and why, the lists, pagers, frames, data stores and script links on it, the calls that could
// not be resolved, and a starting source config.
import { decodeHtml } from "./charset.ts";
import { FAMILIES, recogniseFamily } from "./cms-families.ts";
import { sniffFormat } from "../formats/format-registry.ts";
import { politeFetch, type FetchContext } from "./fetcher.ts";
import { HOST_LANES } from "./host-lanes.ts";
import { parsePage } from "./html-page.ts";
import { createAgents, destroyAgents, FetchError } from "./http-request.ts";
import { hasDatastore } from "./jcms-datastore.ts";
import type { FoundLink } from "./link-rules.ts";
import { RobotsRules } from "./robots.ts";
import { parseSource, type SourceInput } from "./source-config.ts";

export interface ProbeOptions {
  allowPrivateAddresses?: boolean;
  userAgent?: string;
  signal?: AbortSignal;
}

export interface ProbeResult {
  url: string;
  finalUrl: string;
  family: string;
  /** Clues matched per family. */
  scores: Record<string, number>;
  title: string;
  articles: FoundLink[];
  attachments: FoundLink[];
  lists: FoundLink[];
  pagers: FoundLink[];
  frames: FoundLink[];
  dataLists: FoundLink[];
  /** Links reached through javascript:/onclick code. */
  scriptLinks: number;
  unresolvedCalls: string[];
  datastore: boolean;
  /** An empty shell filled by script: a browser or the app's API is needed. */
  scriptShell: boolean;
  config: SourceInput;
}

/** Article pages of the families (tYYYYMMDD_N, art_N_M, info/N/M, detail?id=): items of a list, not lists. */
const ARTICLE_SHAPE = /\/t20\d{6}_\d+\.s?html?$|\/art_\d+_\d+\.html$|\/info\/\d+\/\d+\.htm$|detail\w*\.\w+\?.*id=|\/content_\d+|\/c\d+\/content/i;

export async function probe(url: string, o: ProbeOptions = {}): Promise<ProbeResult> {
  const host = new URL(url).hostname;
  const source = parseSource({
    name: "probe", region: "probe", startUrls: [url], allowedHosts: [host], allowPrivateAddresses: o.allowPrivateAddresses ?? false,
    ...(o.userAgent ? { userAgent: o.userAgent } : {}),
  });
  const agents = createAgents(source.allowPrivateAddresses);
  const lanes = HOST_LANES.lease(`probe#${Date.now()}`, source.politeness);
  const ctx: FetchContext = { agents, lanes, politeness: source.politeness, userAgent: source.userAgent, signal: o.signal };
  const hostCheck = (u: string) => (new URL(u).hostname === host ? null : `host ${new URL(u).hostname} is not the probed host`);
  try {
    const robots = new RobotsRules(source.userAgent, async (robotsUrl) => {
      try {
        const r = await politeFetch(robotsUrl, ctx, { maxBytes: 512 * 1024, checkUrl: hostCheck });
        return { kind: "ok", text: Buffer.from(r.body).toString("utf8") };
      } catch (e) {
        const status = (e as FetchError).status;
        return status !== undefined && status >= 400 && status < 500 ? { kind: "missing", status } : { kind: "unreachable", reason: (e as Error).message };
      }
    });
    const r = await politeFetch(url, ctx, { maxBytes: source.politeness.maxPageBytes, checkUrl: async (u) => hostCheck(u) ?? (await robots.verdict(u)).disallowed });
    if (r.status !== 200) throw new FetchError("http-status", `HTTP ${r.status}`, false, r.status);
    const format = sniffFormat(r.body);
    if (format !== "html" && format !== "text") throw new FetchError("content", `the page is ${format}, not HTML`, false, r.status);
    const html = decodeHtml(r.body, r.headers["content-type"]).text;
    const page = parsePage(html, r.url, source);
    const { family, scores } = recogniseFamily(html, r.url);
    const scriptShell = (html.match(/<a\b/gi)?.length ?? 0) < 3 && /<script\b[^>]*src=/i.test(html);
    const pagers = page.links.filter((l) => l.pagination);
    const frames = page.links.filter((l) => l.frame);
    const dataLists = page.links.filter((l) => l.kind === "list");
    const articles = page.links.filter((l) => l.kind === "page" && !l.pagination && !l.frame && ARTICLE_SHAPE.test(l.url));
    const lists = page.links.filter((l) => l.kind === "page" && !l.pagination && !l.frame && !ARTICLE_SHAPE.test(l.url));
    const attachments = page.links.filter((l) => l.kind === "document");
    // The page is a list itself (or holds one in a frame) when it pages, lists articles or frames; else its budget columns are the lists to start from.
    const isList = pagers.length > 0 || articles.length > 0 || dataLists.length > 0 || frames.length > 0 || hasDatastore(html);
    const config: SourceInput = {
      name: host.replace(/^www\./, "").replace(/[^a-z0-9]+/gi, "-").toLowerCase().replace(/^-|-$/g, ""),
      region: "（填写发布机关所在地区）",
      startUrls: isList || lists.length === 0 ? [r.url] : [...new Set(lists.map((l) => l.url))].slice(0, 10),
      allowedHosts: [host],
      ...(family !== "generic" ? { family } : {}),
      ...(scriptShell ? { render: "browser" as const } : {}),
      ...(page.unresolvedCalls.length ? { links: { scriptLinks: page.unresolvedCalls.map((c) => ({ call: c, url: `/REPLACE-with-the-URL-${c}-opens?id={1}`, kind: "page" as const })) } } : {}),
      ...(o.allowPrivateAddresses ? { allowPrivateAddresses: true } : {}),
    };
    return {
      url, finalUrl: r.url, family, scores, title: page.title, articles, attachments, lists, pagers, frames, dataLists,
      scriptLinks: page.links.filter((l) => l.method === "POST").length, unresolvedCalls: page.unresolvedCalls, datastore: hasDatastore(html), scriptShell, config,
    };
  } finally {
    lanes.release();
    destroyAgents(agents);
  }
}

/** The probe in words, for a person. */
export function probeReport(p: ProbeResult): string[] {
  const label = FAMILIES.find((f) => f.name === p.family);
  const lines = [
    `${p.finalUrl}: 《${p.title}》`,
    `looks like: ${label ? `${label.label} (${p.family})` : "no known CMS family (generic)"} — clues: ${Object.entries(p.scores).map(([k, v]) => `${k} ${v}`).join(", ")}`,
  ];
  if (label) lines.push(`  ${label.notes}`);
  const list = (name: string, links: FoundLink[]) => {
    if (links.length === 0) return;
    lines.push(`${name} (${links.length}):`);
    for (const l of links.slice(0, 12)) lines.push(`  ${l.method === "POST" ? `POST ${l.body} → ` : ""}${l.url}${l.text ? `  ${l.text}` : ""}`);
    if (links.length > 12) lines.push(`  … ${links.length - 12} more`);
  };
  list("lists (budget columns)", p.lists);
  list("articles", p.articles);
  list("attachments", p.attachments);
  list("other pages of this list", p.pagers);
  list("frames", p.frames);
  list("data lists (dataproxy / API)", p.dataLists);
  if (p.datastore) lines.push("a 大汉 JCMS data store: its records are read, further pages from dataproxy.jsp");
  if (p.unresolvedCalls.length) lines.push(`script calls not resolved (define them in links.scriptLinks): ${p.unresolvedCalls.join(", ")}`);
  if (p.scriptShell) lines.push(`the page is filled by script: use "render": "browser", or its API as "lists" (the browser's Network tab shows the requests)`);
  lines.push("starting config (stdout): save as sources/<name>.json, fill in region, check the lists");
  return lines;
}
