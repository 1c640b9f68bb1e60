// The documents a crawl run yields for extraction: the current content of every document URL
// (attachments, and pages that hold a budget table) reached in the run, one per distinct
// sha256, each with its title (link text, the server's file name, or the article's heading)
// and a readable doc_id: the URL's file name when it reads as one, else department, year and
// phase from the title, else the title itself.
import { createHash } from "node:crypto";
import type { NotBudget, UrlRecord } from "./crawl-state.ts";
import { GENERIC_LINK_TEXT } from "./link-rules.ts";
import type { RawStore } from "./raw-store.ts";

export interface CrawledDocument {
  docId: string;
  /** What the document is called where it was found. */
  title?: string;
  /** The first URL (sorted) that served these bytes; `urls` has them all. */
  url: string;
  urls: string[];
  sha256: string;
  format: string;
  /** The blob in the raw store. */
  path: string;
  linkText?: string;
  referrer?: string;
  /** Distinct contents seen at `url`, oldest first (the last is this one). */
  versions: number;
  /** When this content was first fetched (from any of its URLs). */
  fetchedAt?: string;
  /** Extracted before and found to be no budget document (with this code version): not loaded. */
  notBudget?: NotBudget;
}

const slug = (s: string) => s.replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^[._]+|_+$/g, "").slice(0, 120);
const stemOf = (name: string) => name.replace(/\.[a-z0-9]{1,5}$/i, "");

function lastSegment(url: string): string {
  let last = new URL(url).pathname.split("/").filter(Boolean).pop() ?? "";
  try { last = decodeURIComponent(last); } catch { /* keep as is */ }
  return last;
}

/** "…/jiyuan-yibao_2022_dept-budget_ruled.pdf" → "jiyuan-yibao_2022_dept-budget_ruled". */
export function docIdFromUrl(url: string): string {
  return slug(stemOf(lastSegment(url))) || new URL(url).hostname.replace(/[^\w.-]/g, "_");
}

/** File names a CMS gives every file (download.jsp, P020230315….pdf, 12345.pdf, a hash): they name nothing. */
const GENERIC_STEM = /^(download\w*|downfile|down|file|getfile|showfile|attach\w*|index|content|view|detail|default|preview|P0\d+\w*|W0\d+\w*|\d+|[0-9a-f]{16,}|t\d{8}_\d+|art_\d+_\d+|[\w-]{0,3})$/i;

/** The URL's file name as a doc id when it reads as one, else null. */
export function readableUrlStem(url: string): string | null {
  const last = lastSegment(url);
  if (/\.(jsp|aspx?|php|do|action|cgi|s?html?)$/i.test(last)) return null;
  const stem = stemOf(last);
  if (!stem || GENERIC_STEM.test(stem)) return null;
  // Words, not a CMS's random key (1016apr1): Chinese, a word, or several parts with a word among them.
  const parts = stem.split(/[-_.\s]+/).filter(Boolean);
  const readable = /\p{Script=Han}/u.test(stem) || /^[a-z]{3,}$/i.test(stem) || (parts.length >= 2 && parts.some((p) => /^[a-z]{3,}$/i.test(p)));
  return readable ? slug(stem) : null;
}

/** How the name of a department or unit ends. */
const ORG_END = /(局|院|办|办公室|委|委员会|会|厅|处|中心|所|部|站|队|馆|社|校|学|园|台|署|府|区|县|市|镇|乡|街道|公司)$/;

/** "济源产城融合示范区医疗保障局2022年部门预算公开" → 济源产城融合示范区医疗保障局_2022_budget; null without year and phase. */
export function docIdFromTitle(title: string): string | null {
  const t = title.replace(/\s+/g, "");
  const m = t.match(/^(?:关于)?(.*?)[（(]?(20\d\d)[）)]?年?度?(.*)$/);
  if (!m) return null;
  // The phase right after the year (…2022年部门预算…), not a 采购预算 or 预算编制 further on.
  const rest = m[3]!.match(/^(部门|单位|本级|机关|政府|财政)?(预算|决算)(?!编制|执行情况公告)/);
  if (!rest) return null;
  const department = m[1]!.replace(/(公开|关于|的)$/, "");
  if (!ORG_END.test(department)) return null;
  return [slug(department), m[2], rest[2] === "决算" ? "final" : "budget"].join("_");
}

/** A title worth the name: not 附件1, 下载 or a bare file number. */
function meaningful(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t || GENERIC_LINK_TEXT.test(t) || GENERIC_STEM.test(stemOf(t))) return undefined;
  return stemOf(t.replace(/^附件\s*\d*\s*[:：]\s*/, "")).trim() || undefined;
}

/** Titles of a document record, best first: link text, the server's file name, the page it was on. */
export function documentTitles(r: UrlRecord, records?: ReadonlyMap<string, UrlRecord>): string[] {
  const referrer = r.referrer ? records?.get(r.referrer) : undefined;
  const own = r.kind === "page" ? [r.heading, r.title?.replace(/[_|-][^_|-]*$/, "")] : [];
  return [...own, r.linkText, r.remoteName, referrer?.heading, referrer?.title?.replace(/[_|-][^_|-]*$/, "")]
    .map(meaningful).filter((t): t is string => !!t);
}

const shortHash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 8);

export function crawledDocuments(records: readonly UrlRecord[], store: RawStore, all?: ReadonlyMap<string, UrlRecord>): CrawledDocument[] {
  const bySha = new Map<string, UrlRecord[]>();
  for (const r of records) {
    // A document that failed to refetch this run still has its last good content.
    if (!r.sha256 || !r.format) continue;
    if (r.kind !== "document" && !(r.kind === "page" && r.holdsBudgetTable)) continue;
    const group = bySha.get(r.sha256) ?? [];
    group.push(r);
    bySha.set(r.sha256, group);
  }
  const docs: CrawledDocument[] = [...bySha.entries()].map(([sha256, group]) => {
    group.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    const first = group[0]!;
    const titles = group.flatMap((g) => documentTitles(g, all));
    const named = titles.find((t) => docIdFromTitle(t) !== null);
    const docId = group.map((g) => readableUrlStem(g.url)).find((s) => s !== null)
      ?? (named ? docIdFromTitle(named) : null) ?? (titles[0] ? slug(titles[0]) : null) ?? docIdFromUrl(first.url);
    const notBudget = group.map((g) => g.notBudget).find((n) => n?.sha256 === sha256);
    return {
      docId, title: named ?? titles[0], url: first.url, urls: group.map((g) => g.url), sha256, format: first.format!,
      path: store.blobPath(sha256, first.format!), linkText: first.linkText, referrer: first.referrer, versions: first.versions.length,
      fetchedAt: group.map((g) => g.versions.find((v) => v.sha256 === sha256)?.fetchedAt ?? "~").sort()[0]!.replace("~", "") || undefined,
      ...(notBudget ? { notBudget } : {}),
    };
  });
  // Two different documents with one name (download.pdf on two pages) get their URL's hash appended.
  const seen = new Map<string, number>();
  for (const d of docs) seen.set(d.docId, (seen.get(d.docId) ?? 0) + 1);
  for (const d of docs) if (seen.get(d.docId)! > 1) d.docId = `${d.docId}~${shortHash(d.url)}`;
  return docs.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
}
