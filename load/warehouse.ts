// The load stage: extracts → Parquet lake → DuckDB warehouse, one transaction per load.
//
//   const report = await loadExtracts(extracts, { dataDir: "data", sources: { [sha256]: { url, fetchedAt } } });
//
// A load (one call) is one run and one warehouse transaction: killed at any point, the
// warehouse is as it was before the call; the lake is made consistent with it on the next
// open (see lake.ts). A document is identified by its content hash: loading the same bytes
// again replaces its rows; a new file for the same URL (or doc_id when there is no URL)
// becomes a new version, and the old one is kept and marked superseded.
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import {
  DuckDBAppender, DuckDBConnection, DuckDBDecimalValue, DuckDBInstance,
  INTEGER, TIMESTAMPTZ, VARCHAR, BOOLEAN, LIST, listValue, timestampTZValue,
  type DuckDBType, type DuckDBValue, type Json,
} from "@duckdb/node-api";
import { AMOUNT_YUAN_SCALE, AMOUNT_YUAN_WIDTH, printedToScaledYuan } from "./amount.ts";
import { MIGRATIONS, SCHEMA_VERSION, SCHEMA_VERSION_DDL, TABLE_KINDS } from "./schema.ts";
import {
  FailedDocument, LoadableDocument, SourceMeta, isFailed, type LoadInput, type ParsedDocument,
} from "./input.ts";
import {
  BATCH_DIR, LAKE_DATASETS, STAGING_DIR, batchFile, copyToStagingSql, leftoverStaging, publishStaged, sqlString,
  stagedFiles, sweepLake, writeLakeManifest, type StagedFile,
} from "./lake.ts";
import { DEFAULT_REFERENCE_DIR, readCodeReference, readRegions } from "./reference.ts";
import { codeVersion as currentCodeVersion } from "./code-version.ts";
import { VIEWS } from "../warehouse/views.ts";

export { LoadableDocument, FailedDocument, SourceMeta } from "./input.ts";
export type { LoadInput } from "./input.ts";

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
}

export interface LoadOptions {
  /** Default: a new id from the clock. */
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
  /** Milliseconds per phase: validate (zod + amounts), stage (rows into DuckDB), lake (Parquet
   *  write), warehouse (the transaction: Parquet → tables), publish (files into the lake). */
  timings: Record<"validate" | "stage" | "lake" | "warehouse" | "publish", number>;
}

/** Sortable and unique enough for one warehouse: 20250101T120000Z-a1b2c3. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

const tsValue = (d: Date) => timestampTZValue(BigInt(d.getTime()) * 1000n);
const tsOrNull = (d: Date | string | null | undefined) => (d == null ? null : tsValue(new Date(d)));
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Stable id of a department or unit: its region and name. */
export function departmentId(name: string, regionKey: string | null): string {
  return createHash("sha256").update(`${regionKey ?? ""}|${name}`).digest("hex").slice(0, 16);
}

interface PreparedOk {
  kind: "ok";
  doc: ParsedDocument;
  source: SourceMeta;
  amounts: (DuckDBDecimalValue | null)[];
  projectAmounts: (DuckDBDecimalValue | null)[];
  findingItems: number[][];
}
interface PreparedFailed {
  kind: "failed";
  doc: { docId: string; file: string; sha256: string; format: string; pageCount: number | null; error: string };
  source: SourceMeta;
}
type Prepared = PreparedOk | PreparedFailed;

/** The amount in 元, or null where no unit is printed (the printed value is kept either way). */
const decimal = (printed: string, unit: "元" | "万元" | null | undefined) =>
  unit ? new DuckDBDecimalValue(printedToScaledYuan(printed, unit), AMOUNT_YUAN_WIDTH, AMOUNT_YUAN_SCALE) : null;

