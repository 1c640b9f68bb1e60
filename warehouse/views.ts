// Researcher views: names that explain themselves, over the current version of every
// document (status ok, not superseded). Installed by every writer (warehouse/writer.ts), so a
// view change needs no migration. docs/warehouse.md documents them column by column.
//
// One number per key: a department document often prints its tables again for each of its
// units (单位预算表, scope 'unit'), splits a department table into sections per unit (budget_unit
// set, scope 'department'), and prints the same code in several tables. `line_items` keeps every
// number and says which is the department's (`department_level`: a department-level table, outside
// any unit's section, the first of its document × table × code × measure); `department_line_items`
// holds those, and — for a code the department prints only inside its units' sections — the sum
// over the units (`summed_over_units`); `spending_by_function` builds on it, one row per document
// and functional code.
import type { Warehouse } from "../load/warehouse.ts";

/** The name a code had in a fiscal year (reference data; NULL where the code is not listed). */
const CODE_NAME_JOIN = (alias: string, scheme: string, code: string, year: string) =>
  `LEFT JOIN classification_codes ${alias} ON ${alias}.scheme = ${scheme} AND ${alias}.code = ${code}
     AND (${alias}.valid_from IS NULL OR ${alias}.valid_from <= ${year})
     AND (${alias}.valid_to IS NULL OR ${year} <= ${alias}.valid_to)`;

