// Line items in the golden CSV format (table,code,name,measure,amount).
import type { LineItem } from "./line-item.ts";

const field = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export const GOLDEN_HEADER = "table,code,name,measure,amount";

export function toGoldenCsv(items: LineItem[]): string {
  // An OCR-read amount repaired by the identities is written repaired (the read value stays in the extract).
  return [GOLDEN_HEADER, ...items.map((i) => [i.table, i.code, i.name, i.measure, i.repairedAmount ?? i.amount].map(field).join(","))].join("\n") + "\n";
}
