// The load stage's warehouse: a DuckDB file with its Parquet lake, loaded one transaction per load.
//
//   const wh = await Warehouse.open("data/warehouse.next.duckdb");   // writers: see warehouse/writer.ts
//   const report = await wh.load(extracts, { sources: { [sha256]: { url, fetchedAt } } });
//
// A load (one call) is one run and one warehouse transaction: killed at any point, the
// warehouse is as it was before the call; the lake is made consistent with it on the next
// open (see lake.ts). A document is identified by its content hash: loading the same bytes
// again replaces its rows; a new file for the same URL (or doc_id when there is no URL)
// becomes a new version, and the old one is kept and marked superseded.
//
// The jobs of a load live beside this file: prepare.ts (inputs checked and converted),
// line-item-batch.ts + arrow-ingest.ts (line items as one Arrow batch into DuckDB),
// staging.ts (the temp tables), dataset-sql.ts (staging → lake datasets and warehouse rows),
// versions.ts (which version is current), dimensions.ts (reference tables), lake.ts (files).
// Researcher views are warehouse/'s (warehouse/views.ts): this file never reads them.
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { DuckDBConnection, DuckDBInstance, type DuckDBValue, type Json } from "@duckdb/node-api";
import { MIGRATIONS, SCHEMA_VERSION, SCHEMA_VERSION_DDL } from "./schema.ts";
import { SourceMeta, type LoadInput } from "./input.ts";
import {
  LAKE_DATASETS, PARTITION_COLUMNS, STAGING_DIR, copyToStagingSql, keptRowsSql, leftoverStaging, publishStaged, sqlString,
  stagedFiles, sweepLake, writeLakeManifest, type StagedFile,
} from "./lake.ts";
import { DEFAULT_REFERENCE_DIR, readCodeReference, readRegions } from "./reference.ts";
import { codeVersion as currentCodeVersion } from "./code-version.ts";
import { failedInLoad, prepare, type Prepared, type PreparedOk } from "./prepare.ts";
import { buildLineItemBatch } from "./line-item-batch.ts";
import { STAGE_DDL, stageDocuments, stageExtras, stageLineItems } from "./staging.ts";
import { datasetSelect, LINE_ITEMS_DATASET_DDL, DEPARTMENTS_UPSERT, REGIONS_INSERT, RUN_TOTALS, UPSERT_DOCUMENTS } from "./dataset-sql.ts";
import { resolveVersions } from "./versions.ts";
import { refreshReferenceDimensions, refreshTableKinds } from "./dimensions.ts";
import { appendRows, inTransaction, tsValue } from "./duckdb-util.ts";
import { lockDown, type SqlSandbox } from "./sql-sandbox.ts";

export { LoadableDocument, FailedDocument, SourceMeta } from "./input.ts";
export type { LoadInput } from "./input.ts";
export { departmentId } from "./staging.ts";

export const DEFAULT_DATA_DIR = "data";
export const WAREHOUSE_FILE = "warehouse.duckdb";
export const LAKE_DIR = "lake";
export const warehousePath = (dataDir: string = DEFAULT_DATA_DIR) => join(dataDir, WAREHOUSE_FILE);
export const lakePath = (dataDir: string = DEFAULT_DATA_DIR) => join(dataDir, LAKE_DIR);

export interface WarehouseOptions {
  /** Source of timestamps; injectable for tests. */
  clock?: () => Date;
  /** Open read-only (no migrations, no writes; several readers may share the file). */
  readOnly?: boolean;
  /** The Parquet lake (default: <warehouse folder>/lake). */
  lakeDir?: string;
  /** Where *-codes.json and admin-divisions.json are read from (default transform/reference/). */
  referenceDir?: string;
  /**
   * Lock the connection down for SQL others wrote (load/sql-sandbox.ts): no files, no
   * extensions, no configuration changes. Applied after the open's own work (migrations, lake recovery).
   */
  sandbox?: SqlSandbox;
}

export interface LoadOptions {
  /** Default: a new id from the clock. Letters, digits, ".", "_", "-", not used by an earlier load (it names the lake files). */
  runId?: string;
  /** Source metadata per document, keyed by sha256 (a document's own `source` field wins). */
  sources?: Record<string, SourceMeta>;
  /** Recorded in runs / documents / document_loads; default package version + git commit. */
  codeVersion?: string;
  /** Called between phases (tests use it to kill a load at chosen points). */
  onPhase?: (phase: LoadPhase) => void | Promise<void>;
}