/** Validates and converts one input; amount errors turn the document into a failed one. */
function prepare(input: LoadInput, sources: Record<string, SourceMeta> | undefined): Prepared {
  if (isFailed(input)) {
    const f = FailedDocument.parse(input);
    return { kind: "failed", doc: f, source: SourceMeta.parse(f.source ?? sources?.[f.sha256] ?? {}) };
  }
  const doc = LoadableDocument.parse(input);
  const source = SourceMeta.parse(doc.source ?? sources?.[doc.sha256] ?? {});
  try {
    const amounts = doc.items.map((item, i) => {
      try {
        return decimal(item.amount, item.unit);
      } catch (e) {
        throw new Error(`item ${i} (${item.table} ${item.code || "(total)"} ${item.measure}): ${message(e)}`);
      }
    });
    const projectAmounts = doc.projects.map((p) => (p.amount != null ? decimal(p.amount, p.unit) : null));
    const findingItems = doc.validation.findings.map((f) => f.items.filter((i) => i < doc.items.length));
    return { kind: "ok", doc, source, amounts, projectAmounts, findingItems };
  } catch (e) {
    return {
      kind: "failed", source,
      doc: { docId: doc.docId, file: doc.file, sha256: doc.sha256, format: doc.format, pageCount: doc.pageCount, error: `load failed: ${message(e)}` },
    };
  }
}

// Staging tables: rows from JS land here (appender), are written to Parquet, and the
// warehouse loads the Parquet files.
const STAGE_DDL = [
  `CREATE OR REPLACE TEMP TABLE stage_docs (sha256 VARCHAR, fiscal_year INTEGER, province VARCHAR)`,
  // One row per document of the batch (ok and failed), in documents' column names.
  `CREATE OR REPLACE TEMP TABLE stage_batch (sha256 VARCHAR, doc_id VARCHAR, document_key VARCHAR, url VARCHAR,
     source VARCHAR, fetched_at TIMESTAMPTZ, file VARCHAR, format VARCHAR, page_count INTEGER, department VARCHAR,
     level VARCHAR, department_id VARCHAR, region_code VARCHAR, province VARCHAR, city VARCHAR, county VARCHAR,
     fiscal_year INTEGER, phase VARCHAR, amount_unit VARCHAR, status VARCHAR, error VARCHAR, warnings VARCHAR[],
     validated BOOLEAN, table_count INTEGER, item_count INTEGER)`,
  `CREATE OR REPLACE TEMP TABLE stage_tables AS SELECT * FROM document_tables LIMIT 0`,
  `CREATE OR REPLACE TEMP TABLE stage_regions AS SELECT * FROM regions LIMIT 0`,
  `CREATE OR REPLACE TEMP TABLE stage_line_items (sha256 VARCHAR, item_index INTEGER, table_kind VARCHAR, code VARCHAR,
     name VARCHAR, measure VARCHAR, printed_amount VARCHAR, printed_unit VARCHAR,
     amount_yuan DECIMAL(${AMOUNT_YUAN_WIDTH}, ${AMOUNT_YUAN_SCALE}), page INTEGER,
     x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE, "row" INTEGER, col INTEGER)`,
  `CREATE OR REPLACE TEMP TABLE stage_projects AS SELECT * FROM fact_projects LIMIT 0`,
  `CREATE OR REPLACE TEMP TABLE stage_performance AS SELECT * FROM fact_performance_indicators LIMIT 0`,
  `CREATE OR REPLACE TEMP TABLE stage_findings AS SELECT * FROM validation_findings LIMIT 0`,
];

