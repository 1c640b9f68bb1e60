// The extended expectation files (samples/expected/<doc_id>.json): every printed table that the golden
// CSV does not hold (other kinds, empty tables, unit-level tables), as a correct parser reads it.
// Shared by the generator and test/samples-golden.test.ts.
import { z } from "zod";

/** Amount as printed, thousands separators and OCR spaces removed, not scaled; "-" → "0". */
const Amount = z.string().regex(/^-?\d+(\.\d+)?$/);
/** Measure → amount. Measure: the golden measure where the table kind has one for the column, else the printed header path joined with "/". */
export const Amounts = z.record(z.string().min(1), Amount);

export const CodedRow = z.object({
  /** Digits only, split 类/款/项 joined; "" on total rows. */
  code: z.string().regex(/^\d*$/),
  code_type: z.enum(["functional", "economic", "unit", ""]),
  name: z.string().min(1),
  /** economic_summary: the 政府预算经济分类 code and name printed beside the department one. */
  gov_code: z.string().regex(/^\d+$/).optional(),
  gov_name: z.string().min(1).optional(),
  amounts: Amounts,
});

export const PanelRow = z.object({
  side: z.enum(["income", "expenditure"]),
  /** Header path of the panel's label column, joined with "/". */
  panel: z.string().min(1),
  name: z.string().min(1),
  amounts: Amounts,
});

export const ProjectRow = z.object({
  row_type: z.enum(["total", "unit", "project"]),
  /** The unit code printed on the row ("" when the row prints none). */
  unit_code: z.string().regex(/^\d*$/),
  /** The unit name printed on the row (项目单位 column, or the unit row's name); "" when none. */
  unit_name: z.string(),
  /** Project name; the unit's name on unit rows; 合计 on the total row. */
  name: z.string().min(1),
  /** 项目类型 as printed (其他运转类 / 特定目标类), null when the table has no such column or the row none. */
  type: z.string().nullable(),
  amounts: Amounts,
});

export const PerformanceRow = z.object({
  /** Project name, or "department" for a 部门整体绩效目标表. */
  project: z.string().min(1),
  project_code: z.string().regex(/^\d+$/).nullable(),
  unit_code: z.string().regex(/^\d+$/).nullable(),
  level1: z.string().min(1),
  /** null where the table has no 二级指标 column (or prints none for the row). */
  level2: z.string().nullable(),
  level3: z.string().min(1),
  /** 指标值 as printed (e.g. ≥95%, ≤500元/天). */
  value: z.string().min(1),
  /** The value's unit where printed in a column of its own (计量单位); null otherwise. */
  value_unit: z.string().nullable(),
});

export const ExtKind = z.enum([
  "summary", "income", "expenditure", "fiscal_summary", "general_by_function", "basic_by_economic",
  "gov_fund", "state_capital", "three_public", "project", "economic_summary", "operating_costs",
  "procurement", "performance",
]);

const TableBase = {
  kind: ExtKind,
  /** Title as printed (without the label). */
  title: z.string().min(1),
  /** Label printed above the title (预算02表), null when none. */
  label: z.string().nullable(),
  unit: z.enum(["元", "万元"]),
  scope: z.enum(["department", "unit"]),
  unit_code: z.string().regex(/^\d+$/).nullable(),
  unit_name: z.string().nullable(),
  /** The table prints no amount at all (an empty table, usually with a note). */
  empty: z.boolean(),
  note: z.string().nullable(),
};

export const ExtTable = z.discriminatedUnion("row_format", [
  z.object({ ...TableBase, row_format: z.literal("coded"), rows: z.array(CodedRow) }),
  z.object({ ...TableBase, row_format: z.literal("panels"), rows: z.array(PanelRow) }),
  z.object({ ...TableBase, row_format: z.literal("project"), rows: z.array(ProjectRow) }),
  z.object({ ...TableBase, row_format: z.literal("performance"), rows: z.array(PerformanceRow) }),
]);

export const ExpectedFile = z.object({
  doc_id: z.string().min(1),
  /** Every printed table's kind in page order (golden ones included; null = not a standard table). */
  printed: z.array(z.object({ kind: ExtKind.nullable(), title: z.string(), in: z.enum(["golden", "expected", "none"]) })),
  tables: z.array(ExtTable),
}).strict();

export type CodedRow = z.infer<typeof CodedRow>;
export type PanelRow = z.infer<typeof PanelRow>;
export type ProjectRow = z.infer<typeof ProjectRow>;
export type PerformanceRow = z.infer<typeof PerformanceRow>;
export type ExtKind = z.infer<typeof ExtKind>;
export type ExtTable = z.infer<typeof ExtTable>;
export type ExpectedFile = z.infer<typeof ExpectedFile>;
