// A table of a document as the transform recognised it (its grid stays in the Table IR).
import { z } from "zod";
import { TableMethod } from "../../extract/table-ir.ts";
import { AmountUnit, TableKind } from "./table-kind.ts";

export const DocumentTable = z.object({
  /** null: not a standard table. */
  kind: TableKind.nullable(),
  title: z.string(),
  /** The unit the table states; null where it states none (its items take the document's). */
  unit: AmountUnit.nullable(),
  pages: z.array(z.number().int().positive()).min(1),
  method: TableMethod,
  /** The OCR engine that read the table (method ocr); null for every other reading. */
  engine: z.enum(["paddle", "tesseract"]).nullable(),
  nRows: z.number().int().nonnegative(),
  nCols: z.number().int().nonnegative(),
  /** Flattened header path per column. */
  headers: z.array(z.string()),
  /** Published with nothing in its body but 合计 labels or a 本表为空 note. */
  empty: z.boolean(),
  scope: z.enum(["department", "unit"]),
  /** The budget unit a unit-level table is for, as printed. */
  unitName: z.string().min(1).nullable(),
  /** Notes printed with the table (本表为空表 …). */
  notes: z.array(z.string()),
});
export type DocumentTable = z.infer<typeof DocumentTable>;