/** SELECT producing each lake dataset from the staging tables (plus the partition columns). */
const DATASET_SELECT: Record<string, string> = {
  line_items: `SELECT s.sha256, s.item_index, s.table_kind, k.fund, s.code,
      CASE WHEN s.code = '' THEN NULL ELSE k.classification END AS code_scheme,
      CASE WHEN s.code = '' OR k.classification IS NULL THEN NULL
           ELSE CASE length(s.code) WHEN 3 THEN 1 WHEN 5 THEN 2 WHEN 7 THEN 3 END END::TINYINT AS code_level,
      s.name, s.measure, s.printed_amount, s.printed_unit, s.amount_yuan, s.page, s.x0, s.top, s.x1, s.bottom, s."row", s.col,
      d.fiscal_year, d.province, s.sha256 AS _doc
    FROM stage_line_items s JOIN stage_docs d USING (sha256) LEFT JOIN table_kinds k USING (table_kind)`,
  three_public: `SELECT s.sha256, any_value(s.printed_unit) AS printed_unit,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'total') AS total_yuan,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'overseas') AS overseas_yuan,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'vehicle') AS vehicle_yuan,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'vehicle_purchase') AS vehicle_purchase_yuan,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'vehicle_operation') AS vehicle_operation_yuan,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'reception') AS reception_yuan,
      min(s.page) AS page,
      any_value(d.fiscal_year) AS fiscal_year, any_value(d.province) AS province, s.sha256 AS _doc
    FROM stage_line_items s JOIN stage_docs d USING (sha256)
    WHERE s.table_kind = 'three_public' GROUP BY s.sha256`,
  projects: `SELECT s.*, d.fiscal_year, d.province, s.sha256 AS _doc FROM stage_projects s JOIN stage_docs d USING (sha256)`,
  performance_indicators: `SELECT s.*, d.fiscal_year, d.province, s.sha256 AS _doc FROM stage_performance s JOIN stage_docs d USING (sha256)`,
  validation_findings: `SELECT s.*, d.fiscal_year, d.province, s.sha256 AS _doc FROM stage_findings s JOIN stage_docs d USING (sha256)`,
};

const DOC_COLUMNS = `sha256, doc_id, document_key, url, source, fetched_at, file, format, page_count,
      department, level, department_id, region_code, province, city, county, fiscal_year, phase, amount_unit,
      status, error, warnings, validated, table_count, item_count`;

