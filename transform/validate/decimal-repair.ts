// OCR amounts that look as if their decimal point was lost (160.75 read 16075, 0.09 read
// 009): in a column whose other OCR figures all print the same number of decimals, a figure
// printed without any. Such a figure is flagged, never shifted on this evidence alone: a
// shift by orders of magnitude needs the identities to pin the cell to that value
// (apply-repairs.ts), as 293822529 "repaired" to 2938225.29 in a 元 document showed.
import type { DraftLineItem as LineItem } from "../table-line-items.ts";

export interface DecimalRepairOptions {
  /** Share of a column's other OCR figures that must print the same decimals. */
  minShare: number;
  /** Figures a column must have besides the one flagged. */
  minOthers: number;
}
export const DEFAULT_DECIMAL_REPAIR_OPTIONS: DecimalRepairOptions = { minShare: 0.9, minOthers: 3 };

const decimals = (a: string) => (a.includes(".") ? a.split(".")[1]!.length : 0);

/** Per item, the decimals its column prints when the item's figure lacks them (it may have lost its point); undefined otherwise. */
export function lostDecimals(items: LineItem[], o: DecimalRepairOptions = DEFAULT_DECIMAL_REPAIR_OPTIONS): Array<number | undefined> {
  const columns = new Map<string, LineItem[]>();
  const keyOf = (i: LineItem) => `${i.table}|${i.measure}|${i.scope ?? ""}`;
  for (const i of items) if (i.ocrConfidence !== undefined) columns.set(keyOf(i), [...(columns.get(keyOf(i)) ?? []), i]);
  const places = new Map<string, number>();
  for (const [k, col] of columns) {
    const counts = new Map<number, number>();
    for (const i of col) if (/\./.test(i.amount)) counts.set(decimals(i.amount), (counts.get(decimals(i.amount)) ?? 0) + 1);
    const [d, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
    const others = col.filter((i) => i.amount.includes(".")).length;
    if (d > 0 && others >= o.minOthers && n >= o.minShare * others) places.set(k, d);
  }
  return items.map((i) => {
    const d = places.get(keyOf(i));
    if (d === undefined || i.ocrConfidence === undefined || i.amount.includes(".") || /^-?0$/.test(i.amount)) return undefined;
    return i.amount.replace(/^-/, "").length > d ? d : undefined;
  });
}
