// A line item: one number of one standard table, with its provenance and how far it was checked.
import { z } from "zod";
import { BBox } from "../../extract/table-ir.ts";
import { AmountUnit, TableKind } from "./table-kind.ts";
import { Measure } from "./measure.ts";
import { Verification } from "./verification.ts";

const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

export const LineItem = z.object({
  table: TableKind,
  /** Index of the table in the document's `tables`. */
  tableIndex: z.number().int().nonnegative(),
  /** Classification code, digits only; "" for totals. */
  code: z.string().regex(/^\d*$/),
  /** Name as printed, wrapped lines joined. */
  name: z.string(),
  /** The column's meaning; `other` for a column outside the vocabulary. */
  measure: Measure,
  /** The column's header path as printed (基本支出/人员经费), for every measure. */
  measureLabel: z.string(),
  /** The number as printed, thousands separators removed, no unit scaling ("-" becomes "0"). */
  amount: Decimal,
  /** The unit the table (or else the document) states; null where neither states one (the amount in 元 is then unknown). */
  unit: AmountUnit.nullable(),
  /** Provenance: page and bbox of the amount cell, and its grid position in the source table. */
  page: z.number().int().positive(),
  bbox: BBox,
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
  // Normalisation (transform/normalise-codes.ts); `code` and `name` stay as printed.
  /** Which classification the code belongs to. */
  classification: z.enum(["functional", "department", "government"]).optional(),
  /** The standard code: the printed one, or the one a damaged code was repaired to. */
  normalisedCode: z.string().regex(/^\d*$/).optional(),
  /**
   * standard: known that year with this name; name_differs: known, printed under another name;
   * unknown: not in the reference; repaired: damaged or local, repaired from name and hierarchy;
   * from_name: no code printed, derived from the name (“…（类）…（款）…（项）”, or a unique name under its parent).
   */
  codeStatus: z.enum(["standard", "name_differs", "unknown", "repaired", "from_name"]).optional(),
  /** The name valid in the fiscal year for the normalised code (completes truncated names). */
  canonicalName: z.string().optional(),
  /** The document's own table (a department's, or a unit's in a unit's document), or a unit's own table printed in a department's document (its numbers are in the department's too). */
  scope: z.enum(["department", "unit"]),
  /** The budget unit the number is for, as printed: a unit's table, or a unit's section of a department table; null where the number is the whole document's. */
  budgetUnit: z.string().min(1).nullable(),
  /** Set only on amounts read by OCR: the amount cell's confidence, 0–1. */
  ocrConfidence: z.number().min(0).max(1).optional(),
  /** For an OCR-read amount that broke its identities: the value that restores them; `amount` keeps what was read. */
  repairedAmount: Decimal.optional(),
  verification: Verification,
  /** The identities (rule names) the number took part in, each once. */
  identities: z.array(z.string()),
  /** Set only on amounts read by OCR: the engine that read the cell (paddle = PaddleOCR PP-OCRv4, tesseract = Tesseract chi_sim). */
  ocrEngine: z.enum(["paddle", "tesseract"]).optional(),
  /** OCR amounts the two engines read differently: the second engine's reading, as an amount. */
  ocrSecondReading: Decimal.optional(),
  /**
   * OCR amounts only: why this number needs a look (empty: none). low_confidence: the engine
   * doubted it; engines_disagree: the second reading differs; repaired: written repaired
   * (repairedAmount); identity_failed: an identity it is part of fails and no repair was made;
   * decimals_lost: printed without the decimals the rest of its column prints (a lost point, not shifted without the identities).
   */
  ocrFlags: z.array(z.enum(["low_confidence", "engines_disagree", "repaired", "identity_failed", "decimals_lost"])).optional(),
});
export type LineItem = z.infer<typeof LineItem>;
