// A row of a 项目支出预算表: a project, or a department's / unit's subtotal, with its amounts by fund source.
import { z } from "zod";
import { BBox } from "../../extract/table-ir.ts";
import { AmountUnit } from "./table-kind.ts";

export const ProjectItem = z.object({
  /** total: the table's 合计; subtotal: a department's or unit's row; project: a project. */
  level: z.enum(["total", "subtotal", "project"]),
  unitCode: z.string().nullable(),
  /** As printed; null where the row prints no name (a row of figures only). */
  name: z.string().min(1).nullable(),
  /** 其他运转类 / 特定目标类 …, as printed. */
  type: z.string().nullable(),
  /** The amount column's header path (合计 → "total"). */
  measure: z.string().min(1),
  amount: z.string().regex(/^-?\d+(\.\d+)?$/),
  /** null where neither the table nor the document states a unit. */
  unit: AmountUnit.nullable(),
  page: z.number().int().positive(),
  bbox: BBox,
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
});
export type ProjectItem = z.infer<typeof ProjectItem>;
