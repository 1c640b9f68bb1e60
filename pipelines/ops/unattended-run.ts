// `cli run` as cron runs it: one run at a time (lock), crawl → extract (worker per core,
// isolated) → validate → load (one writer, in batches) → summary stored and printed, JSON-lines
// log, progress bar on a terminal, exit code 0 / 1 / 3 (2 is raised before, by the command).
import { hostname } from "node:os";
import { join } from "node:path";
import type { Source } from "../../extract/crawl/source-config.ts";
import type { CrawlReport } from "../../extract/crawl/crawler.ts";
import { newRunId, type LoadInput } from "../../load/warehouse.ts";
import { WarehouseWriter } from "../../warehouse/writer.ts";
import { codeVersion as currentCodeVersion } from "../../load/code-version.ts";
import { crawlWithServer, firstLine, pipelineDocuments, type PipelineDocument } from "../crawl-pipeline.ts";
import { failure, LOCAL_SERVERS } from "../start.ts";
import { budgetVerdict } from "../../extract/crawl/budget-verdict.ts";
import { withSourceRegion } from "../../transform/source-facts.ts";
import { CrawlState } from "../../extract/crawl/crawl-state.ts";
import { EXIT } from "./exit-codes.ts";
import { acquireRunLock, LockedError, WRITER_LOCK_FILE } from "../../load/writer-lock.ts";
import { defaultLogFile, openRunLog } from "./run-log.ts";
import { IsolatedExtractPool, DEFAULT_POOL_OPTIONS } from "./isolated-extract-pool.ts";
import { LoadQueue } from "./load-queue.ts";
import { hasFailures, storeRunSummary, summaryLines, type NotBudgetDocument, type RunFailure, type RunSummary } from "./run-summary.ts";
import { shardDir, shardName, type Shard } from "./shard.ts";
import { exportShardCatalog } from "./shard-catalog.ts";
import { faultPoint } from "./fault-hook.ts";
import { explainReason } from "./document-sanity.ts";

export interface UnattendedRunOptions {
  /** The sources of this run (already narrowed to the shard). */
  sources: Source[];
  dataDir: string;
  shard: Shard | null;
  crawlOnly: boolean;
  /** Read every document again, even those loaded with this code version. */
  reextract: boolean;
  /** Documents per load transaction. */
  batchSize: number;
  /** Extraction workers. */
  jobs: number;
  docTimeoutMs: number;
  /** Sources crawled at once. */
  crawlConcurrency: number;
  logFile?: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Aborts the crawl and stops taking new documents (SIGINT / SIGTERM). */
  signal?: AbortSignal;
}

export const DEFAULT_BATCH_SIZE = 100;

/** The verdict on a document goes into its source's crawl state, one source at a time. */
let verdictWrites: Promise<void> = Promise.resolve();
function recordNotBudget(dataDir: string, d: PipelineDocument & { sha256: string }, reason: string, codeVersion: string): Promise<void> {
  verdictWrites = verdictWrites.then(async () => {
    const state = await CrawlState.open(dataDir, d.source.source);
    await state.markNotBudget(d.urls ?? [d.source.url], { sha256: d.sha256, reason, codeVersion, at: new Date().toISOString() });
  });
  return verdictWrites;
}
export const DEFAULT_CRAWL_CONCURRENCY = 8;

/** Where this run's warehouse (and lock) lives: the data dir, or its shard folder. */
export const runHome = (dataDir: string, shard: Shard | null) => (shard ? shardDir(dataDir, shard) : dataDir);

/** Dead links: listed and retried, but not a failure of the run. */
const isGone = (httpStatus: number | undefined) => httpStatus === 404 || httpStatus === 410;

/** When a crawl run began, from its id (20250131T020000Z-…): documents fetched since then are new or changed. */
function crawlRunStart(runId: string): string {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/.exec(runId);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : "";
}

