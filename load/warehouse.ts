// Writes extracted documents and their line items into a DuckDB file.
// One document = one transaction: its old line items go, the new ones come in.
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import {
  DuckDBAppender,
  DuckDBConnection,
  DuckDBDecimalValue,
  DuckDBInstance,
  INTEGER,
  TIMESTAMPTZ,
  VARCHAR,
  timestampTZValue,
  type DuckDBType,
  type DuckDBValue,
  type Json,
} from "@duckdb/node-api";
import { z } from "zod";
import { LineItem } from "../transform/line-item.ts";
import { AMOUNT_YUAN_SCALE, AMOUNT_YUAN_WIDTH, printedToScaledYuan } from "./amount.ts";
import { SCHEMA_DDL, SCHEMA_VERSION, type DocumentStatus } from "./schema.ts";

export const DEFAULT_DATA_DIR = "data";
export const WAREHOUSE_FILE = "warehouse.duckdb";
export const warehousePath = (dataDir: string = DEFAULT_DATA_DIR) => join(dataDir, WAREHOUSE_FILE);

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "sha256 must be 64 lowercase hex digits");

/** What the loader needs from an extract (DocumentExtract fits; its tables are not stored). */
export const LoadableDocument = z.object({
  docId: z.string().min(1),
  file: z.string().min(1),
  sha256: Sha256,
  format: z.string().min(1),
  pageCount: z.number().int().nonnegative(),
  items: z.array(LineItem),
});
export type LoadableDocument = z.input<typeof LoadableDocument>;

/** A document that could not be extracted or loaded: recorded so nothing silently disappears. */
export const FailedDocument = z.object({
  docId: z.string().min(1),
  file: z.string().min(1),
  sha256: Sha256,
  format: z.string().min(1),
  pageCount: z.number().int().nonnegative().nullable().default(null),
  error: z.string().min(1),
});
export type FailedDocument = z.input<typeof FailedDocument>;

export interface LoadResult {
  sha256: string;
  docId: string;
  items: number;
  /** Increases with every load; the higher one of two versions of a doc_id is the newer. */
  loadSeq: bigint;
}

export interface RunSummary {
  runId: string;
  documents: number;
  failed: number;
  items: number;
}

export interface WarehouseOptions {
  /** Source of loaded_at / started_at / finished_at; injectable for tests. */
  clock?: () => Date;
}

