// "Fake bold": some producers embolden text by printing it twice, or more, a fraction of
// a point apart. PDFium's text layer drops such copies; pdf.js keeps them, and then a cell
// reads "合计合计". The copies are dropped here, for both engines alike.
import type { Word } from "./page-words.ts";

export interface OverprintOptions {
  /** A copy lies within this fraction of the font size of the first print, on every edge. */
  maxOffset: number;
}

export const DEFAULT_OVERPRINT_OPTIONS: OverprintOptions = { maxOffset: 0.25 };

export function dropOverprinted(words: Word[], o: OverprintOptions = DEFAULT_OVERPRINT_OPTIONS): Word[] {
  const seen = new Map<string, Word[]>();
  const kept: Word[] = [];
  for (const w of words) {
    const same = seen.get(w.text);
    const tol = o.maxOffset * w.size;
    const copy = same?.some((p) => Math.abs(p.size - w.size) <= 0.01 * w.size &&
      Math.abs(p.x0 - w.x0) <= tol && Math.abs(p.x1 - w.x1) <= tol && Math.abs(p.top - w.top) <= tol && Math.abs(p.bottom - w.bottom) <= tol);
    if (copy) continue;
    kept.push(w);
    if (same) same.push(w);
    else seen.set(w.text, [w]);
  }
  return kept;
}
