// Warehouse DDL. Created on first open; schema_version says which layout a file holds.
import { AMOUNT_YUAN_SCALE, AMOUNT_YUAN_WIDTH } from "./amount.ts";

/** Bump when the layout changes, and add the migration from the previous version. */
export const SCHEMA_VERSION = 1;

export const DOCUMENT_STATUSES = ["ok", "failed"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/**
 * Statements run in order on open; each is idempotent.
 *
 * DuckDB constraint notes that shape this layout:
 * - line_items has no primary key: a unique index would trip DuckDB's over-eager
 *   constraint check when a reload deletes and re-appends the same keys in one transaction.
 * - documents rows are upserted (ON CONFLICT DO UPDATE), never deleted and re-inserted:
 *   deleting a row referenced by line_items' foreign key fails inside the same
 *   transaction even after its line items are gone.
 */
export const SCHEMA_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS schema_version (
     version    INTEGER PRIMARY KEY,
     applied_at TIMESTAMPTZ NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS runs (
     run_id      VARCHAR PRIMARY KEY,
     started_at  TIMESTAMPTZ NOT NULL,
     finished_at TIMESTAMPTZ,
     documents   INTEGER,
     failed      INTEGER,
     items       BIGINT
   )`,
  // Orders loads: the row with the higher load_seq for a doc_id is the newer version.
  `CREATE SEQUENCE IF NOT EXISTS document_load_seq START 1`,
  `CREATE TABLE IF NOT EXISTS documents (
     sha256     VARCHAR PRIMARY KEY,
     doc_id     VARCHAR NOT NULL,
     file       VARCHAR NOT NULL,
     format     VARCHAR NOT NULL,
     page_count INTEGER,
     loaded_at  TIMESTAMPTZ NOT NULL,
     load_seq   BIGINT NOT NULL,
     run_id     VARCHAR NOT NULL,
     item_count INTEGER NOT NULL,
     status     VARCHAR NOT NULL CHECK (status IN (${sqlList(DOCUMENT_STATUSES)})),
     error      VARCHAR,
     CHECK ((status = 'failed') = (error IS NOT NULL))
   )`,
  `CREATE TABLE IF NOT EXISTS line_items (
     sha256         VARCHAR NOT NULL REFERENCES documents (sha256),
     doc_id         VARCHAR NOT NULL,
     item_index     INTEGER NOT NULL,
     table_kind     VARCHAR NOT NULL,
     code           VARCHAR NOT NULL,
     name           VARCHAR NOT NULL,
     measure        VARCHAR NOT NULL,
     printed_amount VARCHAR NOT NULL,
     printed_unit   VARCHAR NOT NULL CHECK (printed_unit IN ('元', '万元')),
     amount_yuan    DECIMAL(${AMOUNT_YUAN_WIDTH}, ${AMOUNT_YUAN_SCALE}) NOT NULL,
     page           INTEGER NOT NULL,
     x0             DOUBLE NOT NULL,
     top            DOUBLE NOT NULL,
     x1             DOUBLE NOT NULL,
     bottom         DOUBLE NOT NULL,
     "row"          INTEGER NOT NULL,
     col            INTEGER NOT NULL
   )`,
];

/** line_items columns in table order: the appender writes positionally. */
export const LINE_ITEM_COLUMNS = [
  "sha256", "doc_id", "item_index", "table_kind", "code", "name", "measure",
  "printed_amount", "printed_unit", "amount_yuan", "page", "x0", "top", "x1", "bottom", "row", "col",
] as const;
