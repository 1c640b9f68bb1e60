// Line items in the golden CSV format (table,code,name,measure,amount); with flags, the OCR
// columns follow the golden ones (the golden five unchanged, so the scorer reads either).
import type { LineItem } from "./contract/index.ts";

const field = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const GOLDEN_HEADER = "table,code,name,measure,amount";

/** The golden format's measure: the canonical one, or the printed header of a column outside the vocabulary. */
export const goldenMeasure = (i: Pick<LineItem, "measure" | "measureLabel">) => (i.measure === "other" ? i.measureLabel : i.measure);

/**
 * After the golden columns with `withFlags`: the amount as read, the repaired amount, the OCR
 * engine, its confidence, the second engine's reading, and the flags (`;`-separated); all
 * empty for numbers read from a text layer or a spreadsheet.
 */
export const FLAG_COLUMNS = ["amount_read", "repaired_amount", "ocr_engine", "ocr_confidence", "ocr_second_reading", "ocr_flags"] as const;

type CsvItem = Pick<LineItem, "table" | "code" | "name" | "measure" | "measureLabel" | "amount" | "repairedAmount" | "ocrConfidence" | "ocrEngine" | "ocrSecondReading" | "ocrFlags">;

export function toGoldenCsv(items: CsvItem[], o: { withFlags?: boolean } = {}): string {
  const header = o.withFlags ? [GOLDEN_HEADER, ...FLAG_COLUMNS].join(",") : GOLDEN_HEADER;
  // An OCR-read amount repaired by the identities is written repaired (the read value stays in the extract).
  const rows = items.map((i) => {
    const golden = [i.table, i.code, i.name, goldenMeasure(i), i.repairedAmount ?? i.amount];
    const ocr = i.ocrConfidence !== undefined;
    const flags = o.withFlags ? [ocr ? i.amount : "", i.repairedAmount ?? "", i.ocrEngine ?? "", ocr ? String(i.ocrConfidence) : "", i.ocrSecondReading ?? "", (i.ocrFlags ?? []).join(";")] : [];
    return [...golden, ...flags].map(field).join(",");
  });
  return [header, ...rows].join("\n") + "\n";
}
