// The data dictionary of the exported datasets: what every column means, and its Fiscal
// Data Package column type where it has one. export writes it as datapackage.json field
// descriptions and as data-dictionary.md; docs/warehouse.md says the same at more length.

export interface ColumnDoc {
  description: string;
  /** Fiscal Data Package columnType (fiscal.frictionlessdata.io), where the column is one. */
  columnType?: string;
}

export interface DatasetDoc {
  /** The warehouse view the dataset is exported from. */
  view: string;
  /** Columns computed on export, after the view's own (SQL expressions by name). */
  derived?: Record<string, string>;
  title: string;
  description: string;
  columns: Record<string, ColumnDoc>;
}

const common: Record<string, ColumnDoc> = {
  doc_id: { description: "document id: the file name without extension (crawler: its own id)" },
  sha256: { description: "sha256 of the document's bytes: the document version" },
  department: { description: "预算主管部门 as printed on the document (NULL in line_items for unit-level documents)", columnType: "administrative-classification:generic:level1:label" },
  department_id: { description: "stable id of the department or unit: hash of region code and name", columnType: "administrative-classification:generic:level1:code" },
  unit: { description: "预算单位, for unit-level documents (单位预算/决算)", columnType: "administrative-classification:generic:level2:label" },
  level: { description: "department or unit: the level the document reports" },
  region: { description: "province, city and county named by the document, joined" },
  region_code: { description: "GB/T 2260 administrative division code (6 digits) of the most specific level known" },
  province: { description: "province (省级) name, e.g. 上海市", columnType: "geo-source:province:label" },
  city: { description: "city (地级) name" },
  county: { description: "county / district (县级) name" },
  fiscal_year: { description: "fiscal year the document reports", columnType: "date:fiscal-year" },
  phase: { description: "budget (部门预算, approved) or final (部门决算, executed)", columnType: "phase:id" },
};

const yuan = (what: string): ColumnDoc => ({ description: `${what}, in yuan (元), exact decimal`, columnType: "value" });

/** What the data dictionary says before the columns: how the numbers add up, and how to read the files. */
export const READING_NOTES = [
  "## How not to count a number twice",
  "",
  "- **Levels.** A functional code has three levels: 类 (3 digits), 款 (5), 项 (7); a 类 row is the sum of its 款 rows, a 款 row of its 项 rows. Sum one level only (`code_level = 1`), never all rows of a table.",
  "- **Tables.** The same number is printed in several tables: a 类 of the 支出总表 (`expenditure`, all funds) again in the 一般公共预算支出表 (`general_by_function`, general public budget only) and the 财政拨款收支总表. Pick one `table_kind` (or use `spending_by_function`, which keeps them in separate columns).",
  "- **Units.** A department's document may print its tables again for each of its units (`scope = 'unit'`, `budget_unit` names it); those numbers are already inside the department's. A department table may also be split into sections per unit (`scope = 'department'`, `budget_unit` set): a code printed only there is the sum over the units. Use `department_level = true` (or the `department_line_items` view in the warehouse, which adds those sums as `summed_over_units`), one row per document × table × code × measure.",
  "- **Verification.** `verification` says how far each number was checked by the document's own accounting identities: `verified` (in an identity that holds exactly), `rounding` (only within the rounding of the printed digits), `unverified` (in no identity that could be checked: not wrong, not confirmed), `error` (in an identity that fails), `repaired` (an OCR reading replaced by the value its identities pin; `printed_amount` keeps what was read). `identities` lists the rules it took part in.",
  "- **Documents.** A unit may publish its own document (`level = 'unit'`) besides its department's: do not add a unit's document to its department's.",
  "- **Derived rows.** In `spending_by_function`, `derived = true` marks a 类 the document does not print, summed from its 款 or 项: do not add it to those rows.",
  "",
  "## Reading the files",
  "",
  "- Codes (`code`, `class_code`, `functional_l1` …) are text: `036` and `2080505` are labels, not numbers. The CSV quotes every text column; still tell your tool: `pandas.read_csv(path, dtype={'code': str, 'class_code': str}, keep_default_na=False, na_values=[''])`, `polars.read_csv(path, schema_overrides={'code': pl.Utf8})`, `read_csv(path, types = {'code': 'VARCHAR'})` in DuckDB. `datapackage.json` types every column, and Frictionless tools read it.",
  "- The CSV files are UTF-8 with a byte order mark, so Excel opens them with the Chinese text intact (Data → From Text keeps codes as text if you set those columns to Text).",
  "- Amounts (`*_yuan`) are exact decimals in yuan; `printed_amount` and `printed_unit` keep what the document printed.",
  "",
];

