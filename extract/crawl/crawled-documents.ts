// The documents a crawl run yields for extraction: the current content of every document URL
// (attachments, and pages that hold a budget table) reached in the run, one per distinct
// sha256, each with a doc_id taken from its URL's file name.
import { createHash } from "node:crypto";
import type { UrlRecord } from "./crawl-state.ts";
import type { RawStore } from "./raw-store.ts";

export interface CrawledDocument {
  docId: string;
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
}

/** "…/jiyuan-yibao_2022_dept-budget_ruled.pdf" → "jiyuan-yibao_2022_dept-budget_ruled". */
export function docIdFromUrl(url: string): string {
  const u = new URL(url);
  let last = u.pathname.split("/").filter(Boolean).pop() ?? "";
  try { last = decodeURIComponent(last); } catch { /* keep as is */ }
  const stem = last.replace(/\.[^.]*$/, "");
  const id = stem.replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^[._]+|_+$/g, "").slice(0, 120);
  return id || u.hostname.replace(/[^\w.-]/g, "_");
}

const shortHash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 8);

export function crawledDocuments(records: readonly UrlRecord[], store: RawStore): CrawledDocument[] {
  const bySha = new Map<string, UrlRecord[]>();
  for (const r of records) {
    // A document that failed to refetch this run still has its last good content.
    if (!r.sha256 || !r.format || r.kind === "robots") continue;
    if (r.kind === "page" && !r.holdsBudgetTable) continue;
    const group = bySha.get(r.sha256) ?? [];
    group.push(r);
    bySha.set(r.sha256, group);
  }
  const docs: CrawledDocument[] = [...bySha.entries()].map(([sha256, group]) => {
    group.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    const first = group[0]!;
    return {
      docId: docIdFromUrl(first.url), url: first.url, urls: group.map((g) => g.url), sha256, format: first.format!,
      path: store.blobPath(sha256, first.format!), linkText: first.linkText, referrer: first.referrer, versions: first.versions.length,
      fetchedAt: group.map((g) => g.versions.find((v) => v.sha256 === sha256)?.fetchedAt ?? "~").sort()[0]!.replace("~", "") || undefined,
    };
  });
  // Two different documents with one file name (download.pdf on two pages) get their URL's hash appended.
  const seen = new Map<string, number>();
  for (const d of docs) seen.set(d.docId, (seen.get(d.docId) ?? 0) + 1);
  for (const d of docs) if (seen.get(d.docId)! > 1) d.docId = `${d.docId}~${shortHash(d.url)}`;
  return docs.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
}