/** Upserts every document of the batch; first_loaded_at is kept, source fields kept when absent. */
const UPSERT_DOCUMENTS = `
  INSERT INTO documents (${DOC_COLUMNS}, first_loaded_at, loaded_at, load_seq, run_id, code_version)
  SELECT ${DOC_COLUMNS}, $loaded_at, $loaded_at, nextval('document_load_seq'), $run_id, $code_version FROM stage_batch
  ON CONFLICT (sha256) DO UPDATE SET
    doc_id = excluded.doc_id, document_key = excluded.document_key,
    url = coalesce(excluded.url, documents.url), source = coalesce(excluded.source, documents.source),
    fetched_at = coalesce(excluded.fetched_at, documents.fetched_at),
    file = excluded.file, format = excluded.format, page_count = excluded.page_count,
    department = excluded.department, level = excluded.level, department_id = excluded.department_id,
    region_code = excluded.region_code, province = excluded.province, city = excluded.city, county = excluded.county,
    fiscal_year = excluded.fiscal_year, phase = excluded.phase, amount_unit = excluded.amount_unit,
    status = excluded.status, error = excluded.error, warnings = excluded.warnings, validated = excluded.validated,
    table_count = excluded.table_count, item_count = excluded.item_count,
    loaded_at = excluded.loaded_at, load_seq = excluded.load_seq, run_id = excluded.run_id,
    code_version = excluded.code_version`;

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
   * Opens (creating if needed) the warehouse. Writable opens run pending migrations,
   * re-create the views, and finish or undo a lake publish an earlier load left half done.
   */
  static async open(path: string, options: WarehouseOptions = {}): Promise<Warehouse> {
    const readOnly = options.readOnly ?? false;
    if (path !== ":memory:" && !readOnly) await mkdir(dirname(path), { recursive: true });
    const lakeDir = options.lakeDir ?? (path === ":memory:" ? join(process.cwd(), ".tmp", `lake-${randomBytes(4).toString("hex")}`) : join(dirname(path), LAKE_DIR));
    const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: "READ_ONLY" } : {});
    const conn = await instance.connect();
    const wh = new Warehouse(path, lakeDir, readOnly, instance, conn, options.clock ?? (() => new Date()), options.referenceDir ?? DEFAULT_REFERENCE_DIR);
    try {
      if (readOnly) await wh.checkVersion();
      else {
        await wh.migrate();
        await wh.recoverLake();
      }
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

    const runId = options.runId ?? newRunId(this.clock());
    const codeVersion = options.codeVersion ?? currentCodeVersion();
    // The same sha256 twice in one batch: the last one wins.
    const bySha = new Map<string, Prepared>();
    for (const input of inputs) {
      const p = prepare(input, options.sources);
      bySha.delete(p.doc.sha256);
      bySha.set(p.doc.sha256, p);
    }
    const prepared = [...bySha.values()];
    const oks = prepared.filter((p): p is PreparedOk => p.kind === "ok");
    const reference = await readCodeReference(this.referenceDir);
    const regions = await readRegions(this.referenceDir);
    lap("validate");
    await phase("validated");

    // 1. Stage rows in DuckDB temp tables.
    for (const ddl of STAGE_DDL) await this.conn.run(ddl);
    await this.append("stage_docs", oks, (a, p) => {
      a.appendVarchar(p.doc.sha256);
      appendNullable(a, p.doc.facts.fiscalYear, (v) => a.appendInteger(v));
      appendNullable(a, p.doc.facts.region.province, (v) => a.appendVarchar(v));
      a.endRow();
    });
    const itemRows = oks.reduce((n, p) => n + p.doc.items.length, 0);
    const appender = await this.conn.createAppender("stage_line_items");
    try {
      for (const p of oks) {
        const sha = p.doc.sha256;
        const items = p.doc.items;
        for (let i = 0; i < items.length; i++) {
          const it = items[i]!;
          appender.appendVarchar(sha);
          appender.appendInteger(i);
          appender.appendVarchar(it.table);
          appender.appendVarchar(it.code);
          appender.appendVarchar(it.name);
          appender.appendVarchar(it.measure);
          appender.appendVarchar(it.amount);
          appendNullable(appender, it.unit, (v) => appender.appendVarchar(v));
          appendNullable(appender, p.amounts[i] ?? null, (v) => appender.appendDecimal(v));
          appender.appendInteger(it.page);
          appender.appendDouble(it.bbox[0]);
          appender.appendDouble(it.bbox[1]);
          appender.appendDouble(it.bbox[2]);
          appender.appendDouble(it.bbox[3]);
          appender.appendInteger(it.row);
          appender.appendInteger(it.col);
          appender.endRow();
        }
      }
      appender.closeSync();
    } catch (e) {
      discard(appender);
      throw e;
    }
    await this.stageExtras(oks);
    await this.stageBatch(prepared);
    lap("stage");
    await phase("staged");

    // 2. Write the lake datasets into the staging folder.
    const stagingRoot = join(this.lakeDir, STAGING_DIR, runId);
    await rm(stagingRoot, { recursive: true, force: true });
    await mkdir(join(stagingRoot, BATCH_DIR), { recursive: true });
    for (const ds of LAKE_DATASETS) for (const sql of copyToStagingSql(DATASET_SELECT[ds.name]!, ds.name, stagingRoot)) await this.conn.run(sql);
    const staged = await stagedFiles(stagingRoot);
    const lakeRows = await this.lakeFileRows(staged);
    lap("lake");
    await phase("lake-written");

    // 3. One transaction: facts from the staged Parquet, documents, dimensions, lineage.
    const now = this.clock();
    const results: DocumentLoadResult[] = [];
    await this.transaction(async () => {
      await phase("in-transaction");
      await this.conn.run(`INSERT INTO runs (run_id, started_at, code_version, schema_version) VALUES ($1, $2, $3, $4)`,
        [runId, tsValue(now), codeVersion, SCHEMA_VERSION]);
      await this.refreshDimensions(reference, regions);
      const batch = `SELECT sha256 FROM stage_batch`;
      for (const ds of LAKE_DATASETS) await this.conn.run(`DELETE FROM ${ds.table} WHERE sha256 IN (${batch})`);
      await this.conn.run(`DELETE FROM document_tables WHERE sha256 IN (${batch})`);
      await this.conn.run(`DELETE FROM lake_files WHERE sha256 IN (${batch})`);
      for (const ds of LAKE_DATASETS)
        await this.conn.run(`INSERT INTO ${ds.table} BY NAME
          SELECT * EXCLUDE (fiscal_year, province, _doc) FROM read_parquet(${sqlString(batchFile(stagingRoot, ds.name))})`);
      await this.append("lake_files", staged, (a, f) => {
        a.appendVarchar(f.dataset); a.appendVarchar(f.sha256); a.appendVarchar(f.path);
        a.appendBigInt(lakeRows.get(f.staged) ?? 0n); a.appendVarchar(runId); a.endRow();
      });
      await this.conn.run(`INSERT INTO departments
          SELECT department_id, any_value(department), any_value(level), any_value(region_code), any_value(province),
                 any_value(city), any_value(county)
          FROM stage_batch WHERE department_id IS NOT NULL GROUP BY department_id
        ON CONFLICT (department_id) DO UPDATE SET level = excluded.level, region_code = excluded.region_code`);
      await this.conn.run(`INSERT INTO regions
          SELECT region_code, any_value(province), any_value(city), any_value(county),
                 any_value(CASE WHEN county IS NOT NULL THEN 'county' WHEN city IS NOT NULL THEN 'city' ELSE 'province' END)
          FROM stage_batch WHERE region_code IS NOT NULL GROUP BY region_code
        ON CONFLICT DO NOTHING`);
      await this.conn.run(UPSERT_DOCUMENTS, { loaded_at: tsValue(now), run_id: runId, code_version: codeVersion });
      await this.conn.run(`INSERT INTO document_loads SELECT $run_id, sha256, $loaded_at, $code_version, status, item_count FROM stage_batch`,
        { loaded_at: tsValue(now), run_id: runId, code_version: codeVersion });
      await this.conn.run(`INSERT INTO document_tables SELECT * FROM stage_tables`);
      const superseded = await this.resolveVersions(now);
      for (const p of prepared)
        results.push({
          sha256: p.doc.sha256, docId: p.doc.docId, status: p.kind, supersedes: superseded.get(p.doc.sha256) ?? [],
          items: p.kind === "ok" ? p.doc.items.length : 0, error: p.kind === "failed" ? p.doc.error : null,
        });
      await this.conn.run(
        `UPDATE runs SET finished_at = $finished_at,
           documents = (SELECT count(*) FROM document_loads WHERE run_id = $run_id),
           failed    = (SELECT count(*) FROM document_loads WHERE run_id = $run_id AND status = 'failed'),
           items     = (SELECT coalesce(sum(items), 0) FROM document_loads WHERE run_id = $run_id)
         WHERE run_id = $run_id`,
        { run_id: runId, finished_at: tsValue(this.clock()) },
      );
      await phase("before-commit");
    });
    lap("warehouse");
    await phase("committed");

    // 4. Publish the files, sweep what the catalogue no longer lists.
    await this.publish(runId, staged);
    lap("publish");
    await phase("published");

    const failed = results.filter((r) => r.status === "failed").length;
    return {
      runId, codeVersion, documents: results, loaded: results.length - failed, failed,
      items: itemRows, lakeFiles: staged.length, timings,
    };
  }

  private async stageExtras(oks: PreparedOk[]): Promise<void> {
    const projects = oks.flatMap((p) => p.doc.projects.map((row, i) => ({ p, row, i })));
    await this.append("stage_projects", projects, (a, { p, row, i }) => {
      const { name, unitCode, type, measure, amount, unit, page, ...rest } = row;
      a.appendVarchar(p.doc.sha256);
      a.appendInteger(i);
      appendNullable(a, name, (s) => a.appendVarchar(s));
      for (const v of [unitCode, type, null, null, measure, amount, unit]) appendNullable(a, v ?? null, (s) => a.appendVarchar(s));
      appendNullable(a, p.projectAmounts[i] ?? null, (v) => a.appendDecimal(v));
      appendNullable(a, page ?? null, (v) => a.appendInteger(v));
      a.appendVarchar(JSON.stringify(rest));
      a.endRow();
    });
    const perf = oks.flatMap((p) => p.doc.indicators.map((row, i) => ({ p, row, i })));
    await this.append("stage_performance", perf, (a, { p, row, i }) => {
      const { subject: project, level1, level2, level3: indicator, value: target, page, ...rest } = row;
      a.appendVarchar(p.doc.sha256);
      a.appendInteger(i);
      for (const v of [project, level1, level2]) appendNullable(a, v ?? null, (s) => a.appendVarchar(s));
      a.appendVarchar(indicator);
      appendNullable(a, target ?? null, (s) => a.appendVarchar(s));
      appendNullable(a, page ?? null, (v) => a.appendInteger(v));
      a.appendVarchar(JSON.stringify(rest));
      a.endRow();
    });
    const findings = oks.flatMap((p) => p.doc.validation.findings.map((f, i) => ({ p, f, i })));
    await this.append("stage_findings", findings, (a, { p, f, i }) => {
      a.appendVarchar(p.doc.sha256);
      a.appendInteger(i);
      a.appendVarchar(f.rule);
      a.appendVarchar(f.severity);
      for (const v of [f.message, f.tableKind, f.code, f.measure, f.expected, f.actual]) appendNullable(a, v ?? null, (s) => a.appendVarchar(s));
      a.appendList(listValue(p.findingItems[i]!), LIST(INTEGER));
      a.appendVarchar(JSON.stringify(f.cells));
      a.endRow();
    });
  }

  private async refreshDimensions(
    reference: Awaited<ReturnType<typeof readCodeReference>>,
    regions: Awaited<ReturnType<typeof readRegions>>,
  ): Promise<void> {
    await this.conn.run(`DELETE FROM classification_codes`);
    await this.append("classification_codes", reference.codes, (a, c) => {
      a.appendVarchar(c.scheme); a.appendVarchar(c.code);
      appendNullable(a, c.level, (v) => a.appendTinyInt(v));
      a.appendVarchar(c.name);
      appendNullable(a, c.validFrom, (v) => a.appendInteger(v));
      appendNullable(a, c.validTo, (v) => a.appendInteger(v));
      appendNullable(a, c.parent, (v) => a.appendVarchar(v));
      a.appendBoolean(c.uncertain);
      a.appendVarchar(c.source); a.endRow();
    });
    await this.conn.run(`DELETE FROM code_crosswalk`);
    await this.append("code_crosswalk", reference.crosswalk, (a, x) => {
      a.appendVarchar(x.scheme); a.appendVarchar(x.type); a.appendVarchar(x.from);
      appendNullable(a, x.to, (v) => a.appendVarchar(v));
      appendNullable(a, x.year, (v) => a.appendInteger(v));
      appendNullable(a, x.current, (v) => a.appendVarchar(v));
      appendNullable(a, x.note, (v) => a.appendVarchar(v));
      a.appendBoolean(x.uncertain);
      a.appendVarchar(x.source); a.endRow();
    });
    await this.append("stage_regions", regions, (a, r) => {
      a.appendVarchar(r.code);
      for (const v of [r.province, r.city, r.county]) appendNullable(a, v, (x) => a.appendVarchar(x));
      a.appendVarchar(r.level);
      a.endRow();
    });
    await this.conn.run(`INSERT INTO regions SELECT * FROM stage_regions QUALIFY row_number() OVER (PARTITION BY region_code) = 1
      ON CONFLICT (region_code) DO UPDATE SET province = excluded.province, city = excluded.city, county = excluded.county, level = excluded.level`);
  }

  /** Document-level rows of the batch (documents, tables) into staging tables. */
  private async stageBatch(prepared: Prepared[]): Promise<void> {
    await this.append("stage_batch", prepared, (a, p) => {
      const facts = p.kind === "ok" ? p.doc.facts : null;
      const region = facts?.region;
      const regionKey = region?.adminCode ?? region?.province ?? null;
      const str = (v: string | null | undefined) => appendNullable(a, v, (x) => a.appendVarchar(x));
      const int = (v: number | null | undefined) => appendNullable(a, v, (x) => a.appendInteger(x));
      str(p.doc.sha256); str(p.doc.docId); str(p.source.url ?? p.doc.docId); str(p.source.url); str(p.source.source);
      appendNullable(a, p.source.fetchedAt, (x) => a.appendTimestampTZ(tsValue(new Date(x))));
      str(p.doc.file); str(p.doc.format); int(p.doc.pageCount);
      str(facts?.department); str(facts?.level);
      str(facts?.department ? departmentId(facts.department, regionKey) : null);
      str(region?.adminCode); str(region?.province); str(region?.city); str(region?.county);
      int(facts?.fiscalYear); str(facts?.phase); str(facts?.amountUnit);
      str(p.kind); str(p.kind === "failed" ? p.doc.error : null);
      a.appendList(listValue(p.kind === "ok" ? [...p.doc.notes, ...(p.doc.emptyReason ? [`no line items: ${p.doc.emptyReason}`] : [])] : []), LIST(VARCHAR));
      a.appendBoolean(p.kind === "ok");
      int(p.kind === "ok" ? p.doc.tables.length : 0); int(p.kind === "ok" ? p.doc.items.length : 0);
      a.endRow();
    });
    const tables = prepared.flatMap((p) => (p.kind === "ok" ? p.doc.tables.map((t, i) => ({ p, t, i })) : []));
    await this.append("stage_tables", tables, (a, { p, t, i }) => {
      a.appendVarchar(p.doc.sha256);
      a.appendInteger(i);
      appendNullable(a, t.kind, (v) => a.appendVarchar(v));
      a.appendVarchar(t.title);
      appendNullable(a, t.unit, (v) => a.appendVarchar(v));
      appendNullable(a, t.pages[0] ?? null, (v) => a.appendInteger(v));
      a.appendList(listValue(t.pages), LIST(INTEGER));
      a.appendBoolean(t.empty);
      a.appendInteger(t.kind ? p.doc.items.filter((it) => it.table === t.kind).length : 0);
      a.endRow();
    });
  }

  /**
   * Marks, per document key, every version but the current one superseded. Current: the
   * newest version that loaded ok (by fetched_at, then load order); failed versions never
   * supersede good ones. Returns, per current sha256, the versions it newly superseded.
   */
  private async resolveVersions(now: Date): Promise<Map<string, string[]>> {
    const ranked = `WITH ranked AS (
         SELECT sha256, superseded_by,
                first(sha256) OVER (PARTITION BY document_key
                  ORDER BY (status = 'ok') DESC, fetched_at DESC NULLS LAST, load_seq DESC) AS current
         FROM documents WHERE document_key IN (SELECT document_key FROM stage_batch)
       ), changes AS (
         SELECT sha256, CASE WHEN sha256 = current THEN NULL ELSE current END AS target, superseded_by FROM ranked
       )`;
    const rows = (await this.conn.runAndReadAll(
      `${ranked} SELECT sha256, target FROM changes WHERE target IS NOT NULL AND target IS DISTINCT FROM superseded_by`,
    )).getRowObjectsJS() as Array<{ sha256: string; target: string }>;
    await this.conn.run(
      `${ranked} UPDATE documents SET superseded_by = c.target, superseded_at = CASE WHEN c.target IS NULL THEN NULL ELSE $1 END
       FROM changes c WHERE documents.sha256 = c.sha256 AND c.target IS DISTINCT FROM c.superseded_by`,
      [tsValue(now)],
    );
    const newly = new Map<string, string[]>();
    for (const r of rows) newly.set(r.target, [...(newly.get(r.target) ?? []), r.sha256]);
    return newly;
  }

  /** Rows per staged lake file (from the Parquet footers). */
  private async lakeFileRows(staged: StagedFile[]): Promise<Map<string, bigint>> {
    if (staged.length === 0) return new Map();
    const counts = (await this.conn.runAndReadAll(
      `SELECT file_name, num_rows FROM parquet_file_metadata(${listSql(staged.map((f) => f.staged))})`,
    )).getRowObjectsJS() as Array<{ file_name: string; num_rows: bigint }>;
    return new Map(counts.map((c) => [c.file_name, BigInt(c.num_rows)]));
  }

  private async publish(runId: string, staged?: StagedFile[]): Promise<void> {
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
      if (rows.length > 0) await this.publish(runId);
      else await rm(join(this.lakeDir, STAGING_DIR, runId), { recursive: true, force: true });
    }
    // A run that committed but died before its publish finished leaves no staging folder
    // when the rename loop had completed: the sweep alone is then enough.
    const unpublished = (await this.conn.runAndReadAll(`SELECT run_id FROM runs WHERE finished_at IS NOT NULL AND lake_published_at IS NULL`)).getRowsJS();
    for (const [runId] of unpublished) await this.publish(runId as string);
  }

  private async checkVersion(): Promise<void> {
    const found = await this.fileVersion();
    if (found !== SCHEMA_VERSION)
      throw new Error(`${this.path}: warehouse schema version ${found ?? "none"}, this code reads version ${SCHEMA_VERSION}; run a load (npm start) to migrate it`);
  }

  private async fileVersion(): Promise<number | null> {
    const exists = (await this.conn.runAndReadAll(`SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version'`)).getRowsJS();
    if (exists.length === 0) return null;
    return ((await this.conn.runAndReadAll(`SELECT max(version) FROM schema_version`)).getRowsJS()[0]?.[0] as number | null) ?? null;
  }

  /** Applies every migration above the file's version, each in one transaction; then the views. */
  private async migrate(): Promise<void> {
    await this.conn.run(SCHEMA_VERSION_DDL);
    const found = (await this.fileVersion()) ?? 0;
    if (found > SCHEMA_VERSION)
      throw new Error(`${this.path}: warehouse schema version ${found} is newer than this code (${SCHEMA_VERSION}); update the code`);
    for (const m of MIGRATIONS.filter((m) => m.version > found)) {
      await this.transaction(async () => {
        for (const s of m.statements) await this.conn.run(s);
        await this.conn.run(`INSERT INTO schema_version VALUES ($1, $2)`, [m.version, tsValue(this.clock())]);
      });
    }
    await this.transaction(async () => {
      // Code-defined dimension: rewritten on every open so it follows the code.
      await this.conn.run(`DELETE FROM table_kinds`);
      await this.append("table_kinds", TABLE_KINDS.map((k, i) => ({ k, i })), (a, { k, i }) => {
        a.appendVarchar(k.kind); a.appendVarchar(k.nameZh); a.appendVarchar(k.fund);
        appendNullable(a, k.classification, (v) => a.appendVarchar(v));
        a.appendBoolean(k.standard); a.appendInteger(i); a.endRow();
      });
      for (const v of VIEWS) await this.conn.run(`CREATE OR REPLACE VIEW ${v.name} AS ${v.sql}`);
    });
  }

  private async append<T>(table: string, rows: readonly T[], write: (a: DuckDBAppender, row: T) => void): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.conn.createAppender(table);
    try {
      for (const r of rows) write(appender, r);
      appender.closeSync();
    } catch (e) {
      discard(appender);
      throw e;
    }
  }

  private async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.conn.run("BEGIN TRANSACTION");
    try {
      const result = await fn();
      await this.conn.run("COMMIT");
      return result;
    } catch (e) {
      await this.conn.run("ROLLBACK").catch(() => {}); // the original error matters more
      throw e;
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }
}

