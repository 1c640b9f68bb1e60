// OCR amounts whose decimal point was lost (160.75 read 16075, 0.09 read 009): in a column
// whose other OCR figures all print the same number of decimals, a figure printed without
// any takes that many, as a repair — flagged (repairedAmount), the value read kept in
// `amount`. Identity repair comes first: where the identities named a value, that one stands.
import type { DraftLineItem as LineItem } from "../table-line-items.ts";

export interface DecimalRepairOptions {
  /** Share of a column's other OCR figures that must print the same decimals. */
  minShare: number;
  /** Figures a column must have besides the one repaired. */
  minOthers: number;
}
export const DEFAULT_DECIMAL_REPAIR_OPTIONS: DecimalRepairOptions = { minShare: 0.9, minOthers: 3 };

const decimals = (a: string) => (a.includes(".") ? a.split(".")[1]!.length : 0);

export function repairLostDecimals<T extends LineItem>(items: T[], o: DecimalRepairOptions = DEFAULT_DECIMAL_REPAIR_OPTIONS): T[] {
  const columns = new Map<string, LineItem[]>();
  for (const i of items) if (i.ocrConfidence !== undefined) {
    const k = `${i.table}|${i.measure}|${i.scope ?? ""}`;
    columns.set(k, [...(columns.get(k) ?? []), i]);
  }
  const places = new Map<string, number>();
  for (const [k, col] of columns) {
    const counts = new Map<number, number>();
    for (const i of col) if (/\./.test(i.amount)) counts.set(decimals(i.amount), (counts.get(decimals(i.amount)) ?? 0) + 1);
    const [d, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
    const others = col.filter((i) => i.amount.includes(".")).length;
    if (d > 0 && others >= o.minOthers && n >= o.minShare * others) places.set(k, d);
  }
  return items.map((i): T => {
    const d = places.get(`${i.table}|${i.measure}|${i.scope ?? ""}`);
    if (d === undefined || i.ocrConfidence === undefined || i.repairedAmount !== undefined || i.amount.includes(".") || /^-?0$/.test(i.amount)) return i;
    const digits = i.amount.replace(/^-/, "");
    if (digits.length <= d) return i;
    const fixed = `${i.amount.startsWith("-") ? "-" : ""}${String(BigInt(digits.slice(0, -d)))}.${digits.slice(-d)}`;
    return { ...i, repairedAmount: fixed };
  });
}