export async function unattendedRun(o: UnattendedRunOptions): Promise<number> {
  const startedAt = new Date();
  const runId = newRunId(startedAt);
  const home = runHome(o.dataDir, o.shard);
  const shard = o.shard ? shardName(o.shard) : null;
  const logFile = o.logFile ?? defaultLogFile(o.dataDir, startedAt, shard ?? undefined);
  const { log, progress, close: closeLog } = openRunLog({ file: logFile, stderr: o.stderr, base: { run: runId, ...(shard ? { shard } : {}) } });
  const out = (line: string) => progress.interleave(() => o.stdout.write(line + "\n"));

  let lock;
  try {
    lock = await acquireRunLock(join(home, WRITER_LOCK_FILE));
  } catch (e) {
    if (!(e instanceof LockedError)) throw e;
    log.error({ event: "locked", lockFile: e.lockFile, owner: e.owner }, e.message);
    closeLog();
    o.stderr.write(`run: ${e.message}\n`);
    return EXIT.locked;
  }
  if (lock.tookOver) log.warn({ event: "stale-lock", owner: lock.tookOver }, `took over the lock of a run that died (pid ${lock.tookOver.pid}, started ${lock.tookOver.startedAt})`);
  log.info({ event: "start", sources: o.sources.map((s) => s.name), dataDir: o.dataDir, home, host: hostname() }, "run started");
  faultPoint("lock");

  const failures: RunFailure[] = [];
  let writer: WarehouseWriter | null = null;
  let pool: IsolatedExtractPool | null = null;
  try {
    // 1. Crawl, source by source (each source's own politeness applies inside).
    const reports: CrawlReport[] = [];
    progress.start("crawl", o.sources.length);
    // Sources are independent portals (their own hosts and politeness): several are crawled at once.
    let nextSource = 0;
    const crawlOne = async (source: Source) => {
      try {
        const report = await crawlWithServer(source, o.dataDir, {
          out: (l) => { if (!/^sample portal serving/.test(l)) out(l); },
          err: (l) => log.warn({ event: "crawl", source: source.name }, l),
        }, { signal: o.signal, servers: LOCAL_SERVERS });
        reports.push(report);
        for (const f of report.failed) {
          const gone = isGone(f.httpStatus);
          const entry = { event: "crawl-failed", source: source.name, url: f.url, kind: f.failure?.kind, httpStatus: f.httpStatus, reason: f.failure?.reason };
          if (gone) log.warn(entry, "dead link");
          else {
            log.error(entry, "fetch failed");
            failures.push({ stage: "crawl", source: source.name, url: f.url, docId: null, sha256: null, kind: f.failure?.kind ?? "unknown", reason: f.failure?.reason ?? "unknown" });
          }
        }
        log.info({ event: "crawled", source: source.name, fetched: report.fetched, notModified: report.notModified, documents: report.documents.length, failed: report.failed.length, ms: report.durationMs }, "source crawled");
      } catch (e) {
        // A source that cannot be crawled at all (its server will not start, its state is unreadable) fails alone.
        const reason = firstLine(e);
        log.error({ event: "crawl-failed", source: source.name, reason }, "source failed");
        failures.push({ stage: "crawl", source: source.name, url: source.startUrls[0] ?? null, docId: null, sha256: null, kind: "source", reason });
      }
      progress.update({ done: reports.length });
    };
    await Promise.all(Array.from({ length: Math.min(o.crawlConcurrency, o.sources.length) }, async () => {
      while (nextSource < o.sources.length && !o.signal?.aborted) await crawlOne(o.sources[nextSource++]!);
    }));
    progress.stop();
    // In the order of the configuration, whatever order the crawls ended in.
    reports.sort((a, b) => o.sources.findIndex((s) => s.name === a.source) - o.sources.findIndex((s) => s.name === b.source));
    const interrupted = o.signal?.aborted ?? false;

    const crawledDocs = reports.flatMap((r) => r.documents.map((d) => ({ d, r })));
    const seen = new Set<string>();
    const documents: Array<PipelineDocument & { sha256: string; isNew: boolean; isChanged: boolean; notBudget?: { reason: string; codeVersion: string } }> = [];
    for (const { d, r } of crawledDocs) {
      if (seen.has(d.sha256)) continue;
      seen.add(d.sha256);
      const fresh = (d.fetchedAt ?? "") >= crawlRunStart(r.runId);
      documents.push({ ...pipelineDocuments(r, [d], o.sources.find((s) => s.name === r.source)?.region)[0]!, sha256: d.sha256, isNew: fresh && d.versions <= 1, isChanged: fresh && d.versions > 1, notBudget: d.notBudget });
    }

    // 2. Extract what is not already loaded with this code version; 3. load through one writer,
    // into a working copy of the warehouse that is published when the run ends: readers (a
    // notebook, a `query`) keep the last published state meanwhile and never block the run.
    writer = o.crawlOnly || interrupted ? null : await WarehouseWriter.open(home, { heldLock: lock });
    if (writer?.resumed) log.warn({ event: "resumed", working: writer.copy.working }, "continuing the working copy of a run that died");
    const wh = writer?.warehouse ?? null;
    const codeVersion = currentCodeVersion();
    const loaded = wh && !o.reextract ? await wh.loadedDocuments() : new Map<string, string | null>();
    // Files this code version found to be no budget document are not read again.
    const judged = documents.filter((d) => d.notBudget?.codeVersion === codeVersion && !o.reextract);
    const todo = documents.filter((d) => loaded.get(d.sha256) !== codeVersion && !judged.includes(d));
    const notBudget: NotBudgetDocument[] = judged.map((d) => ({ docId: d.docId, url: d.source.url, reason: d.notBudget!.reason }));
    let extracted = 0;
    let extractFailed = 0;
    let validationFailures = 0;
    const queue = new LoadQueue({
      batchSize: o.batchSize,
      load: (batch) => wh!.load(batch, { onPhase: (p) => faultPoint(`load-${p}`) }),
      onLoaded: (r) => log.info({ event: "loaded", loadRun: r.runId, documents: r.documents.length, ok: r.loaded, failed: r.failed, items: r.items, ms: Math.round(Object.values(r.timings).reduce((a, b) => a + b, 0)) }, "batch loaded"),
      onBatchFailed: (e, batch) => log.error({ event: "load-failed", documents: batch.map((d) => d.docId), reason: firstLine(e) }, "batch not loaded"),
    });
    if (wh && todo.length > 0) {
      pool = new IsolatedExtractPool({ size: o.jobs, timeoutMs: o.docTimeoutMs });
      progress.start("extract", todo.length);
      let next = 0;
      const worker = async () => {
        while (next < todo.length && !o.signal?.aborted) {
          const d = todo[next++]!;
          const t0 = Date.now();
          let input: LoadInput;
          try {
            const doc = { ...withSourceRegion(await pool!.extract(d.file), d.region), docId: d.docId, source: d.source };
            // Decoys (招聘, 采购, 预算编制通知 …) stay in the raw store, recorded as not_budget, and are not loaded.
            const verdict = budgetVerdict({ tableKinds: doc.tables.map((t) => t.kind), titles: d.title ? [d.title] : [], facts: doc.facts });
            if (!verdict.budget) {
              notBudget.push({ docId: d.docId, url: d.source.url, reason: verdict.reason });
              await recordNotBudget(o.dataDir, d, verdict.reason, codeVersion);
              log.info({ event: "not-budget", doc: d.docId, url: d.source.url, reason: verdict.reason }, "not a budget document: not loaded");
              extracted++;
              faultPoint("extract");
              progress.update({ done: extracted + extractFailed, failed: extractFailed });
              continue;
            }
            // Counted for the summary (the findings themselves travel with the extract into validation_findings).
            if (doc.validation.status === "inconsistent") {
              validationFailures++;
              log.warn({ event: "inconsistent", doc: d.docId, findings: doc.validation.findings.filter((f) => f.severity === "error").length }, "numbers break their own identities");
            }
            input = doc;
            extracted++;
            log.info({ event: "extracted", doc: d.docId, url: d.source.url, pages: doc.pageCount, tables: doc.tables.length, items: doc.items.length, ms: Date.now() - t0 }, "document extracted");
          } catch (e) {
            const reason = `extract failed: ${explainReason(firstLine(e))}`;
            extractFailed++;
            log.error({ event: "extract-failed", doc: d.docId, url: d.source.url, reason }, "document failed");
            input = { ...(await failure(d.file, d.docId, reason)), source: d.source };
          }
          faultPoint("extract");
          progress.update({ done: extracted + extractFailed, failed: extractFailed });
          await queue.push(input);
        }
      };
      await Promise.all(Array.from({ length: pool.size }, worker));
      progress.stop();
    }
    const reportsOfLoads = await queue.finish();

    // Documents that failed in the loader (amounts it could not read, schema) or with their batch.
    let loadFailed = 0;
    for (const r of reportsOfLoads) {
      for (const d of r.documents) {
        if (d.status === "failed" && d.error?.startsWith("load failed")) {
          loadFailed++;
          failures.push({ stage: "load", source: null, url: null, docId: d.docId, sha256: d.sha256, kind: "load", reason: d.error });
        }
      }
    }
    for (const b of queue.failures) {
      for (const d of b.documents) {
        loadFailed++;
        failures.push({ stage: "load", source: null, url: d.url ?? null, docId: d.docId, sha256: d.sha256, kind: "load", reason: b.error });
      }
    }
    const byDoc = new Map(documents.map((d) => [d.docId, d]));
    for (const r of reportsOfLoads) {
      for (const d of r.documents) {
        if (d.status === "failed" && !d.error?.startsWith("load failed")) {
          const src = byDoc.get(d.docId);
          failures.push({ stage: "extract", source: src?.source.source ?? null, url: src?.source.url ?? null, docId: d.docId, sha256: d.sha256, kind: "extract", reason: d.error ?? "" });
        }
      }
    }

    const summary: RunSummary = {
      runId, shard, startedAt, finishedAt: new Date(), exitCode: EXIT.ok, interrupted: o.signal?.aborted ?? false,
      sources: o.sources.length,
      fetched: reports.reduce((n, r) => n + r.fetched, 0),
      documents: documents.length,
      newDocuments: documents.filter((d) => d.isNew).length,
      changedDocuments: documents.filter((d) => d.isChanged).length,
      gone: reports.reduce((n, r) => n + r.failed.filter((f) => isGone(f.httpStatus)).length, 0),
      crawlFailed: failures.filter((f) => f.stage === "crawl").length,
      unchanged: documents.length - todo.length - judged.length,
      notBudget,
      extracted, extractFailed,
      loaded: reportsOfLoads.reduce((n, r) => n + r.loaded, 0),
      loadFailed,
      lineItems: reportsOfLoads.reduce((n, r) => n + r.items, 0),
      validationFailures,
      loadRunIds: reportsOfLoads.map((r) => r.runId),
      codeVersion, logFile, failures,
    };
    // --crawl-only too exits 1 when a download failed (dead links aside) or the crawl was interrupted.
    summary.exitCode = hasFailures(summary) ? EXIT.someFailed : EXIT.ok;

    faultPoint("summary");
    if (writer && wh) {
      await storeRunSummary(wh, summary);
      if (o.shard) {
        await exportShardCatalog(wh, home, { shard: o.shard, runId, codeVersion });
        log.info({ event: "catalog", dir: home }, "shard catalogue exported");
      }
      faultPoint("publish");
      await writer.publish();
      log.info({ event: "published", warehouse: writer.copy.published }, "warehouse published");
    }
    for (const line of summaryLines(summary)) o.stdout.write(line + "\n");
    log.info({ event: "summary", ...summary, failures: summary.failures.length, startedAt: undefined, finishedAt: undefined }, "run finished");
    return summary.exitCode;
  } catch (e) {
    log.fatal({ event: "fatal", reason: firstLine(e), stack: (e as Error).stack }, "run aborted");
    throw e;
  } finally {
    await pool?.close();
    // Not published (a fatal error): the working copy stays, and the next run continues from it.
    await writer?.close();
    await lock.release();
    closeLog();
  }
}
