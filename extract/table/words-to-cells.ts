// Put the words of a page into the cells of a lattice table. A word that runs
// across a cell border (pdf.js merged two cells' text) is cut there, its
// characters shared out by their estimated advances.
import type { Word } from "../pdf/page-words.ts";
import { estimatedAdvance } from "../pdf/page-words.ts";
import type { GridCell, Rect } from "./lattice.ts";

export interface CellTextOptions {
  /** A word belongs to a cell when this fraction of its height lies inside the cell's rows. */
  minVerticalOverlap: number;
  /** Words on one line further apart than this (× font size) are joined with a space. */
  spaceGap: number;
  /** Separate number items further apart than this (× font size) are kept apart by a space. */
  numberGap: number;
}

export const DEFAULT_CELL_TEXT_OPTIONS: CellTextOptions = { minVerticalOverlap: 0.5, spaceGap: 0.6, numberGap: 0.15 };

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/** Returns, per cell index, the words inside it; and the words outside every cell. */
export function assignWords(cells: GridCell[], words: Word[], o: CellTextOptions = DEFAULT_CELL_TEXT_OPTIONS): { inCell: Word[][]; outside: Word[] } {
  const inCell: Word[][] = cells.map(() => []);
  const outside: Word[] = [];
  for (const w of words) {
    const h = w.bottom - w.top;
    // One pass over the cells, nothing allocated for a cell the word misses (most of them).
    const hits: Array<{ c: GridCell; i: number }> = [];
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i]!;
      if (overlap(w.top, w.bottom, c.top, c.bottom) >= o.minVerticalOverlap * h && overlap(w.x0, w.x1, c.x0, c.x1) > 0) hits.push({ c, i });
    }
    if (!hits.length) { outside.push(w); continue; }
    if (hits.length === 1) { inCell[hits[0]!.i]!.push(w); continue; }
    // Across borders: keep per cell the characters whose centre falls inside it.
    for (const piece of cutAtBorders(w, hits.map((h) => h.c))) {
      const hit = hits.find(({ c }) => piece.x0 + (piece.x1 - piece.x0) / 2 >= c.x0 && piece.x0 + (piece.x1 - piece.x0) / 2 <= c.x1);
      if (hit) inCell[hit.i]!.push(piece);
      else outside.push(piece);
    }
  }
  return { inCell, outside };
}

function cutAtBorders(w: Word, cells: Rect[]): Word[] {
  const chars = [...w.text];
  const adv = chars.map(estimatedAdvance);
  const total = adv.reduce((s, a) => s + a, 0) || chars.length;
  const scale = (w.x1 - w.x0) / total;
  const pieces: Word[] = [];
  let x = w.x0, cur: { text: string; x0: number; x1: number; cell: number } | null = null;
  chars.forEach((ch, k) => {
    const cx = x + (adv[k]! * scale) / 2;
    let cell = cells.findIndex((c) => cx >= c.x0 && cx <= c.x1);
    if (cell < 0) cell = -1;
    if (cur && cur.cell === cell) { cur.text += ch; cur.x1 = x + adv[k]! * scale; }
    else {
      if (cur) pieces.push({ ...w, text: cur.text, x0: cur.x0, x1: cur.x1 });
      cur = { text: ch, x0: x, x1: x + adv[k]! * scale, cell };
    }
    x += adv[k]! * scale;
  });
  if (cur) pieces.push({ ...w, text: (cur as { text: string }).text, x0: (cur as { x0: number }).x0, x1: (cur as { x1: number }).x1 });
  return pieces.filter((p) => p.text.trim());
}

/** Words of one cell (or one text block) as text: lines top to bottom joined by "\n". */
export function wordsToText(words: Word[], o: CellTextOptions = DEFAULT_CELL_TEXT_OPTIONS): string {
  return groupLines(words).map((line) => joinLine(line, o)).join("\n");
}

/** Words whose vertical extents overlap by half their height are one line. */
export function groupLines(words: Word[]): Word[][] {
  const sorted = [...words].sort((a, b) => (a.top + a.bottom) / 2 - (b.top + b.bottom) / 2);
  const lines: Word[][] = [];
  for (const w of sorted) {
    const line = lines[lines.length - 1];
    const mid = (w.top + w.bottom) / 2;
    if (line && line.some((l) => mid >= l.top && mid <= l.bottom && Math.abs((l.top + l.bottom) / 2 - mid) < 0.5 * (l.bottom - l.top))) line.push(w);
    else lines.push([w]);
  }
  return lines.map((l) => l.sort((a, b) => a.x0 - b.x0));
}

function joinLine(line: Word[], o: CellTextOptions): string {
  let s = "";
  line.forEach((w, i) => {
    if (i > 0) {
      const prev = line[i - 1]!;
      // Two numbers side by side are two figures even when printed close.
      const numbers = /\d$/.test(prev.text) && /^\d/.test(w.text) && w.x0 - prev.x1 > o.numberGap * w.size;
      s += numbers || w.x0 - prev.x1 > o.spaceGap * w.size ? " " : "";
    }
    s += w.text;
  });
  return s.trim();
}
