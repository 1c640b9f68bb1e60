// What a sample document is made of: printed tables (cells as printed) and the golden rows they imply.
import type { CodedRow, ExtKind, PanelRow, PerformanceRow, ProjectRow } from "./expected-schema.ts";

export const GOLDEN_MEASURES = {
  summary: ["income_total", "expenditure_total"],
  expenditure: ["total", "basic", "project"],
  general_by_function: ["total", "basic", "project"],
  basic_by_economic: ["total", "personnel", "public"],
  three_public: ["total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"],
} as const;
export type GoldenKind = keyof typeof GOLDEN_MEASURES;
export type Measure = (typeof GOLDEN_MEASURES)[GoldenKind][number];

export interface GoldenRow { table: GoldenKind; code: string; name: string; measure: Measure; amount: string }

/** One printed table column: its header path (top to bottom; equal prefixes of neighbours merge). */
export interface Column { path: string[]; width: number; align: "left" | "center" | "right" }

export type Ruling = "grid" | "none" | "three-line";

/** What the extended expectation file says of a printed table (title, label, unit, note come from the table). */
export type ExtSpec = {
  kind: ExtKind;
  scope?: "department" | "unit";
  unitCode?: string;
  unitName?: string;
} & (
  | { row_format: "coded"; rows: CodedRow[] }
  | { row_format: "panels"; rows: PanelRow[] }
  | { row_format: "project"; rows: ProjectRow[] }
  | { row_format: "performance"; rows: PerformanceRow[] }
);

export interface PrintedTable {
  /** Optional label above the title, e.g. 预算03表. */
  label?: string;
  title: string;
  org: string;
  unit: "万元" | "元";
  columns: Column[];
  /** Extra header row under the column paths (e.g. the 栏次 row: 栏次 | 1 | 2 …). */
  headerFooter?: string[];
  /** Body cells as printed; "\n" inside a cell is a wrapped line. */
  body: string[][];
  note?: string;
  landscape?: boolean;
  golden: GoldenRow[];
  /** The table in the extended expectation file (tables of other kinds, empty or unit-level tables). */
  ext?: ExtSpec;
}

export interface SampleDoc {
  docId: string;
  department: string;
  fiscalYear: number;
  unit: "万元" | "元";
  ruling: Ruling;
  /** Title page: first line is the heading, the rest paragraphs. */
  cover: string[];
  tables: PrintedTable[];
  notes: string;
  /** The department code as printed (e.g. 036), and the budget units the document prints. */
  departmentCode?: string;
  units?: { code: string; name: string }[];
}
