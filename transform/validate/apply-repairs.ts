// Repairs and flags of OCR-derived numbers. Where the validator found exactly one cell
// explaining a failed identity (the identities pin it), an OCR-read amount takes the
// repaired value only when that value agrees with what was read: the second engine read
// it so, or it is the same number of digits before the point with at most a digit or two
// misread, or one digit dropped or added (106000 → 1106000), or the very digits read with
// the point moved (16075 → 160.75). Anything else —
// 25232591 "repaired" to 252325.91 — is left as read and flagged. Every OCR amount then
// carries its flags (ocrFlags): low confidence, the engines disagree, repaired, an identity
// it is in still fails, or a figure that seems to have lost its decimal point. Text-layer
// numbers are never changed: there the document printed what it printed.
import type { FindingInput as Finding, LineItem as ContractItem } from "../contract/index.ts";
import type { DraftLineItem } from "../table-line-items.ts";
import { lostDecimals } from "./decimal-repair.ts";

export interface OcrRepairOptions {
  /** An OCR amount read with less confidence than this (per engine, 0–1) is flagged. */
  lowConfidence: Record<"paddle" | "tesseract", number>;
  /** Digits (inserted, dropped or changed) a repair may differ by from the digits read: up to 5 digits, and longer. */
  maxDigitEditsShort: number;
  maxDigitEditsLong: number;
}
export const DEFAULT_OCR_REPAIR_OPTIONS: OcrRepairOptions = { lowConfidence: { paddle: 0.8, tesseract: 0.6 }, maxDigitEditsShort: 1, maxDigitEditsLong: 2 };

const cellKey = (page: number | null, bbox: readonly number[] | null) => `${page}|${bbox?.join(",") ?? ""}`;
const sameNumber = (a: string, b: string) => Number(a) === Number(b);
const digitsOf = (a: string) => a.replace(/^-/, "").replace(".", "").replace(/^0+(?=\d)/, "");
const integerDigits = (a: string) => a.replace(/^-/, "").split(".")[0]!.replace(/^0+(?=\d)/, "").length;

/** Edit distance between two digit strings. */
function digitEdits(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Does a proposed value agree with what OCR read (`read`, and the second engine's reading)? */
export function agreesWithReading(read: string, proposed: string, second: string | undefined, o: OcrRepairOptions = DEFAULT_OCR_REPAIR_OPTIONS): boolean {
  if (second !== undefined && sameNumber(second, proposed)) return true;
  if (read.startsWith("-") !== proposed.startsWith("-")) return false;
  const a = digitsOf(read), b = digitsOf(proposed);
  // The very digits read, the point moved: the identities pin the magnitude.
  if (a === b) return true;
  // One digit dropped or added (1,106,000 read 106,000), the decimals as read: the rest of the digits agree.
  const decimalsOf = (v: string) => (v.includes(".") ? v.split(".")[1]!.length : 0);
  if (Math.abs(a.length - b.length) === 1 && decimalsOf(read) === decimalsOf(proposed) && digitEdits(a, b) === 1) return true;
  // Otherwise the same magnitude, a digit or two misread.
  if (integerDigits(read) !== integerDigits(proposed)) return false;
  return digitEdits(a, b) <= (Math.max(a.length, b.length) <= 5 ? o.maxDigitEditsShort : o.maxDigitEditsLong);
}

type LineItem = DraftLineItem & Pick<ContractItem, "ocrEngine" | "ocrSecondReading" | "ocrFlags">;

export function applyOcrRepairs<T extends LineItem>(items: T[], findings: Finding[], o: OcrRepairOptions = DEFAULT_OCR_REPAIR_OPTIONS): T[] {
  const repairs = new Map<string, string>();
  const failing = new Set<string>();
  for (const f of findings) {
    if (f.repair && f.repair.cell.table !== "narrative") repairs.set(cellKey(f.repair.cell.page, f.repair.cell.bbox), f.repair.proposed);
    if (f.severity === "error") for (const c of f.cells) failing.add(cellKey(c.page, c.bbox));
  }
  const repaired = items.map((i): T => {
    if (i.ocrConfidence === undefined) return i;
    const proposed = repairs.get(cellKey(i.page, i.bbox));
    return proposed === undefined || sameNumber(proposed, i.amount) || !agreesWithReading(i.amount, proposed, i.ocrSecondReading, o) ? i : { ...i, repairedAmount: proposed };
  });
  const lost = lostDecimals(repaired);
  return repaired.map((i, k): T => {
    if (i.ocrConfidence === undefined) return i;
    const written = i.repairedAmount ?? i.amount;
    const flags: NonNullable<LineItem["ocrFlags"]> = [];
    if (i.ocrConfidence < o.lowConfidence[i.ocrEngine ?? "tesseract"]) flags.push("low_confidence");
    if (i.ocrSecondReading !== undefined && !sameNumber(i.ocrSecondReading, written)) flags.push("engines_disagree");
    if (i.repairedAmount !== undefined) flags.push("repaired");
    else if (failing.has(cellKey(i.page, i.bbox)) || repairs.has(cellKey(i.page, i.bbox))) flags.push("identity_failed");
    if (i.repairedAmount === undefined && lost[k] !== undefined) flags.push("decimals_lost");
    return { ...i, ocrFlags: flags };
  });
}
