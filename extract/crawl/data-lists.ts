// Lists read from data endpoints (source.lists, JCMS dataproxy, the json-list adapter): the
// request of each page from the list's templates, and the links an answer holds — JSON items
// by dotted path, XML elements (an HTML fragment each, or fields), HTML items by selector —
// with the next page while the list goes on. Pure functions.
import * as cheerio from "cheerio";
import { classifyLink, collapseSpace, listItemLink, resolveUrl, type FoundLink } from "./link-rules.ts";
import type { JsonListAdapter, ListSpec, Source } from "./source-config.ts";

const TOKEN = /\{([A-Za-z_][\w.]*)\}/g;

/** {name} replaced from vars; in a URL the values are percent-encoded, in a body they are as they are (JSON) or encoded (form). */
export function fillTemplate(template: string, vars: Record<string, string>, encode: (s: string) => string = (s) => s): string {
  return template.replace(TOKEN, (whole, name: string) => (name in vars ? encode(vars[name]!) : whole));
}

/** The variables of page `page` of a list: page, perPage, start and end (records from 1), offset, and the opening item's fields. */
export function pageVars(spec: ListSpec, page: number, vars: Record<string, string>): Record<string, string> {
  const start = (page - spec.firstPage) * spec.perPage + 1;
  return { ...vars, page: String(page), perPage: String(spec.perPage), start: String(start), end: String(start + spec.perPage - 1), offset: String(start - 1) };
}

export interface ListRequest { url: string; method: "GET" | "POST"; body?: string; headers?: Record<string, string> }

export function listRequest(spec: ListSpec, page: number, vars: Record<string, string>, base: string): ListRequest {
  const v = pageVars(spec, page, vars);
  const url = new URL(fillTemplate(spec.url, v, encodeURIComponent), base).href;
  const form = spec.body !== undefined && !/^\s*[[{]/.test(spec.body);
  const body = spec.body !== undefined ? fillTemplate(spec.body, v, form ? encodeURIComponent : (s) => JSON.stringify(s).slice(1, -1)) : undefined;
  return { url, method: spec.method, ...(body !== undefined ? { body } : {}), ...(Object.keys(spec.headers).length ? { headers: spec.headers } : {}) };
}

/** The link that asks page `page` of the list. */
export function listLink(spec: ListSpec, page: number, vars: Record<string, string>, base: string, text = ""): FoundLink {
  return { ...listRequest(spec, page, vars, base), kind: "list", text: text || spec.name || "list", data: { spec, page, vars } };
}

/** A json-list adapter (older configs) as the list it is. */
export function adapterList(adapter: JsonListAdapter): ListSpec {
  return {
    url: adapter.url, method: "GET", format: "json", items: adapter.items, link: adapter.link, title: adapter.title, itemKind: "auto",
    firstPage: adapter.firstPage, perPage: 20, maxPages: adapter.maxPages, pages: adapter.pages, start: true, headers: {}, render: "http",
  };
}

function at(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o !== null && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** An item's fields as template variables (nested objects by dotted names). */
export function flatten(obj: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (obj === null || typeof obj !== "object") { if (prefix) out[prefix] = String(obj ?? ""); return out; }
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** A field path, or a template when it has {…}. */
const fieldOrTemplate = (spec: string, fields: Record<string, string>) => (spec.includes("{") ? fillTemplate(spec, fields) : fields[spec] ?? "");

export interface ParsedList {
  links: FoundLink[];
  /** Items the answer held (a list ends on a page without items). */
  items: number;
}

/**
 * The links of one answer of a list.
 * @param known whether a link was seen before in this run (a page bringing nothing new ends the list)
 */
export function parseListAnswer(text: string, url: string, spec: ListSpec, page: number, vars: Record<string, string>, source: Source, known: (l: FoundLink) => boolean): ParsedList {
  const links: FoundLink[] = [];
  const byName = (name: string) => source.lists.find((l) => l.name === name);
  let count = 0;
  let pages: number | undefined;
  let total: number | undefined;
  const addItem = (fields: Record<string, string>, fragment: string | null) => {
    count++;
    if (spec.opens) {
      const next = byName(spec.opens);
      if (next) links.push(listLink(next, next.firstPage, { ...vars, ...fields }, url, fields[spec.title ?? ""] ?? ""));
      return;
    }
    if (fragment !== null && !spec.link) {
      const $ = cheerio.load(fragment);
      $("a[href]").each((_, el) => {
        const a = $(el);
        const target = resolveUrl(a.attr("href")!, url);
        const title = collapseSpace(`${a.attr("title") ?? ""} ${a.text()}`);
        const link = target ? classifyLink(target, title, "", source) : null;
        if (link) links.push(link);
      });
      return;
    }
    const href = spec.link ? fieldOrTemplate(spec.link, fields) : "";
    const target = href ? resolveUrl(href, url) : null;
    const title = collapseSpace(spec.title ? fieldOrTemplate(spec.title, fields) : "");
    const link = target ? listItemLink(target, title, source, spec.itemKind) : null;
    if (link) links.push(link);
  };

  if (spec.format === "json") {
    const body = JSON.parse(text) as unknown;
    const items = at(body, spec.items);
    if (!Array.isArray(items)) throw new Error(`"${spec.items}" is not an array in the response`);
    for (const item of items) addItem(flatten(item), null);
    if (spec.pages) pages = Number(at(body, spec.pages));
    if (spec.total) total = /^\d+$/.test(spec.total) ? Number(spec.total) : Number(at(body, spec.total));
  } else if (spec.format === "xml") {
    const name = spec.items.replace(/[^\w-]/g, "");
    for (const m of text.matchAll(new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`, "gi"))) {
      const inner = m[1]!;
      const cdata = [...inner.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((c) => c[1]!).join("");
      const fields: Record<string, string> = {};
      for (const f of inner.matchAll(/<([\w-]+)\b[^>]*>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g)) fields[f[1]!] = (f[2] ?? f[3] ?? "").trim();
      addItem(fields, cdata || (Object.keys(fields).length ? null : inner));
    }
    const tag = (n: string) => text.match(new RegExp(`<${n}>\\s*(\\d+)\\s*</${n}>`, "i"))?.[1];
    if (spec.pages) pages = Number(tag(spec.pages));
    if (spec.total) total = /^\d+$/.test(spec.total) ? Number(spec.total) : Number(tag(spec.total));
  } else {
    const $ = cheerio.load(text);
    $(spec.items).each((_, el) => {
      const item = $(el);
      const fields: Record<string, string> = { text: collapseSpace(item.text()) };
      for (const [k, v] of Object.entries((el as { attribs?: Record<string, string> }).attribs ?? {})) fields[k] = v;
      addItem(fields, $.html(item));
    });
  }

  const last = spec.firstPage + (spec.maxPages ?? source.pagination.maxPages) - 1;
  const startOfNext = (page + 1 - spec.firstPage) * spec.perPage + 1;
  const more = count > 0 && page < last && links.some((l) => !known(l))
    && (pages === undefined || Number.isNaN(pages) || page < pages - 1 + spec.firstPage)
    && (total === undefined || Number.isNaN(total) || startOfNext <= total);
  if (more) links.push({ ...listLink(spec, page + 1, vars, url), pagination: true });
  return { links, items: count };
}
