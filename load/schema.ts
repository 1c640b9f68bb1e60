// Warehouse DDL as versioned migrations. Opening a warehouse for writing applies every
// migration above the file's schema_version, each in its own transaction, in order.
// Researcher views are not here: warehouse/ installs them (warehouse/views.ts).
import { AMOUNT_YUAN_SCALE, AMOUNT_YUAN_WIDTH } from "./amount.ts";
import { TABLE_KINDS as REGISTERED_KINDS } from "../transform/table-kind-registry.ts";

export const DOCUMENT_STATUSES = ["ok", "failed"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");
const YUAN = `DECIMAL(${AMOUNT_YUAN_WIDTH}, ${AMOUNT_YUAN_SCALE})`;

export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/**
 * DuckDB constraint notes that shape this layout:
 * - fact tables have no primary key and no foreign key: DuckDB's over-eager constraint
 *   checks reject a reload that deletes and re-inserts the same keys in one transaction.
 *   Consistency (every fact row has its documents row) is kept by the loader and tested.
 * - documents rows are upserted (ON CONFLICT DO UPDATE), never deleted and re-inserted.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "documents, line_items, runs",
    statements: [
      `CREATE TABLE IF NOT EXISTS runs (
         run_id VARCHAR PRIMARY KEY, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ,
         documents INTEGER, failed INTEGER, items BIGINT)`,
      `CREATE SEQUENCE IF NOT EXISTS document_load_seq START 1`,
      `CREATE TABLE IF NOT EXISTS documents (
         sha256 VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, file VARCHAR NOT NULL, format VARCHAR NOT NULL,
         page_count INTEGER, loaded_at TIMESTAMPTZ NOT NULL, load_seq BIGINT NOT NULL, run_id VARCHAR NOT NULL,
         item_count INTEGER NOT NULL, status VARCHAR NOT NULL, error VARCHAR)`,
      `CREATE TABLE IF NOT EXISTS line_items (
         sha256 VARCHAR NOT NULL REFERENCES documents (sha256), doc_id VARCHAR NOT NULL, item_index INTEGER NOT NULL,
         table_kind VARCHAR NOT NULL, code VARCHAR NOT NULL, name VARCHAR NOT NULL, measure VARCHAR NOT NULL,
         printed_amount VARCHAR NOT NULL, printed_unit VARCHAR NOT NULL, amount_yuan ${YUAN} NOT NULL,
         page INTEGER NOT NULL, x0 DOUBLE NOT NULL, top DOUBLE NOT NULL, x1 DOUBLE NOT NULL, bottom DOUBLE NOT NULL,
         "row" INTEGER NOT NULL, col INTEGER NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: "lake-backed facts, dimensions, lineage, versions",
    statements: [
      // Runs: lineage. One load = one run = one transaction.
      `CREATE TABLE runs_v2 (
         run_id         VARCHAR PRIMARY KEY,
         started_at     TIMESTAMPTZ NOT NULL,
         finished_at    TIMESTAMPTZ,
         code_version   VARCHAR,
         schema_version INTEGER,
         documents      INTEGER,
         failed         INTEGER,
         items          BIGINT,
         lake_published_at TIMESTAMPTZ)`,
      `INSERT INTO runs_v2 (run_id, started_at, finished_at, documents, failed, items)
         SELECT run_id, started_at, finished_at, documents, failed, items FROM runs`,
      `CREATE TABLE documents_v2 (
         sha256         VARCHAR PRIMARY KEY,
         doc_id         VARCHAR NOT NULL,
         document_key   VARCHAR NOT NULL,
         url            VARCHAR,
         source         VARCHAR,
         fetched_at     TIMESTAMPTZ,
         file           VARCHAR NOT NULL,
         format         VARCHAR NOT NULL,
         page_count     INTEGER,
         department     VARCHAR,
         level          VARCHAR,
         department_id  VARCHAR,
         region_code    VARCHAR,
         province       VARCHAR,
         city           VARCHAR,
         county         VARCHAR,
         fiscal_year    INTEGER,
         phase          VARCHAR,
         amount_unit    VARCHAR,
         status         VARCHAR NOT NULL CHECK (status IN (${sqlList(DOCUMENT_STATUSES)})),
         error          VARCHAR,
         warnings       VARCHAR[],
         validated      BOOLEAN NOT NULL DEFAULT false,
         table_count    INTEGER NOT NULL DEFAULT 0,
         item_count     INTEGER NOT NULL,
         first_loaded_at TIMESTAMPTZ NOT NULL,
         loaded_at      TIMESTAMPTZ NOT NULL,
         load_seq       BIGINT NOT NULL,
         run_id         VARCHAR NOT NULL,
         code_version   VARCHAR,
         superseded_by  VARCHAR,
         superseded_at  TIMESTAMPTZ,
         CHECK ((status = 'failed') = (error IS NOT NULL)))`,
      `INSERT INTO documents_v2 (sha256, doc_id, document_key, file, format, page_count, status, error,
           item_count, first_loaded_at, loaded_at, load_seq, run_id)
         SELECT sha256, doc_id, doc_id, file, format, page_count, status, error,
           item_count, loaded_at, loaded_at, load_seq, run_id FROM documents`,
      `CREATE TABLE fact_line_items (
         sha256         VARCHAR NOT NULL,
         item_index     INTEGER NOT NULL,
         table_kind     VARCHAR NOT NULL,
         fund           VARCHAR,
         code           VARCHAR NOT NULL,
         code_scheme    VARCHAR,
         code_level     TINYINT,
         name           VARCHAR NOT NULL,
         measure        VARCHAR NOT NULL,
         printed_amount VARCHAR NOT NULL,
         printed_unit   VARCHAR NOT NULL CHECK (printed_unit IN ('元', '万元')),
         amount_yuan    ${YUAN} NOT NULL,
         page           INTEGER NOT NULL,
         x0 DOUBLE NOT NULL, top DOUBLE NOT NULL, x1 DOUBLE NOT NULL, bottom DOUBLE NOT NULL,
         "row"          INTEGER NOT NULL,
         col            INTEGER NOT NULL)`,
      `INSERT INTO fact_line_items (sha256, item_index, table_kind, code, name, measure, printed_amount,
           printed_unit, amount_yuan, page, x0, top, x1, bottom, "row", col)
         SELECT sha256, item_index, table_kind, code, name, measure, printed_amount, printed_unit,
           amount_yuan, page, x0, top, x1, bottom, "row", col FROM line_items`,
      `DROP TABLE line_items`,
      `DROP TABLE documents`,
      `DROP TABLE runs`,
      `ALTER TABLE documents_v2 RENAME TO documents`,
      `ALTER TABLE runs_v2 RENAME TO runs`,
      // Every table a document printed (standard or not): the coverage matrix reads this.
      `CREATE TABLE document_tables (
         sha256      VARCHAR NOT NULL,
         table_index INTEGER NOT NULL,
         table_kind  VARCHAR,
         title       VARCHAR NOT NULL,
         unit        VARCHAR,
         first_page  INTEGER,
         pages       INTEGER[],
         empty       BOOLEAN NOT NULL,
         item_count  INTEGER NOT NULL)`,
      // Lineage history: every load of every document (documents keeps only the last).
      `CREATE TABLE document_loads (
         run_id       VARCHAR NOT NULL,
         sha256       VARCHAR NOT NULL,
         loaded_at    TIMESTAMPTZ NOT NULL,
         code_version VARCHAR,
         status       VARCHAR NOT NULL,
         items        INTEGER NOT NULL)`,
      `CREATE TABLE departments (
         department_id VARCHAR PRIMARY KEY,
         name          VARCHAR NOT NULL,
         level         VARCHAR,
         region_code   VARCHAR,
         province      VARCHAR,
         city          VARCHAR,
         county        VARCHAR)`,
      `CREATE TABLE regions (
         region_code VARCHAR PRIMARY KEY,
         province    VARCHAR,
         city        VARCHAR,
         county      VARCHAR,
         level       VARCHAR NOT NULL)`,
      `CREATE TABLE table_kinds (
         table_kind     VARCHAR PRIMARY KEY,
         name_zh        VARCHAR NOT NULL,
         fund           VARCHAR NOT NULL,
         classification VARCHAR,
         standard       BOOLEAN NOT NULL,
         sort           INTEGER NOT NULL)`,
      `CREATE TABLE classification_codes (
         scheme      VARCHAR NOT NULL,
         code        VARCHAR NOT NULL,
         level       TINYINT,
         name        VARCHAR NOT NULL,
         valid_from  INTEGER,
         valid_to    INTEGER,
         parent_code VARCHAR,
         uncertain   BOOLEAN NOT NULL DEFAULT false,
         source      VARCHAR)`,
      `CREATE TABLE code_crosswalk (
         scheme       VARCHAR NOT NULL,
         change_type  VARCHAR NOT NULL,
         from_code    VARCHAR NOT NULL,
         to_code      VARCHAR,
         year         INTEGER,
         current_code VARCHAR,
         note         VARCHAR,
         uncertain    BOOLEAN NOT NULL DEFAULT false,
         source       VARCHAR)`,
      `CREATE TABLE fact_three_public (
         sha256            VARCHAR NOT NULL,
         printed_unit      VARCHAR,
         total_yuan        ${YUAN},
         overseas_yuan     ${YUAN},
         vehicle_yuan      ${YUAN},
         vehicle_purchase_yuan  ${YUAN},
         vehicle_operation_yuan ${YUAN},
         reception_yuan    ${YUAN},
         page              INTEGER)`,
      `CREATE TABLE fact_projects (
         sha256         VARCHAR NOT NULL,
         project_index  INTEGER NOT NULL,
         project_name   VARCHAR NOT NULL,
         project_code   VARCHAR,
         category       VARCHAR,
         fund           VARCHAR,
         functional_code VARCHAR,
         measure        VARCHAR,
         printed_amount VARCHAR,
         printed_unit   VARCHAR,
         amount_yuan    ${YUAN},
         page           INTEGER,
         attributes     JSON)`,
      `CREATE TABLE fact_performance_indicators (
         sha256          VARCHAR NOT NULL,
         indicator_index INTEGER NOT NULL,
         project_name    VARCHAR,
         level1          VARCHAR,
         level2          VARCHAR,
         indicator       VARCHAR NOT NULL,
         target          VARCHAR,
         page            INTEGER,
         attributes      JSON)`,
      `CREATE TABLE validation_findings (
         sha256        VARCHAR NOT NULL,
         finding_index INTEGER NOT NULL,
         rule          VARCHAR NOT NULL,
         severity      VARCHAR NOT NULL,
         message       VARCHAR,
         table_kind    VARCHAR,
         code          VARCHAR,
         measure       VARCHAR,
         expected      VARCHAR,
         actual        VARCHAR,
         item_indexes  INTEGER[],
         cells         JSON)`,
      // Which Parquet files of the lake hold which document's rows (paths relative to the lake; a row per file and document).
      `CREATE TABLE lake_files (
         dataset VARCHAR NOT NULL,
         sha256  VARCHAR NOT NULL,
         path    VARCHAR NOT NULL,
         rows    BIGINT NOT NULL,
         run_id  VARCHAR NOT NULL)`,
    ],
  },
  {
    version: 3,
    name: "line item scope and budget unit; run summaries; a project row may print no name",
    statements: [
      // A unit's own table (单位预算表) beside the department's: which, and whose.
      `ALTER TABLE fact_line_items ADD COLUMN scope VARCHAR`,
      `ALTER TABLE fact_line_items ADD COLUMN budget_unit VARCHAR`,
      // What each `cli run` did (pipelines/ops/run-summary.ts): there from the first load on.
      `CREATE TABLE IF NOT EXISTS pipeline_runs (
         run_id VARCHAR PRIMARY KEY, shard VARCHAR, started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ NOT NULL,
         exit_code INTEGER NOT NULL, interrupted BOOLEAN NOT NULL, sources INTEGER, fetched INTEGER, documents INTEGER,
         new_documents INTEGER, changed_documents INTEGER, unchanged_documents INTEGER, gone INTEGER, crawl_failed INTEGER,
         extracted INTEGER, extract_failed INTEGER, loaded INTEGER, load_failed INTEGER, line_items BIGINT,
         validation_failures INTEGER, load_run_ids VARCHAR[], code_version VARCHAR, log_file VARCHAR)`,
      `CREATE TABLE IF NOT EXISTS pipeline_run_failures (
         run_id VARCHAR NOT NULL, stage VARCHAR NOT NULL, source VARCHAR, url VARCHAR, doc_id VARCHAR, sha256 VARCHAR,
         kind VARCHAR, reason VARCHAR NOT NULL)`,
      `ALTER TABLE fact_projects ALTER COLUMN project_name DROP NOT NULL`,
    ],
  },
  {
    version: 4,
    name: "how far each number was verified, its normalised code, what OCR read; amounts without a printed unit",
    statements: [
      // Where neither the table nor the document prints a unit, the amount in yuan is unknown (NULL), never guessed.
      `ALTER TABLE fact_line_items ALTER COLUMN printed_unit DROP NOT NULL`,
      `ALTER TABLE fact_line_items ALTER COLUMN amount_yuan DROP NOT NULL`,
      `ALTER TABLE fact_line_items ADD COLUMN table_index INTEGER`,
      `ALTER TABLE fact_line_items ADD COLUMN measure_label VARCHAR`,
      `ALTER TABLE fact_line_items ADD COLUMN normalised_code VARCHAR`,
      `ALTER TABLE fact_line_items ADD COLUMN code_status VARCHAR`,
      `ALTER TABLE fact_line_items ADD COLUMN verification VARCHAR`,
      `ALTER TABLE fact_line_items ADD COLUMN identities VARCHAR[]`,
      `ALTER TABLE fact_line_items ADD COLUMN ocr_confidence DOUBLE`,
      `ALTER TABLE fact_line_items ADD COLUMN ocr_engine VARCHAR`,
      `ALTER TABLE fact_line_items ADD COLUMN ocr_second_reading VARCHAR`,
      `ALTER TABLE fact_line_items ADD COLUMN repaired_amount VARCHAR`,
      `ALTER TABLE fact_line_items ADD COLUMN ocr_flags VARCHAR[]`,
    ],
  },
];

/** The layout this code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Created before any migration: says which migrations a file has had. */
export const SCHEMA_VERSION_DDL = `CREATE TABLE IF NOT EXISTS schema_version (
  version    INTEGER PRIMARY KEY,
  applied_at TIMESTAMPTZ NOT NULL
)`;

/**
 * Table kinds (transform/table-kind-registry.ts) with the fund they report and the
 * classification their codes use. `standard` marks the tables the coverage matrix tracks.
 */
export const TABLE_KINDS: ReadonlyArray<{
  kind: string; nameZh: string; fund: string; classification: "functional" | "economic" | null; standard: boolean;
}> = REGISTERED_KINDS.map((k) => ({ kind: k.kind, nameZh: k.nameZh, fund: k.fund, classification: k.classification, standard: k.required.budget !== null || k.required.final !== null }));
