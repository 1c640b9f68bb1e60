// Printed amounts → the number as printed, thousands separators removed.
// "7,121.14" → "7121.14"; "132, 465. 29" (OCR spacing) → "132465.29"; "-" → "0".

const FULL_WIDTH = /[０-９．，－]/g;
const toHalfWidth = (s: string) => s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Cells printed for zero. */
const ZERO_MARKS = new Set(["-", "—", "–", "－", "--", "——"]);

export function parseAmount(text: string): string | null {
  const t = toHalfWidth(text).replace(/\s+/g, "");
  if (!t) return null;
  if (ZERO_MARKS.has(t)) return "0";
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t)) return null;
  return t.replace(/,/g, "");
}

/** True for text that is an amount and could not be a classification code or a year. */
export function looksLikeAmount(text: string): boolean {
  return parseAmount(text) !== null;
}
