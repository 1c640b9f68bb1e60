// Marks line items whose amount was read by OCR with what the reading says about that cell —
// its confidence, the engine, the second engine's reading where the two differ — found by the
// item's provenance (page and bbox of the amount cell). Pure; other items unchanged.
import type { RecognisedTable } from "./recognise-tables.ts";
import { figureValue } from "../extract/ocr/second-reading.ts";

export interface OcrMarks { ocrConfidence?: number; ocrEngine?: "paddle" | "tesseract"; ocrSecondReading?: string }

export function markOcrItems<T extends { page: number; bbox: readonly number[] }>(items: T[], tables: RecognisedTable[]): Array<T & OcrMarks> {
  const ocr = tables.filter((t) => t.table.method === "ocr");
  if (ocr.length === 0) return items;
  const byCell = new Map<string, OcrMarks>();
  for (const { table: t } of ocr) for (const c of t.cells) {
    const second = c.secondReading === undefined ? null : figureValue(c.secondReading);
    byCell.set(`${c.page}|${c.bbox.join(",")}`, { ocrConfidence: c.confidence ?? 0, ...(t.engine ? { ocrEngine: t.engine } : {}), ...(second !== null ? { ocrSecondReading: second } : {}) });
  }
  return items.map((i) => {
    const marks = byCell.get(`${i.page}|${i.bbox.join(",")}`);
    return marks === undefined ? i : { ...i, ...marks };
  });
}