export const VIEWS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: "current_documents",
    sql: `SELECT * FROM documents WHERE status = 'ok' AND superseded_by IS NULL`,
  },
  {
    name: "document_versions",
    sql: `SELECT document_key, doc_id, url, sha256,
            row_number() OVER (PARTITION BY document_key ORDER BY first_loaded_at, load_seq) AS version,
            superseded_by IS NULL AS is_current, superseded_by, superseded_at, fetched_at, first_loaded_at,
            loaded_at, status, item_count, run_id, code_version
          FROM documents`,
  },
  {
    name: "line_items",
    sql: `WITH checked AS (
            SELECT sha256, item_index,
                   max(CASE severity WHEN 'error' THEN 3 WHEN 'warning' THEN 2 WHEN 'rounding' THEN 1 ELSE 0 END) AS worst
            FROM (SELECT sha256, unnest(item_indexes) AS item_index, severity FROM validation_findings)
            GROUP BY ALL
          )
          SELECT d.doc_id, f.sha256,
                 CASE WHEN d.level = 'unit' THEN NULL ELSE d.department END AS department,
                 CASE WHEN d.level = 'unit' THEN d.department END AS unit,
                 d.department_id, d.level,
                 nullif(concat_ws('', d.province, d.city, d.county), '') AS region,
                 d.region_code, d.province, d.fiscal_year, d.phase,
                 f.table_kind, f.fund, coalesce(f.scope, 'department') AS scope, f.budget_unit,
                 f.code, f.code_scheme, f.code_level,
                 coalesce(c.name, f.name) AS canonical_name, f.name AS printed_name,
                 f.measure, f.measure_label, f.amount_yuan, f.printed_amount, f.printed_unit, f.page, f.item_index, f.table_index,
                 f.normalised_code, f.code_status,
                 f.scope IS DISTINCT FROM 'unit' AND f.budget_unit IS NULL
                   AND row_number() OVER (PARTITION BY f.sha256, f.table_kind, f.code, f.measure, f.scope IS DISTINCT FROM 'unit' AND f.budget_unit IS NULL
                                          ORDER BY f.item_index) = 1 AS department_level,
                 -- How far the number was checked (the transform's verification), and the identities it took part in.
                 f.verification, f.identities,
                 -- The worst finding that names this number; NULL where none does (which alone says nothing of verification).
                 CASE v.worst WHEN 3 THEN 'error' WHEN 2 THEN 'warning' WHEN 1 THEN 'rounding' END AS worst_finding,
                 f.ocr_confidence, f.ocr_engine, f.ocr_second_reading, f.repaired_amount, f.ocr_flags
          FROM fact_line_items f
          JOIN documents d ON d.sha256 = f.sha256 AND d.status = 'ok' AND d.superseded_by IS NULL
          ${CODE_NAME_JOIN("c", "f.code_scheme", "f.code", "d.fiscal_year")}
          LEFT JOIN checked v ON v.sha256 = f.sha256 AND v.item_index = f.item_index`,
  },
  {
    name: "department_line_items",
    sql: `WITH units AS (
            -- Codes a department table prints only inside its units' sections (a total is never summed:
            -- a unit's own row and its sub-units' rows would both count), from the first table that prints them.
            SELECT * FROM line_items li
            WHERE scope = 'department' AND budget_unit IS NOT NULL AND code <> ''
              AND NOT EXISTS (SELECT 1 FROM line_items x WHERE x.department_level AND x.sha256 = li.sha256
                                AND x.table_kind = li.table_kind AND x.code = li.code AND x.measure = li.measure)
            QUALIFY table_index = min(table_index) OVER (PARTITION BY sha256, table_kind, code, measure)
                AND row_number() OVER (PARTITION BY sha256, table_kind, code, measure, budget_unit ORDER BY item_index) = 1
          )
          SELECT * EXCLUDE (department_level), false AS summed_over_units FROM line_items WHERE department_level
          UNION ALL BY NAME
          SELECT doc_id, sha256, any_value(department) AS department, any_value(unit) AS unit, any_value(department_id) AS department_id,
                 any_value(level) AS level, any_value(region) AS region, any_value(region_code) AS region_code,
                 any_value(province) AS province, any_value(fiscal_year) AS fiscal_year, any_value(phase) AS phase,
                 table_kind, any_value(fund) AS fund, 'department' AS scope, NULL AS budget_unit, code,
                 any_value(code_scheme) AS code_scheme, any_value(code_level) AS code_level,
                 any_value(canonical_name) AS canonical_name, min(printed_name) AS printed_name, measure,
                 any_value(measure_label) AS measure_label,
                 -- NULL where a unit's amount is unknown (no unit printed): a sum of the known ones would look like data.
                 CASE WHEN bool_and(amount_yuan IS NOT NULL) THEN sum(amount_yuan) END AS amount_yuan,
                 NULL AS printed_amount, any_value(printed_unit) AS printed_unit, min(page) AS page, min(item_index) AS item_index,
                 min(table_index) AS table_index, any_value(normalised_code) AS normalised_code, any_value(code_status) AS code_status,
                 -- A sum is as verified as its least verified part.
                 CASE WHEN bool_or(verification = 'error') THEN 'error' WHEN bool_or(coalesce(verification, 'unverified') NOT IN ('verified', 'rounding')) THEN 'unverified'
                      WHEN bool_or(verification = 'rounding') THEN 'rounding' ELSE 'verified' END AS verification,
                 NULL::VARCHAR[] AS identities,
                 CASE WHEN bool_or(worst_finding = 'error') THEN 'error' WHEN bool_or(worst_finding = 'warning') THEN 'warning'
                      WHEN bool_or(worst_finding = 'rounding') THEN 'rounding' END AS worst_finding,
                 min(ocr_confidence) AS ocr_confidence, NULL AS ocr_engine, NULL AS ocr_second_reading, NULL AS repaired_amount,
                 NULL::VARCHAR[] AS ocr_flags, true AS summed_over_units
          FROM units GROUP BY doc_id, sha256, table_kind, code, measure`,
  },
  {
    // Per document and functional code, from its department-level tables; a 类 the document does
    // not print is the sum of its 款 (or, without those, its 项) rows, marked derived.
    name: "spending_by_function",
    sql: `WITH items AS (
            SELECT sha256, table_kind, code, measure, amount_yuan, printed_name,
                   left(code, 3) AS class_code,
                   min(length(code)) OVER w AS top_length,
                   bool_or(length(code) = 3) OVER w AS class_printed
            FROM department_line_items
            WHERE code_scheme = 'functional' AND code <> ''
              AND table_kind IN ('expenditure', 'general_by_function', 'gov_fund', 'state_capital')
            WINDOW w AS (PARTITION BY sha256, table_kind, measure, left(code, 3))
          ),
          amounts AS (
            SELECT sha256, table_kind, code, measure, amount_yuan, printed_name, false AS derived FROM items
            UNION ALL
            SELECT sha256, table_kind, class_code, measure, sum(amount_yuan), NULL, true FROM items
            WHERE NOT class_printed AND length(code) = top_length
            GROUP BY sha256, table_kind, class_code, measure
          ),
          grouped AS (
            SELECT sha256, code, min(printed_name) AS printed_name, bool_or(derived) AS derived,
                   sum(amount_yuan) FILTER (table_kind = 'expenditure' AND measure = 'total') AS total_yuan,
                   sum(amount_yuan) FILTER (table_kind = 'expenditure' AND measure = 'basic') AS basic_yuan,
                   sum(amount_yuan) FILTER (table_kind = 'expenditure' AND measure = 'project') AS project_yuan,
                   sum(amount_yuan) FILTER (table_kind = 'general_by_function' AND measure = 'total') AS general_public_yuan,
                   sum(amount_yuan) FILTER (table_kind = 'gov_fund' AND measure = 'total') AS gov_fund_yuan,
                   sum(amount_yuan) FILTER (table_kind = 'state_capital' AND measure = 'total') AS state_capital_yuan
            FROM amounts GROUP BY sha256, code
          )
          SELECT d.doc_id, g.sha256, d.department_id, coalesce(dep.name, d.department) AS department, d.level,
                 d.region_code, d.province, d.city, d.county, d.fiscal_year, d.phase, g.code,
                 CASE length(g.code) WHEN 3 THEN 1 WHEN 5 THEN 2 WHEN 7 THEN 3 END AS code_level,
                 left(g.code, 3) AS class_code,
                 coalesce(c.name, g.printed_name, g.code) AS name, g.printed_name,
                 coalesce(cw.current_code, g.code) AS current_code,
                 coalesce(cur.name, c.name, g.printed_name) AS current_name,
                 g.total_yuan, g.basic_yuan, g.project_yuan, g.general_public_yuan, g.gov_fund_yuan, g.state_capital_yuan,
                 g.derived
          FROM grouped g
          JOIN current_documents d ON d.sha256 = g.sha256
          LEFT JOIN departments dep ON dep.department_id = d.department_id
          ${CODE_NAME_JOIN("c", "'functional'", "g.code", "d.fiscal_year")}
          LEFT JOIN (
            -- One successor per code and year: moves and merges after the row's year (renames keep the code).
            SELECT from_code, year, any_value(current_code) AS current_code FROM code_crosswalk
            WHERE scheme = 'functional' AND change_type IN ('move', 'merge') AND current_code IS NOT NULL
            GROUP BY ALL
          ) cw ON cw.from_code = g.code AND d.fiscal_year < cw.year
          LEFT JOIN (
            SELECT code, arg_max(name, coalesce(valid_to, 9999)) AS name FROM classification_codes
            WHERE scheme = 'functional' GROUP BY code
          ) cur ON cur.code = coalesce(cw.current_code, g.code)`,
  },
  {
    name: "coverage",
    sql: `WITH published AS (
            SELECT sha256, table_kind, count(*) AS tables, bool_and(empty) AS empty, sum(item_count) AS items
            FROM document_tables WHERE table_kind IS NOT NULL GROUP BY ALL
          )
          SELECT d.department_id, coalesce(dep.name, d.department) AS department, d.level, d.province, d.city, d.county,
                 d.fiscal_year, d.phase, k.table_kind, k.name_zh AS table_name, k.sort,
                 bool_or(p.sha256 IS NOT NULL) AS published,
                 coalesce(bool_and(p.empty) FILTER (p.sha256 IS NOT NULL), false) AS published_empty,
                 coalesce(sum(p.items), 0)::BIGINT AS items,
                 list(DISTINCT d.doc_id ORDER BY d.doc_id) AS doc_ids
          FROM documents d
          CROSS JOIN (SELECT * FROM table_kinds WHERE standard) k
          LEFT JOIN published p ON p.sha256 = d.sha256 AND p.table_kind = k.table_kind
          LEFT JOIN departments dep ON dep.department_id = d.department_id
          WHERE d.status = 'ok' AND d.superseded_by IS NULL
          GROUP BY ALL`,
  },
  {
    name: "three_public",
    sql: `SELECT d.doc_id, d.sha256, d.department, d.level, d.province, d.fiscal_year, d.phase,
                 t.total_yuan, t.overseas_yuan, t.vehicle_yuan, t.vehicle_purchase_yuan, t.vehicle_operation_yuan,
                 t.reception_yuan, t.printed_unit, t.page
          FROM fact_three_public t JOIN current_documents d USING (sha256)`,
  },
  {
    name: "projects",
    sql: `SELECT d.doc_id, d.department, d.fiscal_year, d.phase, p.* EXCLUDE (sha256), p.sha256
          FROM fact_projects p JOIN current_documents d USING (sha256)`,
  },
  {
    name: "performance_indicators",
    sql: `SELECT d.doc_id, d.department, d.fiscal_year, d.phase, p.* EXCLUDE (sha256), p.sha256
          FROM fact_performance_indicators p JOIN current_documents d USING (sha256)`,
  },
  {
    name: "document_status",
    sql: `WITH counts AS (
            SELECT sha256, count(*) FILTER (severity = 'error') AS errors,
                   count(*) FILTER (severity = 'warning') AS warnings,
                   count(*) FILTER (severity = 'rounding') AS roundings
            FROM validation_findings GROUP BY sha256
          )
          SELECT d.doc_id, d.sha256, d.department, d.level, d.province, d.fiscal_year, d.phase, d.status, d.error,
                 d.page_count, d.table_count, d.item_count, d.validated,
                 coalesce(c.errors, 0) AS findings_error, coalesce(c.warnings, 0) AS findings_warning,
                 coalesce(c.roundings, 0) AS findings_rounding,
                 CASE WHEN d.status = 'failed' THEN 'failed'
                      WHEN NOT d.validated THEN 'unchecked'
                      WHEN c.errors > 0 THEN 'errors' WHEN c.warnings > 0 THEN 'warnings'
                      WHEN c.roundings > 0 THEN 'rounding' ELSE 'ok' END AS validation_status,
                 d.url, d.fetched_at, d.loaded_at, d.run_id, d.code_version
          FROM documents d LEFT JOIN counts c USING (sha256)
          WHERE d.superseded_by IS NULL`,
  },
];

export const VIEW_NAMES = VIEWS.map((v) => v.name);

/** (Re)creates every view in one transaction: a writer calls this on each open. */
export async function installViews(wh: Warehouse): Promise<void> {
  await wh.query("BEGIN TRANSACTION");
  try {
    for (const v of VIEWS) await wh.query(`CREATE OR REPLACE VIEW ${v.name} AS ${v.sql}`);
    await wh.query("COMMIT");
  } catch (e) {
    await wh.query("ROLLBACK").catch(() => {});
    throw e;
  }
}
