// A 绩效目标表 indicator, per project or for the department as a whole.
import { z } from "zod";
import { BBox } from "../../extract/table-ir.ts";

export const PerformanceIndicator = z.object({
  /** The project's name, or "department" for a 部门整体绩效目标表; null where the table names none. */
  subject: z.string().min(1).nullable(),
  level1: z.string().min(1).nullable(),
  level2: z.string().min(1).nullable(),
  level3: z.string().min(1),
  value: z.string().min(1).nullable(),
  page: z.number().int().positive(),
  bbox: BBox,
});
export type PerformanceIndicator = z.infer<typeof PerformanceIndicator>;
