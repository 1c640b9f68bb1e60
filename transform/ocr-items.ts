// Marks line items whose amount was read by OCR with that cell's confidence, found by
// the item's provenance (page and bbox of the amount cell). Pure; other items unchanged.
import type { RecognisedTable } from "./recognise-tables.ts";

export function markOcrItems<T extends { page: number; bbox: readonly number[] }>(items: T[], tables: RecognisedTable[]): Array<T & { ocrConfidence?: number }> {
  const ocr = tables.filter((t) => t.table.method === "ocr");
  if (ocr.length === 0) return items;
  const byCell = new Map<string, number>();
  for (const t of ocr) for (const c of t.table.cells) byCell.set(`${c.page}|${c.bbox.join(",")}`, c.confidence ?? 0);
  return items.map((i) => {
    const conf = byCell.get(`${i.page}|${i.bbox.join(",")}`);
    return conf === undefined ? i : { ...i, ocrConfidence: conf };
  });
}
