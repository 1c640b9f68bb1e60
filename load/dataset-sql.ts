// The SQL that turns a load's staging tables into the lake's datasets and the warehouse's
// rows: one SELECT per lake dataset (with its partition columns), the documents upsert.
import { LIST_SEPARATOR } from "./line-item-batch.ts";

/** A line item's code scheme: the transform's classification where it gave one, else the table kind's. */
const CODE_SCHEME = `CASE WHEN s.code = '' THEN NULL
      WHEN s.classification = 'functional' THEN 'functional'
      WHEN s.classification = 'department' THEN 'economic'
      WHEN s.classification = 'government' THEN 'government_economic'
      ELSE k.classification END`;

/** A list the batch carries joined (line-item-batch.ts LIST_SEPARATOR) as VARCHAR[]; NULL stays NULL. */
const splitList = (column: string) =>
  `CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} = '' THEN []::VARCHAR[] ELSE string_split(${column}, '${LIST_SEPARATOR}') END`;

/**
 * The line_items dataset, computed once per load into a temp table (ds_line_items): the lake's
 * files and the warehouse's rows are both written from it, and three_public is derived from it.
 */
export const LINE_ITEMS_DATASET_DDL = `CREATE OR REPLACE TEMP TABLE ds_line_items AS SELECT s.sha256, s.item_index, s.table_kind, k.fund, s.code,
      ${CODE_SCHEME} AS code_scheme,
      CASE WHEN (${CODE_SCHEME}) IS NULL THEN NULL
           ELSE CASE length(s.code) WHEN 3 THEN 1 WHEN 5 THEN 2 WHEN 7 THEN 3 END END::TINYINT AS code_level,
      s.name, s.measure, s.printed_amount, s.printed_unit, s.amount_yuan, s.page, s.x0, s.top, s.x1, s.bottom, s."row", s.col,
      s.scope, s.budget_unit, s.table_index, s.measure_label, s.normalised_code, s.code_status, s.verification,
      ${splitList("s.identities")} AS identities,
      s.ocr_confidence, s.ocr_engine, s.ocr_second_reading, s.repaired_amount,
      ${splitList("s.ocr_flags")} AS ocr_flags,
      d.fiscal_year, d.province
    FROM stage_line_items s JOIN stage_docs d USING (sha256) LEFT JOIN table_kinds k USING (table_kind)`;

/** SELECT producing each lake dataset from the staging tables (plus the partition columns). */
const DATASET_SELECT: Record<string, string> = {
  line_items: `SELECT * FROM ds_line_items`,
  three_public: `SELECT s.sha256, any_value(s.printed_unit) AS printed_unit,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'total') AS total_yuan,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'overseas') AS overseas_yuan,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'vehicle') AS vehicle_yuan,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'vehicle_purchase') AS vehicle_purchase_yuan,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'vehicle_operation') AS vehicle_operation_yuan,
      arg_min(s.amount_yuan, s.item_index) FILTER (s.measure = 'reception') AS reception_yuan,
      min(s.page) AS page,
      any_value(s.fiscal_year) AS fiscal_year, any_value(s.province) AS province
    FROM ds_line_items s
    WHERE s.table_kind = 'three_public' AND s.scope IS DISTINCT FROM 'unit' GROUP BY s.sha256`,
  projects: `SELECT s.*, d.fiscal_year, d.province FROM stage_projects s JOIN stage_docs d USING (sha256)`,
  performance_indicators: `SELECT s.*, d.fiscal_year, d.province FROM stage_performance s JOIN stage_docs d USING (sha256)`,
  validation_findings: `SELECT s.*, d.fiscal_year, d.province FROM stage_findings s JOIN stage_docs d USING (sha256)`,
};

/** The SELECT of a lake dataset (LAKE_DATASETS names them). */
export function datasetSelect(dataset: string): string {
  const sql = DATASET_SELECT[dataset];
  if (!sql) throw new Error(`no staging SELECT for lake dataset ${dataset}`);
  return sql;
}

export const DOC_COLUMNS = `sha256, doc_id, document_key, url, source, fetched_at, file, format, page_count,
      department, level, department_id, region_code, province, city, county, fiscal_year, phase, amount_unit,
      status, error, warnings, validated, table_count, item_count`;

/** Upserts every document of the batch; first_loaded_at is kept, source fields kept when absent. */
export const UPSERT_DOCUMENTS = `
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

export const DEPARTMENTS_UPSERT = `INSERT INTO departments
    SELECT department_id, any_value(department), any_value(level), any_value(region_code), any_value(province),
           any_value(city), any_value(county)
    FROM stage_batch WHERE department_id IS NOT NULL GROUP BY department_id
  ON CONFLICT (department_id) DO UPDATE SET level = excluded.level, region_code = excluded.region_code`;

export const REGIONS_INSERT = `INSERT INTO regions
    SELECT region_code, any_value(province), any_value(city), any_value(county),
           any_value(CASE WHEN county IS NOT NULL THEN 'county' WHEN city IS NOT NULL THEN 'city' ELSE 'province' END)
    FROM stage_batch WHERE region_code IS NOT NULL GROUP BY region_code
  ON CONFLICT DO NOTHING`;

export const RUN_TOTALS = `UPDATE runs SET finished_at = $finished_at,
     documents = (SELECT count(*) FROM document_loads WHERE run_id = $run_id),
     failed    = (SELECT count(*) FROM document_loads WHERE run_id = $run_id AND status = 'failed'),
     items     = (SELECT coalesce(sum(items), 0) FROM document_loads WHERE run_id = $run_id)
   WHERE run_id = $run_id`;
