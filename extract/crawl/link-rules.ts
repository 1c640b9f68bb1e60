// Which links a source wants: pure functions over URLs and link texts.
import { hostAllowed, type Source } from "./source-config.ts";

export type LinkKind = "page" | "document";

/** A link worth fetching, as found on a page. */
export interface FoundLink {
  url: string;
  kind: LinkKind;
  /** Link text (or title attribute), whitespace collapsed. */
  text: string;
  /** Pagination of the page it was found on: fetched at the same depth. */
  pagination?: boolean;
}

/** Absolute http(s) URL without fragment, or null for javascript:, mailto:, unparsable hrefs. */
export function resolveUrl(href: string, base: string): string | null {
  const h = href.trim();
  if (!h || /^(javascript|mailto|tel|data):/i.test(h) || h.startsWith("#")) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    u.hash = "";
    return u.href;
  } catch {
    return null;
  }
}

/** Lowercase extension of the URL's last path segment ("" when none). */
export function urlExtension(url: string): string {
  const last = new URL(url).pathname.split("/").pop() ?? "";
  const dot = last.lastIndexOf(".");
  return dot > 0 ? decodeURIComponent(last.slice(dot + 1)).toLowerCase() : "";
}

export const collapseSpace = (s: string) => s.replace(/\s+/g, " ").trim();

const containsAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w));

export function isAllowedUrl(url: string, source: Source): boolean {
  return hostAllowed(new URL(url).hostname, source.allowedHosts);
}

export function isAttachmentUrl(url: string, source: Source): boolean {
  return source.attachments.extensions.includes(urlExtension(url));
}

function excluded(url: string, text: string, source: Source): boolean {
  return containsAny(text, source.links.exclude) || containsAny(decodeURIComponentSafe(url), source.links.exclude);
}

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

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