export const DATASETS: readonly DatasetDoc[] = [
  {
    view: "line_items",
    title: "Line items",
    description: "Every number of every standard table of the current version of each document, with its classification code, measure, amount in yuan and where it was printed.",
    columns: {
      ...pick(common, ["doc_id", "sha256", "department", "unit", "department_id", "level", "region", "region_code", "province", "fiscal_year", "phase"]),
      table_kind: { description: "standard table the number comes from (summary, expenditure, general_by_function, basic_by_economic, three_public, gov_fund …)" },
      fund: { description: "fund the table reports: all_funds, fiscal (财政拨款), general_public (一般公共预算), gov_fund (政府性基金), state_capital (国有资本经营)" },
      scope: { description: "department: a table of the document's own (a department's, or a unit's in a unit's document); unit: a unit's own table (单位预算表) printed in a department's document — its numbers are already in the department's tables" },
      budget_unit: { description: "the budget unit (预算单位) the number is for, as printed: a unit's own table, or a unit's section of a department table; NULL where the number is the whole document's" },
      code: { description: "classification code as printed, digits only (类 3, 款 5, 项 7 digits); empty for totals. Text, not a number: read it as a string" },
      code_scheme: { description: "functional (支出功能分类), economic (部门预算支出经济分类) or government_economic (政府预算支出经济分类) for codes; NULL for totals and tables without codes" },
      code_level: { description: "1 = 类, 2 = 款, 3 = 项" },
      canonical_name: { description: "the code's name valid in fiscal_year from the reference data; the printed name where the code is not listed" },
      printed_name: { description: "row name as printed, wrapped lines joined" },
      measure: { description: "column: total, basic, project, personnel, public, income_total, expenditure_total, overseas, vehicle, reception …" },
      amount_yuan: yuan("the amount"),
      printed_amount: { description: "the number as printed (separators removed, not scaled)" },
      printed_unit: { description: "unit printed with the table (or else the document): 元 or 万元; NULL where neither prints one — amount_yuan is then NULL" },
      measure_label: { description: "the column's header path as printed (基本支出/人员经费), for every measure" },
      table_index: { description: "position of the table in its document (document_tables.table_index)" },
      normalised_code: { description: "the standard code: the printed one, or the one a damaged or local code was repaired to (code_status says which)" },
      code_status: { description: "standard, name_differs (known code, printed under another name), unknown (not in the reference), repaired, from_name (no code printed; derived from the name)" },
      page: { description: "page (1-based) the number is printed on" },
      item_index: { description: "position of the item in its document (provenance key with sha256)" },
      department_level: { description: "true for the department's own number: a department-level table (not a unit's), outside any unit's section, the first of its document × table × code × measure. Sum only these" },
      verification: { description: "how far the number was checked: verified, rounding, unverified, error or repaired (see “Verification” above)" },
      identities: { description: "the identities (rule names) the number took part in, each once; '; '-joined outside Parquet" },
      worst_finding: { description: "error, warning or rounding: the worst validation finding naming this number; NULL where none does (which alone does not mean verified)" },
      ocr_confidence: { description: "OCR-read numbers only: the amount cell's confidence, 0–1" },
      ocr_engine: { description: "OCR-read numbers only: paddle (PaddleOCR PP-OCRv4) or tesseract" },
      ocr_second_reading: { description: "OCR-read numbers only: the second engine's different reading" },
      repaired_amount: { description: "OCR-read numbers only: the value the identities pin, where it differs from the reading (verification = repaired)" },
      ocr_flags: { description: "OCR-read numbers only: why it needs a look — low_confidence, engines_disagree, repaired, identity_failed, decimals_lost" },
      functional_l1: { description: "export only: functional 类 of a functional code", columnType: "functional-classification:generic:level1:code" },
      functional_l2: { description: "export only: functional 款 (5 digits)", columnType: "functional-classification:generic:level2:code" },
      functional_l3: { description: "export only: functional 项 (7 digits)", columnType: "functional-classification:generic:level3:code" },
      economic_l1: { description: "export only: economic 类 of an economic code", columnType: "economic-classification:generic:level1:code" },
      economic_l2: { description: "export only: economic 款 (5 digits)", columnType: "economic-classification:generic:level2:code" },
    },
    derived: {
      functional_l1: "CASE WHEN code_scheme = 'functional' THEN left(code, 3) END",
      functional_l2: "CASE WHEN code_scheme = 'functional' AND length(code) >= 5 THEN left(code, 5) END",
      functional_l3: "CASE WHEN code_scheme = 'functional' AND length(code) = 7 THEN code END",
      economic_l1: "CASE WHEN code_scheme = 'economic' THEN left(code, 3) END",
      economic_l2: "CASE WHEN code_scheme = 'economic' AND length(code) >= 5 THEN left(code, 5) END",
    },
  },
  {
    view: "spending_by_function",
    title: "Spending by functional classification",
    description: "One row per current document × functional code (类, 款, 项), from the department's own tables; a 类 the document does not print is summed from its 款 (or 项) rows and marked derived.",
    columns: {
      ...pick(common, ["doc_id", "sha256", "department_id", "department", "level", "region_code", "province", "city", "county", "fiscal_year", "phase"]),
      code: { description: "functional code (3, 5 or 7 digits)", columnType: "functional-classification:generic:code" },
      code_level: { description: "1 = 类, 2 = 款, 3 = 项", columnType: "functional-classification:generic:level" },
      class_code: { description: "the 类 (first 3 digits)", columnType: "functional-classification:generic:level1:code" },
      name: { description: "the code's name valid in fiscal_year (reference data; printed name where not listed)", columnType: "functional-classification:generic:label" },
      printed_name: { description: "the name as printed" },
      current_code: { description: "the code in use in the latest year, through the crosswalk (moves and merges); the code itself otherwise" },
      current_name: { description: "the current code's latest name" },
      total_yuan: yuan("支出总表 total (all funds)"),
      basic_yuan: yuan("支出总表 基本支出"),
      project_yuan: yuan("支出总表 项目支出"),
      general_public_yuan: yuan("一般公共预算 table total"),
      gov_fund_yuan: yuan("政府性基金 table total"),
      state_capital_yuan: yuan("国有资本经营 table total"),
      derived: { description: "true when the document prints no row for this 类: its amounts are the sums of its 款 (or, without those, 项) rows" },
    },
  },
  {
    view: "coverage",
    title: "Coverage of the standard tables",
    description: "Which standard tables each department published for each year and phase (one row per department × year × phase × standard table kind).",
    columns: {
      ...pick(common, ["department_id", "department", "level", "province", "city", "county", "fiscal_year", "phase"]),
      table_kind: { description: "standard table kind" },
      table_name: { description: "its usual Chinese title" },
      sort: { description: "display order of the table kind" },
      published: { description: "true when the document prints the table" },
      published_empty: { description: "true when it prints the table empty (本表无数据 …)" },
      items: { description: "line items read from it" },
      doc_ids: { description: "documents of the department, year and phase, separated by '; '" },
    },
  },
  {
    view: "document_status",
    title: "Documents",
    description: "Every current document (failed ones included): where it came from, what it is, how it loaded and validated.",
    columns: {
      ...pick(common, ["doc_id", "sha256", "department", "level", "province", "fiscal_year", "phase"]),
      status: { description: "ok, or failed (could not be read; see error)" },
      error: { description: "why it failed" },
      page_count: { description: "pages" },
      table_count: { description: "tables recognised" },
      item_count: { description: "line items loaded" },
      validated: { description: "true when validation ran on it" },
      findings_error: { description: "validation findings of severity error" },
      findings_warning: { description: "validation findings of severity warning" },
      findings_rounding: { description: "validation findings that are differences within rounding of the printed digits" },
      validation_status: { description: "failed, unchecked, errors, warnings, rounding (only rounding differences) or ok" },
      url: { description: "where it was fetched from" },
      fetched_at: { description: "when it was fetched" },
      loaded_at: { description: "when it was last loaded" },
      run_id: { description: "the run that last loaded it" },
      code_version: { description: "the code version that loaded it (package version + git commit)" },
    },
  },
];

function pick<T>(o: Record<string, T>, keys: string[]): Record<string, T> {
  return Object.fromEntries(keys.map((k) => [k, o[k]!]));
}
