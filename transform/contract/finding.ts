// A validation finding: which rule, how bad, what was expected and found, and the cells
// involved (page and bbox, and the line items they are), so a reader can look at the page.
import { z } from "zod";
import { BBox } from "../../extract/table-ir.ts";

export const FindingCell = z.object({
  /** Table kind, or "narrative" for a figure in the text. */
  table: z.string(),
  label: z.string(),
  /** The row's classification code, where it prints one. */
  code: z.string().optional(),
  measure: z.string().optional(),
  printed: z.string(),
  unit: z.string(),
  page: z.number().int().positive().nullable(),
  bbox: BBox.nullable(),
});
export type FindingCell = z.infer<typeof FindingCell>;

/** error: printed numbers that disagree; rounding: within the rounding of the printed digits; warning: text problems. */
export const Severity = z.enum(["error", "rounding", "warning"]);
export type Severity = z.infer<typeof Severity>;

export const Repair = z.object({
  cell: FindingCell,
  /** The value that restores every identity the cell is in, in the cell's unit. */
  proposed: z.string(),
});
export type Repair = z.infer<typeof Repair>;

export const Finding = z.object({
  rule: z.string().min(1),
  severity: Severity,
  message: z.string(),
  /** In the unit of the first cell, as printed would read. */
  expected: z.string().nullable(),
  actual: z.string().nullable(),
  cells: z.array(FindingCell),
  repair: Repair.optional(),
  /** The table kind, code and measure of the identity's total (the first cell), where it is a table cell. */
  tableKind: z.string().nullable().default(null),
  code: z.string().nullable().default(null),
  measure: z.string().nullable().default(null),
  /** Indices (in the document's items) of the line items the finding's cells are. */
  items: z.array(z.number().int().nonnegative()).default([]),
});
export type Finding = z.infer<typeof Finding>;
export type FindingInput = z.input<typeof Finding>;