export type LoadPhase = "validated" | "staged" | "lake-written" | "in-transaction" | "before-commit" | "committed" | "published";

export interface DocumentLoadResult {
  sha256: string;
  docId: string;
  status: "ok" | "failed";
  items: number;
  error: string | null;
  /** The sha256 this load superseded for the same document (URL / doc_id), if any. */
  supersedes: string[];
}

export interface LoadReport {
  runId: string;
  codeVersion: string;
  documents: DocumentLoadResult[];
  loaded: number;
  failed: number;
  items: number;
  lakeFiles: number;
  /** Milliseconds per phase: validate (envelopes, the Arrow batch built and checked), stage (the
   *  batch into DuckDB), lake (Parquet write), warehouse (the transaction), publish (files into the lake). */
  timings: Record<"validate" | "stage" | "lake" | "warehouse" | "publish", number>;
}

/** The documents of the load being staged (ok and failed): their earlier rows are replaced. */
const BATCH_SHAS = `SELECT sha256 FROM stage_batch`;

/** Sortable and unique enough for one warehouse: 20250101T120000Z-a1b2c3. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

/** The warehouse file is not there: nothing has been published yet (or the path is wrong). */
export class WarehouseMissingError extends Error {
  override name = "WarehouseMissingError";
}

export class Warehouse {
  /** Serialises public operations: they share one connection and its transaction state. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    readonly lakeDir: string,
    readonly readOnly: boolean,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly clock: () => Date,
    private readonly referenceDir: string,
  ) {}

  /**
   * Opens (creating if needed, unless read-only) the warehouse. Writable opens run pending
   * migrations and finish or undo a lake publish an earlier load left half done.
   */
  static async open(path: string, options: WarehouseOptions = {}): Promise<Warehouse> {
    const readOnly = options.readOnly ?? false;
    if (path !== ":memory:" && !readOnly) await mkdir(dirname(path), { recursive: true });
    const lakeDir = options.lakeDir ?? (path === ":memory:" ? join(process.cwd(), ".tmp", `lake-${randomBytes(4).toString("hex")}`) : join(dirname(path), LAKE_DIR));
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, readOnly ? { access_mode: "READ_ONLY" } : {});
    } catch (e) {
      if (readOnly && /No such file|does not exist|Cannot open database/i.test((e as Error).message))
        throw new WarehouseMissingError(`${path}: no warehouse there yet (a run publishes it when its first load is done; npm start makes one from the samples)`);
      throw e;
    }
    const conn = await instance.connect();
    const wh = new Warehouse(path, lakeDir, readOnly, instance, conn, options.clock ?? (() => new Date()), options.referenceDir ?? DEFAULT_REFERENCE_DIR);
    try {
      if (readOnly) await wh.checkVersion();
      else {
        await wh.migrate();
        await wh.recoverLake();
      }
      if (options.sandbox) await lockDown(conn, options.sandbox);
    } catch (e) {
      wh.close();
      throw e;
    }
    return wh;
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /** Locks the connection down for SQL others wrote (see WarehouseOptions.sandbox); final. */
  async lockDown(sandbox: SqlSandbox): Promise<void> {
    await this.serial(() => lockDown(this.conn, sandbox));
  }

  /** Writes everything into the database file (no WAL left), as publishing needs. */
  async checkpoint(): Promise<void> {
    await this.serial(() => this.conn.run("CHECKPOINT"));
  }

  /** Runs a query; values come back JSON-safe (DECIMAL and BIGINT as exact strings). */
  async query(sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]): Promise<Record<string, Json>[]> {
    return this.serial(async () => (await this.conn.runAndReadAll(sql, params)).getRowObjectsJson());
  }

  /** The connection, for callers that stream results (export); do not use concurrently with load. */
  get connection(): DuckDBConnection {
    return this.conn;
  }

  /** sha256 → code_version of every document loaded ok, for callers that skip unchanged documents. */
  async loadedDocuments(): Promise<Map<string, string | null>> {
    const rows = await this.query(`SELECT sha256, code_version FROM documents WHERE status = 'ok'`);
    return new Map(rows.map((r) => [r.sha256 as string, (r.code_version as string | null) ?? null]));
  }

  /** Loads a batch of documents as one run in one transaction (see the file comment). */
  async load(inputs: readonly LoadInput[], options: LoadOptions = {}): Promise<LoadReport> {
    if (this.readOnly) throw new Error(`${this.path} is open read-only`);
    return this.serial(() => this.loadBatch(inputs, options));
  }

  private async loadBatch(inputs: readonly LoadInput[], options: LoadOptions): Promise<LoadReport> {
    const phase = async (p: LoadPhase) => { await options.onPhase?.(p); };
    const timings = { validate: 0, stage: 0, lake: 0, warehouse: 0, publish: 0 };
    let t = performance.now();
    const lap = (k: keyof typeof timings) => { const now = performance.now(); timings[k] += now - t; t = now; };
    const conn = this.conn;

    const runId = options.runId ?? newRunId(this.clock());
    // The run id names the load's staging folder and lake files: a file name, and never one a second load reuses.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) throw new Error(`run id ${JSON.stringify(runId)}: letters, digits, ".", "_" and "-" only (it names the load's lake files)`);
    if ((await conn.runAndReadAll(`SELECT 1 FROM runs WHERE run_id = $1`, [runId])).getRowsJS().length > 0)
      throw new Error(`run id ${runId} was already loaded: every load needs its own (it names the load's lake files)`);
    const codeVersion = options.codeVersion ?? currentCodeVersion();
    // The same sha256 twice in one batch: the last one wins.
    const bySha = new Map<string, Prepared>();
    for (const input of inputs) {
      const p = prepare(input, options.sources);
      bySha.delete(p.doc.sha256);
      bySha.set(p.doc.sha256, p);
    }
    let prepared = [...bySha.values()];
    // The line items of the ok documents, as one Arrow batch, checked once.
    const candidates = prepared.filter((p): p is PreparedOk => p.kind === "ok");
    const { batch, failures } = buildLineItemBatch(candidates.map((p) => ({ sha256: p.doc.sha256, items: p.doc.items })));
    if (failures.size > 0) {
      const failedShas = new Map([...failures].map(([d, f]) => [candidates[d]!.doc.sha256, f.reason]));
      prepared = prepared.map((p) => (failedShas.has(p.doc.sha256) ? failedInLoad(p, failedShas.get(p.doc.sha256)!) : p));
    }
    const oks = prepared.filter((p): p is PreparedOk => p.kind === "ok");
    const reference = await readCodeReference(this.referenceDir);
    const regions = await readRegions(this.referenceDir);
    lap("validate");
    await phase("validated");

    // 1. Stage rows in DuckDB temp tables.
    for (const ddl of STAGE_DDL) await conn.run(ddl);
    await stageDocuments(conn, prepared);
    await stageLineItems(conn, batch);
    await conn.run(LINE_ITEMS_DATASET_DDL);
    await stageExtras(conn, oks);
    const itemRows = oks.reduce((n, p) => n + p.doc.items.length, 0);
    lap("stage");
    await phase("staged");

    // 2. Write the lake datasets into the staging folder: the batch's rows, and those of the
    //    documents that share a lake file with a document the batch replaces.
    const stagingRoot = join(this.lakeDir, STAGING_DIR, runId);
    await rm(stagingRoot, { recursive: true, force: true });
    await mkdir(stagingRoot, { recursive: true });
    const kept = await this.filesToRewrite();
    for (const ds of LAKE_DATASETS) {
      const rewrite = kept.get(ds.name);
      const select = rewrite ? `${datasetSelect(ds.name)} UNION ALL BY NAME ${keptRowsSql(this.lakeDir, rewrite, BATCH_SHAS)}` : datasetSelect(ds.name);
      await conn.run(copyToStagingSql(select, ds.name, stagingRoot));
    }
    const staged = await stagedFiles(stagingRoot, runId);
    const catalogue = await this.stagedCatalogue(staged);
    lap("lake");
    await phase("lake-written");

    // 3. One transaction: facts from the same staging SELECTs, documents, dimensions, lineage.
    const now = this.clock();
    const results: DocumentLoadResult[] = [];
    await inTransaction(conn, async () => {
      await phase("in-transaction");
      await conn.run(`INSERT INTO runs (run_id, started_at, code_version, schema_version) VALUES ($1, $2, $3, $4)`,
        [runId, tsValue(now), codeVersion, SCHEMA_VERSION]);
      await refreshReferenceDimensions(conn, reference, regions);
      for (const ds of LAKE_DATASETS) await conn.run(`DELETE FROM ${ds.table} WHERE sha256 IN (${BATCH_SHAS})`);
      await conn.run(`DELETE FROM document_tables WHERE sha256 IN (${BATCH_SHAS})`);
      // Every file that held a document of the batch: its other documents are in this load's files now.
      await conn.run(`DELETE FROM lake_files WHERE path IN (SELECT path FROM lake_files WHERE sha256 IN (${BATCH_SHAS}))`);
      for (const ds of LAKE_DATASETS)
        await conn.run(`INSERT INTO ${ds.table} BY NAME SELECT * EXCLUDE (${PARTITION_COLUMNS.join(", ")}) FROM (${datasetSelect(ds.name)})`);
      await appendRows(conn, "lake_files", catalogue, (a, f) => {
        a.appendVarchar(f.dataset); a.appendVarchar(f.sha256); a.appendVarchar(f.path);
        a.appendBigInt(f.rows); a.appendVarchar(runId); a.endRow();
      });
      await conn.run(DEPARTMENTS_UPSERT);
      await conn.run(REGIONS_INSERT);
      await conn.run(UPSERT_DOCUMENTS, { loaded_at: tsValue(now), run_id: runId, code_version: codeVersion });
      await conn.run(`INSERT INTO document_loads SELECT $run_id, sha256, $loaded_at, $code_version, status, item_count FROM stage_batch`,
        { loaded_at: tsValue(now), run_id: runId, code_version: codeVersion });
      await conn.run(`INSERT INTO document_tables SELECT * FROM stage_tables`);
      const superseded = await resolveVersions(conn, now);
      for (const p of prepared)
        results.push({
          sha256: p.doc.sha256, docId: p.doc.docId, status: p.kind, supersedes: superseded.get(p.doc.sha256) ?? [],
          items: p.kind === "ok" ? p.doc.items.length : 0, error: p.kind === "failed" ? p.doc.error : null,
        });
      await conn.run(RUN_TOTALS, { run_id: runId, finished_at: tsValue(this.clock()) });
      await phase("before-commit");
    });
    // The batch's rows are in the warehouse now: free the staging memory.
    await conn.run(`DROP VIEW IF EXISTS stage_line_items`);
    await conn.run(`DROP TABLE IF EXISTS ds_line_items`);
    await conn.run(`DROP TABLE IF EXISTS stage_items_raw`);
    lap("warehouse");
    await phase("committed");

    // 4. Publish the files, sweep what the catalogue no longer lists.
    await this.publishLake(runId, staged);
    lap("publish");
    await phase("published");

    const failed = results.filter((r) => r.status === "failed").length;
    return {
      runId, codeVersion, documents: results, loaded: results.length - failed, failed,
      items: itemRows, lakeFiles: staged.length, timings,
    };
  }

  /**
   * The lake files, per dataset, that hold a document of this batch and one that is not: their
   * other documents' rows are written again, into this load's files (the batch's are replaced).
   */
  private async filesToRewrite(): Promise<Map<string, string[]>> {
    const rows = (await this.conn.runAndReadAll(`SELECT DISTINCT dataset, path FROM lake_files
      WHERE path IN (SELECT path FROM lake_files WHERE sha256 IN (${BATCH_SHAS})) AND sha256 NOT IN (${BATCH_SHAS})
      ORDER BY dataset, path`)).getRowsJS() as Array<[string, string]>;
    const out = new Map<string, string[]>();
    for (const [dataset, path] of rows) out.set(dataset, [...(out.get(dataset) ?? []), path]);
    return out;
  }

  /** The catalogue rows of the staged files: per file, each document's rows in it (read from the files). */
  private async stagedCatalogue(staged: StagedFile[]): Promise<Array<StagedFile & { sha256: string; rows: bigint }>> {
    if (staged.length === 0) return [];
    const byFile = new Map(staged.map((f) => [f.staged, f]));
    const counts = (await this.conn.runAndReadAll(
      `SELECT filename, sha256, count(*) AS n FROM read_parquet([${staged.map((f) => sqlString(f.staged)).join(", ")}], filename = true, hive_partitioning = false, union_by_name = true)
       GROUP BY ALL ORDER BY filename, sha256`,
    )).getRowsJS() as Array<[string, string, bigint]>;
    return counts.map(([file, sha256, n]) => {
      const f = byFile.get(file);
      if (!f) throw new Error(`lake: a staged file read back under another name: ${file}`);
      return { ...f, sha256, rows: BigInt(n) };
    });
  }

  private async publishLake(runId: string, staged?: StagedFile[]): Promise<void> {
    await publishStaged(this.lakeDir, join(this.lakeDir, STAGING_DIR, runId), staged);
    const keep = new Set(((await this.conn.runAndReadAll(`SELECT path FROM lake_files`)).getRowsJS()).map((r) => r[0] as string));
    await sweepLake(this.lakeDir, keep);
    await this.conn.run(`UPDATE runs SET lake_published_at = $1 WHERE run_id = $2`, [tsValue(this.clock()), runId]);
    await writeLakeManifest(this.lakeDir, await this.lakeColumns());
  }

  private async lakeColumns(): Promise<Record<string, Array<{ name: string; type: string }>>> {
    const out: Record<string, Array<{ name: string; type: string }>> = {};
    for (const ds of LAKE_DATASETS) {
      const rows = (await this.conn.runAndReadAll(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`, [ds.table],
      )).getRowsJS();
      out[ds.name] = [
        ...rows.map((r) => ({ name: r[0] as string, type: r[1] as string })),
        { name: "fiscal_year", type: "INTEGER (hive partition)" },
        { name: "province", type: "VARCHAR (hive partition)" },
      ];
    }
    return out;
  }

  /** Staging folders left by killed loads: publish those whose run committed, delete the rest. */
  private async recoverLake(): Promise<void> {
    for (const runId of await leftoverStaging(this.lakeDir)) {
      const rows = (await this.conn.runAndReadAll(`SELECT 1 FROM runs WHERE run_id = $1`, [runId])).getRowsJS();
      if (rows.length > 0) await this.publishLake(runId);
      else await rm(join(this.lakeDir, STAGING_DIR, runId), { recursive: true, force: true });
    }
    // A run that committed but died before its publish finished leaves no staging folder
    // when the rename loop had completed: the sweep alone is then enough.
    const unpublished = (await this.conn.runAndReadAll(`SELECT run_id FROM runs WHERE finished_at IS NOT NULL AND lake_published_at IS NULL`)).getRowsJS();
    for (const [runId] of unpublished) await this.publishLake(String(runId));
  }

  private async checkVersion(): Promise<void> {
    const found = await this.fileVersion();
    if (found !== SCHEMA_VERSION)
      throw new Error(`${this.path}: warehouse schema version ${found ?? "none"}, this code reads version ${SCHEMA_VERSION}; run a load (npm start, or cli run) to migrate it`);
  }

  private async fileVersion(): Promise<number | null> {
    const exists = (await this.conn.runAndReadAll(`SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version'`)).getRowsJS();
    if (exists.length === 0) return null;
    return ((await this.conn.runAndReadAll(`SELECT max(version) FROM schema_version`)).getRowsJS()[0]?.[0] as number | null) ?? null;
  }

  /** Applies every migration above the file's version, each in one transaction; then the code-defined dimension. */
  private async migrate(): Promise<void> {
    await this.conn.run(SCHEMA_VERSION_DDL);
    const found = (await this.fileVersion()) ?? 0;
    if (found > SCHEMA_VERSION)
      throw new Error(`${this.path}: warehouse schema version ${found} is newer than this code (${SCHEMA_VERSION}); update the code`);
    for (const m of MIGRATIONS.filter((m) => m.version > found)) {
      await inTransaction(this.conn, async () => {
        for (const s of m.statements) await this.conn.run(s);
        await this.conn.run(`INSERT INTO schema_version VALUES ($1, $2)`, [m.version, tsValue(this.clock())]);
      });
    }
    await inTransaction(this.conn, () => refreshTableKinds(this.conn));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }
}