const listSql = (paths: readonly string[]) => `[${paths.map(sqlString).join(", ")}]`;

function appendNullable<T>(a: DuckDBAppender, v: T | null | undefined, write: (v: T) => void): void {
  if (v === null || v === undefined) a.appendNull();
  else write(v);
}

/** Drops an appender's unflushed rows so closing it cannot write a partial batch. */
function discard(appender: DuckDBAppender): void {
  try {
    appender.clear();
    appender.closeSync();
  } catch {
    // already invalidated by the failing append; the transaction rollback undoes the rest
  }
}

export interface LoadExtractsOptions extends LoadOptions, Pick<WarehouseOptions, "clock" | "referenceDir"> {
  /** Folder holding warehouse.duckdb and lake/ (default data/). */
  dataDir?: string;
}

/**
 * The load API for pipelines (npm start, the crawler's run): opens <dataDir>/warehouse.duckdb,
 * loads the batch as one run in one transaction, writes the lake, closes. Extracts and failed
 * documents may be mixed; `sources` gives url / source / fetchedAt per sha256.
 */
export async function loadExtracts(inputs: readonly LoadInput[], options: LoadExtractsOptions = {}): Promise<LoadReport> {
  const wh = await Warehouse.open(warehousePath(options.dataDir), { clock: options.clock, referenceDir: options.referenceDir });
  try {
    return await wh.load(inputs, options);
  } finally {
    wh.close();
  }
}
