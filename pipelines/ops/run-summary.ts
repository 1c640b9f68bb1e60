// What one `cli run` did, in numbers an operator checks each morning: fetched / new / changed /
// failed / loaded / validation failures. Stored in the warehouse (pipeline_runs, and every
// failure with its reason in pipeline_run_failures; tables created by load/schema.ts), printed, and logged.
import type { Warehouse } from "../../load/warehouse.ts";

export type FailureStage = "crawl" | "extract" | "load";

export interface RunFailure {
  stage: FailureStage;
  source: string | null;
  url: string | null;
  docId: string | null;
  sha256: string | null;
  /** http-status, network, content, timeout, … for the crawl; the first words of the error otherwise. */
  kind: string;
  reason: string;
}

/** A fetched file extracted and found to be no budget document: kept in the raw store, not loaded. */
export interface NotBudgetDocument { docId: string; url: string; reason: string }

export interface RunSummary {
  runId: string;
  shard: string | null;
  startedAt: Date;
  finishedAt: Date;
  exitCode: number;
  interrupted: boolean;
  sources: number;
  /** URLs fetched with a body (not 304), pages included. */
  fetched: number;
  /** Documents the crawl reached in this run. */
  documents: number;
  newDocuments: number;
  changedDocuments: number;
  /** Dead links (HTTP 404/410): listed, retried, but not a failure of the run. */
  gone: number;
  crawlFailed: number;
  /** Documents already in the warehouse with this code version: not read again. */
  unchanged: number;
  extracted: number;
  extractFailed: number;
  loaded: number;
  loadFailed: number;
  lineItems: number;
  /** Documents whose numbers break their own accounting identities. */
  validationFailures: number;
  /** Decoys: files that are no budget document (this run's verdicts and earlier ones of this code version). */
  notBudget?: NotBudgetDocument[];
  loadRunIds: string[];
  codeVersion: string;
  logFile: string;
  failures: RunFailure[];
}

/** Failed in a way that makes the run exit 1 (dead links do not). */
export const hasFailures = (s: Pick<RunSummary, "crawlFailed" | "extractFailed" | "loadFailed" | "interrupted">) =>
  s.crawlFailed + s.extractFailed + s.loadFailed > 0 || s.interrupted;

export function summaryLines(s: RunSummary): string[] {
  const secs = ((s.finishedAt.getTime() - s.startedAt.getTime()) / 1000).toFixed(1);
  const lines = [
    `run ${s.runId}${s.shard ? ` (shard ${s.shard})` : ""}: ${s.sources} source(s), ${secs} s${s.interrupted ? ", INTERRUPTED" : ""}`,
    `  fetched ${s.fetched}  documents ${s.documents} (new ${s.newDocuments}, changed ${s.changedDocuments}, unchanged ${s.unchanged})  ` +
      `failed ${s.crawlFailed + s.extractFailed + s.loadFailed} (crawl ${s.crawlFailed}, extract ${s.extractFailed}, load ${s.loadFailed})  gone ${s.gone}`,
    `  loaded ${s.loaded}  line items ${s.lineItems}  validation failures ${s.validationFailures}${s.notBudget?.length ? `  not budget ${s.notBudget.length}` : ""}  exit ${s.exitCode}`,
  ];
  for (const n of s.notBudget ?? []) lines.push(`  NOT BUDGET ${n.docId} (${n.url}): ${n.reason}`);
  for (const f of s.failures) lines.push(`  FAILED [${f.stage}] ${f.docId ?? f.url ?? "?"}${f.url && f.docId ? ` (${f.url})` : ""}: ${f.reason}`);
  lines.push(`  log: ${s.logFile}`);
  return lines;
}

/** Writes the summary and its failures in one transaction. */
export async function storeRunSummary(wh: Warehouse, s: RunSummary): Promise<void> {
  await wh.query("BEGIN TRANSACTION");
  try {
    await wh.query(
      `INSERT OR REPLACE INTO pipeline_runs VALUES ($run_id, $shard, $started_at::TIMESTAMPTZ, $finished_at::TIMESTAMPTZ, $exit_code,
         $interrupted, $sources, $fetched, $documents, $new, $changed, $unchanged, $gone, $crawl_failed, $extracted, $extract_failed,
         $loaded, $load_failed, $line_items, $validation_failures, CASE WHEN $ids = '' THEN []::VARCHAR[] ELSE string_split($ids, ',') END,
         $code_version, $log_file)`,
      {
        run_id: s.runId, shard: s.shard, started_at: s.startedAt.toISOString(), finished_at: s.finishedAt.toISOString(),
        exit_code: s.exitCode, interrupted: s.interrupted, sources: s.sources, fetched: s.fetched, documents: s.documents,
        new: s.newDocuments, changed: s.changedDocuments, unchanged: s.unchanged, gone: s.gone, crawl_failed: s.crawlFailed,
        extracted: s.extracted, extract_failed: s.extractFailed, loaded: s.loaded, load_failed: s.loadFailed,
        line_items: s.lineItems, validation_failures: s.validationFailures, ids: s.loadRunIds.join(","),
        code_version: s.codeVersion, log_file: s.logFile,
      },
    );
    await wh.query(`DELETE FROM pipeline_run_failures WHERE run_id = $1`, [s.runId]);
    for (const f of s.failures) {
      await wh.query(`INSERT INTO pipeline_run_failures VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [s.runId, f.stage, f.source, f.url, f.docId, f.sha256, f.kind, f.reason]);
    }
    await wh.query("COMMIT");
  } catch (e) {
    await wh.query("ROLLBACK").catch(() => {});
    throw e;
  }
}
