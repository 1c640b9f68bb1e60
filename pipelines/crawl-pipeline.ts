// What `npm start` and `cli run` share: crawl a source, then hand every document it yields
// to extraction and the loader, printing one progress line per document and a crawl summary.
import { performance } from "node:perf_hooks";
import { crawlSource, type CrawlReport } from "../extract/crawl/crawler.ts";
import type { CrawledDocument } from "../extract/crawl/crawled-documents.ts";
import type { Source } from "../extract/crawl/source-config.ts";
import { rebaseSource } from "../extract/crawl/source-config.ts";
import type { DocumentExtract } from "./extract-document.ts";
import { withSourceRegion } from "../transform/source-facts.ts";
import type { LoadInput } from "../load/warehouse.ts";

export interface PipelineIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!;

/** The crawl's outcome in a few lines: counts, then each failure with its reason. */
export function crawlSummaryLines(r: CrawlReport): string[] {
  const lines = [
    `crawl ${r.source} (run ${r.runId}${r.resumed ? ", resumed" : ""}): ${r.requests} request(s), ${r.conditionalRequests} conditional; ` +
      `${r.fetched} fetched, ${r.notModified} unchanged (304), ${r.failed.length} failed, ${r.skipped.length} skipped; ` +
      `${r.documents.length} document(s), ${r.newOrChanged} new or changed; ${(r.durationMs / 1000).toFixed(1)} s` +
      (r.families.length ? `; looks like ${r.families.join(", ")}` : ""),
  ];
  for (const f of r.failed) lines.push(`  failed (retried next run): ${f.url} — ${f.failure?.reason ?? "unknown"}`);
  for (const s of r.skipped) lines.push(`  skipped: ${s.url} — ${s.failure?.reason ?? ""}`);
  if (r.maxUrlsReached) lines.push(`  stopped at maxUrls: some links were not followed`);
  if (r.interrupted) lines.push(`  interrupted: the run resumes where it stopped next time`);
  return lines;
}

/** A crawled document as the extractor and loader see it. */
export interface PipelineDocument {
  docId: string;
  /** The raw-store blob. */
  file: string;
  source: { url: string; source: string; fetchedAt?: string };
  /** What it is called where it was found (link text, the server's file name, the article heading). */
  title?: string;
  /** Every URL that served it. */
  urls?: string[];
  /** The crawl source's configured region: the document's region where it names none. */
  region?: string;
}

export function pipelineDocuments(report: CrawlReport, docs: readonly CrawledDocument[] = report.documents, region?: string): PipelineDocument[] {
  return docs.map((d) => ({
    docId: d.docId, file: d.path, source: { url: d.url, source: report.source, fetchedAt: d.fetchedAt },
    ...(d.title ? { title: d.title } : {}), urls: d.urls, ...(region ? { region } : {}),
  }));
}

/**
 * Extracts each document (one progress line each; failures on stderr and in the batch, never
 * thrown) and returns the batch for the loader.
 */
export async function extractDocuments(
  documents: readonly PipelineDocument[], extract: (file: string) => Promise<DocumentExtract>, io: PipelineIo,
  failure: (file: string, docId: string, reason: string) => Promise<LoadInput>,
): Promise<LoadInput[]> {
  const nameWidth = Math.max(0, ...documents.map((d) => d.docId.length));
  const batch: LoadInput[] = [];
  for (const [i, d] of documents.entries()) {
    const tag = `[${i + 1}/${documents.length}]`;
    const t0 = performance.now();
    try {
      // The blob is named by its hash; the document keeps the name its URL gave it.
      const doc = { ...withSourceRegion(await extract(d.file), d.region), docId: d.docId, source: d.source };
      batch.push(doc);
      const ms = Math.round(performance.now() - t0);
      io.out(
        `${tag} ${doc.docId.padEnd(nameWidth)}  pages ${String(doc.pageCount).padStart(3)}` +
          `  tables ${String(doc.tables.length).padStart(3)}  items ${String(doc.items.length).padStart(5)}` +
          `  ${String(ms).padStart(6)} ms`,
      );
    } catch (e) {
      const reason = `extract failed: ${firstLine(e)}`;
      io.err(`${tag} FAILED ${d.docId}: ${reason}`);
      batch.push({ ...(await failure(d.file, d.docId, reason)), source: d.source });
    }
  }
  return batch;
}

/** A local server a source names in `servedBy`, started by the caller's code (npm start and cli run know the sample portal). */
export type LocalServer = (o: { docsDir?: string; port: number }) => Promise<{ origin: string; close(): Promise<void> }>;

/** Crawls a source; a source `servedBy` a local server gets it started (and stopped) around the crawl. */
export async function crawlWithServer(
  source: Source, dataDir: string, io: PipelineIo, options: { docsDir?: string; signal?: AbortSignal; servers?: Record<string, LocalServer> } = {},
): Promise<CrawlReport> {
  let server: { origin: string; close(): Promise<void> } | null = null;
  try {
    const servedBy = source.servedBy;
    if (servedBy) {
      const start = options.servers?.[servedBy];
      if (!start) throw new Error(`source ${source.name} is served by "${servedBy}", a local server this command does not know`);
      server = await start({ docsDir: options.docsDir, port: Number(new URL(source.startUrls[0]!).port) || 0 })
        .catch((e: NodeJS.ErrnoException) => {
          // The configured port is taken: any free one will do (the crawl state then sees new URLs).
          if (e.code === "EADDRINUSE") return start({ docsDir: options.docsDir, port: 0 });
          throw e;
        });
      source = rebaseSource(source, server.origin);
      io.out(`${servedBy.replace(/-/g, " ")} serving ${options.docsDir ?? "samples/documents"}/ at ${server.origin}/`);
    }
    const report = await crawlSource(source, { dataDir, signal: options.signal });
    for (const line of crawlSummaryLines(report)) io.out(line);
    return report;
  } finally {
    await server?.close();
  }
}
