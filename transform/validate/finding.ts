// A validation finding: which rule, how bad, what was expected and found, and
// the cells involved (page and bbox), so a reader can look at the page.
import { z } from "zod";
import { BBox } from "../../extract/table-ir.ts";

export const FindingCell = z.object({
  /** Table kind, or "narrative" for a figure in the text. */
  table: z.string(),
  label: z.string(),
  measure: z.string().optional(),
  printed: z.string(),
  unit: z.string(),
  page: z.number().int().positive().nullable(),
  bbox: BBox.nullable(),
});
export type FindingCell = z.infer<typeof FindingCell>;

export const Severity = z.enum(["error", "rounding", "warning"]);
export type Severity = z.infer<typeof Severity>;

export const Repair = z.object({
  cell: FindingCell,
  /** The value that restores every identity the cell is in, in the cell's unit. */
  proposed: z.string(),
});
export type Repair = z.infer<typeof Repair>;

export const Finding = z.object({
  rule: z.string(),
  severity: Severity,
  message: z.string(),
  /** In the unit of the first cell, as printed would read. */
  expected: z.string().nullable(),
  actual: z.string().nullable(),
  cells: z.array(FindingCell),
  repair: Repair.optional(),
});
export type Finding = z.infer<typeof Finding>;
