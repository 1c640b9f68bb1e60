// Repairs applied to OCR-derived numbers: where the validator found exactly one cell
// explaining a failed identity, an OCR-read amount takes the repaired value (a misread
// digit), flagged as repaired with the printed (read) value kept. Text-layer numbers are
// never changed: there the document printed what it printed. Figures that lost their decimal
// point are repaired after (decimal-repair.ts).
import type { FindingInput as Finding } from "../contract/index.ts";
import type { DraftLineItem as LineItem } from "../table-line-items.ts";
import { repairLostDecimals } from "./decimal-repair.ts";

const cellKey = (page: number | null, bbox: readonly number[] | null) => `${page}|${bbox?.join(",") ?? ""}`;

export function applyOcrRepairs<T extends LineItem>(items: T[], findings: Finding[]): T[] {
  const repairs = new Map<string, string>();
  for (const f of findings) if (f.repair && f.repair.cell.table !== "narrative") repairs.set(cellKey(f.repair.cell.page, f.repair.cell.bbox), f.repair.proposed);
  const repaired = !repairs.size ? items : items.map((i): T => {
    if (i.ocrConfidence === undefined) return i;
    const proposed = repairs.get(cellKey(i.page, i.bbox));
    return proposed === undefined || proposed === i.amount ? i : { ...i, repairedAmount: proposed };
  });
  // Then figures whose decimal point was lost, by the decimals of their column (OCR items only too).
  return repairLostDecimals(repaired);
}
