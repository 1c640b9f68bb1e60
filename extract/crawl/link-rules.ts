// Which links a source wants: pure functions over URLs and link texts.
import { hostAllowed, type ListSpec, type Source } from "./source-config.ts";

export type LinkKind = "page" | "document" | "list";

/** A request a data list makes: the list (inline, so a replayed page can make it again), its page, its variables. */
export interface DataListRef {
  spec: ListSpec;
  page: number;
  vars: Record<string, string>;
}

/** A link worth fetching, as found on a page (or made from a form, a script call, a list item). */
export interface FoundLink {
  url: string;
  kind: LinkKind;
  /** Link text (or title attribute), whitespace collapsed. */
  text: string;
  /** Another page of the list it was found on: fetched at the same depth, counted against pagination.maxPages. */
  pagination?: boolean;
  /** This page's number in its list (0 = the first), when the pager says it (createPageHTML, goPage(n)); else one after the page it was found on. */
  pageNo?: number;
  /** An <iframe>/<frame> of the page: part of it, fetched at the same depth whatever its text. */
  frame?: boolean;
  /** A page guessed (pattern, script pager): a 404 there ends the list, it is not a failure. */
  probe?: boolean;
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  /** A data list's request (kind "list"). */
  data?: DataListRef;
}

/** What identifies a request: its URL, and for a POST its body too (pages of a paging form share their URL). */
export function requestKey(link: { url: string; method?: string; body?: string }): string {
  return link.method === "POST" ? `POST ${link.url} ${link.body ?? ""}` : link.url;
}

/** Absolute http(s) URL without fragment, or null for javascript:, mailto:, unparsable hrefs. */
export function resolveUrl(href: string, base: string): string | null {
  const h = href.trim();
  if (!h || /^(javascript|mailto|tel|data|about|vbscript):/i.test(h) || h.startsWith("#")) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    u.hash = "";
    return u.href;
  } catch {
    return null;
  }
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
};

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

/** Lowercase extension of the URL's last path segment ("" when none). */
export function urlExtension(url: string): string {
  const last = new URL(url).pathname.split("/").pop() ?? "";
  return extensionOf(decodeURIComponentSafe(last));
}

export const collapseSpace = (s: string) => s.replace(/\s+/g, " ").trim();

const containsAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w));

export function isAllowedUrl(url: string, source: Source): boolean {
  return hostAllowed(new URL(url).hostname, source.allowedHosts);
}

/**
 * An attachment: its path ends in an attachment extension, or a query value does
 * (downfile.jsp?filename=P0123.pdf), or the URL has a download endpoint's shape.
 */
export function isAttachmentUrl(url: string, source: Source): boolean {
  const ext = source.attachments.extensions;
  if (ext.includes(urlExtension(url))) return true;
  const u = new URL(url);
  for (const v of u.searchParams.values()) if (ext.includes(extensionOf(v.split(/[/\\]/).pop() ?? ""))) return true;
  return source.attachments.urlPatterns.some((p) => new RegExp(p, "i").test(url));
}

function excluded(url: string, text: string, source: Source): boolean {
  return containsAny(text, source.links.exclude) || containsAny(decodeURIComponentSafe(url), source.links.exclude);
}

/** Link texts that name the file and say nothing of it (附件1, 下载, 点击查看). */
export const GENERIC_LINK_TEXT = /^(附件\s*\d*[:：]?|下载|点击下载|点击查看|查看|详情|详细|more|更多|\d+)$/i;

/**
 * Classifies one link found on a page; null when the source does not want it.
 * @param pageContext the page's title and the text of the link that led to it: an attachment
 *   on a page about 部门预算 is wanted even when it is called 附件1.pdf
 */
export function classifyLink(url: string, text: string, pageContext: string, source: Source): FoundLink | null {
  if (!isAllowedUrl(url, source) || excluded(url, text, source)) return null;
  if (isAttachmentUrl(url, source)) {
    const words = source.attachments.keywords;
    const wanted = words.length === 0 || containsAny(text, words) || containsAny(pageContext, words) || containsAny(decodeURIComponentSafe(url), words);
    return wanted ? { url, kind: "document", text } : null;
  }
  const followed = containsAny(text, source.links.keywords) || source.links.urlPatterns.some((p) => new RegExp(p).test(url));
  return followed ? { url, kind: "page", text } : null;
}

/** An item of a list (JSON/XML/API): taken whatever its title says, unless excluded; its kind by its URL. */
export function listItemLink(url: string, text: string, source: Source, kind: "auto" | "page" | "document" = "auto"): FoundLink | null {
  if (!isAllowedUrl(url, source) || excluded(url, text, source)) return null;
  const k = kind === "auto" ? (isAttachmentUrl(url, source) ? "document" : "page") : kind;
  return { url, kind: k, text };
}
