// Printed lines inside a box of a cleaned page, found by the ink's projections: rows of ink
// separated by white rows are lines (a cell's wrapped name is two), and on each line runs of
// ink separated by a gap wider than the line is tall are separate pieces (a title and the
// 单位：万元 beside it). Each piece is then one crop for line recognition. Pure.
import type { GrayImage, PixelBox } from "./gray-image.ts";

export interface InkLineOptions {
  /** A pixel darker than this is ink. */
  darkThreshold: number;
  /** A row (column) with fewer dark pixels than this is white. */
  minInkPerRow: number;
  /** Lines thinner than this (pixels) are dust or a ruling's remains. */
  minLineHeight: number;
  /** Pieces of one line further apart than this × the line's height are separate pieces. */
  splitGap: number;
  /** Margin added around each piece, × its height (the recogniser wants some white around text). */
  margin: number;
}
export const DEFAULT_INK_LINE_OPTIONS: InkLineOptions = { darkThreshold: 150, minInkPerRow: 1, minLineHeight: 6, splitGap: 1.2, margin: 0.25 };

/** A piece of a printed line: its ink's box, and the crop to recognise (margins added, clamped to the box searched). */
export interface InkPiece { ink: PixelBox; crop: PixelBox }

/** Rows of ink in the box, [top, bottom) in page pixels, before any merging. */
export function inkRows(img: GrayImage, box: PixelBox, o: InkLineOptions = DEFAULT_INK_LINE_OPTIONS): Array<[number, number]> {
  const x0 = Math.max(0, Math.round(box.x0)), x1 = Math.min(img.width, Math.round(box.x1));
  const y0 = Math.max(0, Math.round(box.top)), y1 = Math.min(img.height, Math.round(box.bottom));
  if (x1 - x0 < 2 || y1 - y0 < 2) return [];
  const rows: number[] = [];
  for (let y = y0; y < y1; y++) { let n = 0; for (let x = x0; x < x1; x++) if (img.pixels[y * img.width + x]! < o.darkThreshold) n++; rows.push(n); }
  return spans(rows, o.minInkPerRow, 1).map(([a, b]) => [y0 + a, y0 + b]);
}

/** The usual height of a printed line among these rows (the median of those that are not dust), 0 when none. */
export function typicalLineHeight(rows: Array<[number, number]>, o: InkLineOptions = DEFAULT_INK_LINE_OPTIONS): number {
  const hs = rows.map(([a, b]) => b - a).filter((h) => h >= o.minLineHeight).sort((a, b) => a - b);
  return hs.length ? hs[Math.floor(hs.length / 2)]! : 0;
}

/**
 * Pieces of text in the box, top to bottom and left to right, in page pixels (margins added,
 * clamped to the box). `lineHeight`: the page's usual line height; rows of ink closer together
 * than a line is tall are one line (二 and 三 have white rows inside their glyphs).
 */
export function inkLines(img: GrayImage, box: PixelBox, lineHeight: number, o: InkLineOptions = DEFAULT_INK_LINE_OPTIONS): InkPiece[] {
  const x0 = Math.max(0, Math.round(box.x0)), x1 = Math.min(img.width, Math.round(box.x1));
  const y0 = Math.max(0, Math.round(box.top)), y1 = Math.min(img.height, Math.round(box.bottom));
  const dark = (x: number, y: number) => img.pixels[y * img.width + x]! < o.darkThreshold;
  const merged: Array<[number, number]> = [];
  for (const r of inkRows(img, box, o)) {
    const last = merged[merged.length - 1];
    if (last && lineHeight > 0 && r[1] - last[0] <= 1.25 * lineHeight) last[1] = r[1];
    else merged.push([r[0], r[1]]);
  }
  const out: InkPiece[] = [];
  for (const [top, bottom] of merged) {
    if (bottom - top < o.minLineHeight) continue;
    const h = bottom - top;
    const cols: number[] = [];
    for (let x = x0; x < x1; x++) { let n = 0; for (let y = top; y < bottom; y++) if (dark(x, y)) n++; cols.push(n); }
    const m = Math.max(2, Math.round(o.margin * h));
    for (const [c, d] of spans(cols, 1, Math.max(2, Math.round(o.splitGap * h)))) {
      // A speck, not a character: narrower and lower than a dot's share of the line.
      if (d - c < 2 && h < 2 * o.minLineHeight) continue;
      out.push({
        ink: { x0: x0 + c, x1: x0 + d, top, bottom },
        crop: { x0: Math.max(x0, x0 + c - m), x1: Math.min(x1, x0 + d + m), top: Math.max(y0, top - m), bottom: Math.min(y1, bottom + m) },
      });
    }
  }
  return out;
}

/** Runs [start, end) of entries ≥ min, joined across gaps of fewer than `gap` entries. */
function spans(values: number[], min: number, gap: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1, last = -1;
  values.forEach((v, i) => {
    if (v < min) return;
    if (start >= 0 && i - last - 1 >= gap) { out.push([start, last + 1]); start = -1; }
    if (start < 0) start = i;
    last = i;
  });
  if (start >= 0) out.push([start, last + 1]);
  return out;
}