/** Sortable and unique enough for one warehouse: 20250101T120000Z-a1b2c3. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

const tsValue = (d: Date) => timestampTZValue(BigInt(d.getTime()) * 1000n);

const UPSERT_DOCUMENT = `
  INSERT INTO documents (sha256, doc_id, file, format, page_count, loaded_at, load_seq,
                         run_id, item_count, status, error)
  VALUES ($sha256, $doc_id, $file, $format, $page_count, $loaded_at, nextval('document_load_seq'),
          $run_id, $item_count, $status, $error)
  ON CONFLICT (sha256) DO UPDATE SET
    doc_id = excluded.doc_id, file = excluded.file, format = excluded.format,
    page_count = excluded.page_count, loaded_at = excluded.loaded_at, load_seq = excluded.load_seq,
    run_id = excluded.run_id, item_count = excluded.item_count, status = excluded.status,
    error = excluded.error`;
// No RETURNING above: with it, DuckDB 1.5 rejects the upsert on the line_items foreign key
// (over-eager check) when the row's line items were deleted earlier in the same transaction.

const UPSERT_DOCUMENT_TYPES: Record<string, DuckDBType> = {
  page_count: INTEGER,
  error: VARCHAR,
  loaded_at: TIMESTAMPTZ,
};

export class Warehouse {
  /** Serialises public operations: they share one connection and its transaction state. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly clock: () => Date,
  ) {}

  /** Opens (creating if needed) the warehouse file and its schema. ":memory:" works too. */
  static async open(path: string, options: WarehouseOptions = {}): Promise<Warehouse> {
    if (path !== ":memory:") await mkdir(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    const wh = new Warehouse(path, instance, conn, options.clock ?? (() => new Date()));
    try {
      await wh.transaction(() => wh.ensureSchema());
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

  async startRun(runId: string = newRunId(this.clock())): Promise<string> {
    return this.serial(async () => {
      await this.conn.run(`INSERT INTO runs (run_id, started_at) VALUES ($1, $2)`, [runId, tsValue(this.clock())]);
      return runId;
    });
  }

  /** Stamps the run finished with counts of the documents it (last) loaded. */
  async finishRun(runId: string): Promise<RunSummary> {
    return this.serial(async () => {
      const reader = await this.conn.runAndReadAll(
        `UPDATE runs SET finished_at = $finished_at,
           documents = (SELECT count(*) FROM documents WHERE run_id = $run_id),
           failed    = (SELECT count(*) FROM documents WHERE run_id = $run_id AND status = 'failed'),
           items     = (SELECT coalesce(sum(item_count), 0) FROM documents WHERE run_id = $run_id)
         WHERE run_id = $run_id
         RETURNING documents, failed, items`,
        { run_id: runId, finished_at: tsValue(this.clock()) },
      );
      const row = reader.getRowObjectsJS()[0];
      if (!row) throw new Error(`finishRun: no run ${runId} (startRun first)`);
      return { runId, documents: Number(row.documents), failed: Number(row.failed), items: Number(row.items) };
    });
  }

  /**
   * Replaces everything stored for doc.sha256 with this extract, atomically.
   * Throws (leaving the warehouse unchanged) on invalid input, e.g. an amount that
   * amount_yuan cannot hold exactly; the caller then records the document as failed.
   */
  async loadDocument(input: LoadableDocument, runId: string): Promise<LoadResult> {
    const doc = LoadableDocument.parse(input);
    // Convert before opening the transaction: bad input fails without touching the file.
    const amounts = doc.items.map((item, i) => {
      try {
        return new DuckDBDecimalValue(printedToScaledYuan(item.amount, item.unit), AMOUNT_YUAN_WIDTH, AMOUNT_YUAN_SCALE);
      } catch (e) {
        throw new Error(`item ${i} (${item.table} ${item.code || "(total)"} ${item.measure}): ${(e as Error).message}`);
      }
    });
    return this.serial(() =>
      this.transaction(async () => {
        await this.conn.run(`DELETE FROM line_items WHERE sha256 = $1`, [doc.sha256]);
        const loadSeq = await this.upsertDocument({
          sha256: doc.sha256, doc_id: doc.docId, file: doc.file, format: doc.format,
          page_count: doc.pageCount, run_id: runId, item_count: doc.items.length, status: "ok", error: null,
        });
        const appender = await this.conn.createAppender("line_items");
        try {
          doc.items.forEach((item, i) => {
            appender.appendVarchar(doc.sha256);
            appender.appendVarchar(doc.docId);
            appender.appendInteger(i);
            appender.appendVarchar(item.table);
            appender.appendVarchar(item.code);
            appender.appendVarchar(item.name);
            appender.appendVarchar(item.measure);
            appender.appendVarchar(item.amount);
            appender.appendVarchar(item.unit);
            appender.appendDecimal(amounts[i]!);
            appender.appendInteger(item.page);
            for (const v of item.bbox) appender.appendDouble(v);
            appender.appendInteger(item.row);
            appender.appendInteger(item.col);
            appender.endRow();
          });
          appender.closeSync(); // flushes into the open transaction
        } catch (e) {
          discard(appender);
          throw e;
        }
        return { sha256: doc.sha256, docId: doc.docId, items: doc.items.length, loadSeq };
      }),
    );
  }

  /** Records a document as failed, replacing any earlier rows for the same sha256. */
  async recordFailure(input: FailedDocument, runId: string): Promise<void> {
    const f = FailedDocument.parse(input);
    await this.serial(() =>
      this.transaction(async () => {
        await this.conn.run(`DELETE FROM line_items WHERE sha256 = $1`, [f.sha256]);
        await this.upsertDocument({
          sha256: f.sha256, doc_id: f.docId, file: f.file, format: f.format,
          page_count: f.pageCount, run_id: runId, item_count: 0, status: "failed", error: f.error,
        });
      }),
    );
  }

  /** Runs a read query; values come back JSON-safe (DECIMAL and BIGINT as exact strings). */
  async query(sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]): Promise<Record<string, Json>[]> {
    return this.serial(async () => (await this.conn.runAndReadAll(sql, params)).getRowObjectsJson());
  }

  private async upsertDocument(row: {
    sha256: string; doc_id: string; file: string; format: string; page_count: number | null;
    run_id: string; item_count: number; status: DocumentStatus; error: string | null;
  }): Promise<bigint> {
    await this.conn.run(UPSERT_DOCUMENT, { ...row, loaded_at: tsValue(this.clock()) }, UPSERT_DOCUMENT_TYPES);
    const reader = await this.conn.runAndReadAll(`SELECT load_seq FROM documents WHERE sha256 = $1`, [row.sha256]);
    return reader.getRowsJS()[0]![0] as bigint;
  }

  private async ensureSchema(): Promise<void> {
    for (const ddl of SCHEMA_DDL) await this.conn.run(ddl);
    const rows = (await this.conn.runAndReadAll(`SELECT max(version) AS v FROM schema_version`)).getRowsJS();
    const found = rows[0]?.[0] as number | null | undefined;
    if (found == null) {
      await this.conn.run(`INSERT INTO schema_version VALUES ($1, $2)`, [SCHEMA_VERSION, tsValue(this.clock())]);
    } else if (found !== SCHEMA_VERSION) {
      // No migrations exist yet; refuse rather than write rows in a layout the file does not have.
      throw new Error(`${this.path}: warehouse schema version ${found}, this code writes version ${SCHEMA_VERSION}`);
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

/** Drops an appender's unflushed rows so closing it cannot write a partial document. */
function discard(appender: DuckDBAppender): void {
  try {
    appender.clear();
    appender.closeSync();
  } catch {
    // already invalidated by the failing append; the transaction rollback undoes the rest
  }
}
