// One document in several formats (a ZIP holding 预算表.xlsx, 预算表.pdf, 预算表.html):
// all are read, the most faithful is loaded, and the others are cross-checked
// against it item by item. Pure: works on any items with table, code, measure, amount.
import type { DocumentFormat as SourceFormat, RenditionCheck } from "./contract/index.ts";
import { faithfulnessRank } from "../extract/formats/format-registry.ts";

export interface ItemLike { table: string; code: string; measure: string; amount: string }

/** Most faithful first, by the format registry's ranks: spreadsheets hold the numbers themselves, HTML and Word their printed cells, PDF their placement, OCR a guess. */
export const rank = (format: SourceFormat, ocr: boolean) => faithfulnessRank(format, ocr);

const keyOf = (i: ItemLike) => `${i.table}|${i.code || "(total)"}|${i.measure}`;

export function crossCheck(primary: ItemLike[], other: ItemLike[], maxListed = 10): Pick<RenditionCheck, "agree" | "disagree" | "differ" | "missing" | "extra"> {
  const mine = new Map<string, string>();
  for (const i of primary) if (!mine.has(keyOf(i))) mine.set(keyOf(i), i.amount);
  const theirs = new Map<string, string>();
  for (const i of other) if (!theirs.has(keyOf(i))) theirs.set(keyOf(i), i.amount);
  let agree = 0, disagree = 0, missing = 0, extra = 0;
  const differ: string[] = [];
  for (const [k, a] of mine) {
    const b = theirs.get(k);
    if (b === undefined) missing++;
    else if (Number(a) === Number(b)) agree++;
    else if (++disagree <= maxListed) differ.push(`${k} ${a}≠${b}`);
  }
  for (const k of theirs.keys()) if (!mine.has(k)) extra++;
  return { agree, disagree, differ, missing, extra };
}
