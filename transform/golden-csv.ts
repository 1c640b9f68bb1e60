// Line items in the golden CSV format (table,code,name,measure,amount).
import type { LineItem } from "./contract/index.ts";

const field = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const GOLDEN_HEADER = "table,code,name,measure,amount";

/** The golden format's measure: the canonical one, or the printed header of a column outside the vocabulary. */
export const goldenMeasure = (i: Pick<LineItem, "measure" | "measureLabel">) => (i.measure === "other" ? i.measureLabel : i.measure);

export function toGoldenCsv(items: Array<Pick<LineItem, "table" | "code" | "name" | "measure" | "measureLabel" | "amount" | "repairedAmount">>): string {
  // An OCR-read amount repaired by the identities is written repaired (the read value stays in the extract).
  return [GOLDEN_HEADER, ...items.map((i) => [i.table, i.code, i.name, goldenMeasure(i), i.repairedAmount ?? i.amount].map(field).join(","))].join("\n") + "\n";
}
