// Words of a page from pdf.js text content, in page (viewport) coordinates.
//
// pdf.js joins glyphs into one item while the gap between them stays under
// 0.6 em, inserting a space for gaps over 0.1 em; literal padding spaces also
// stay inside items. Two table cells close together can thus come as one item
// ("2,082.85 171.07"). Items are split at whitespace here, each piece placed by
// the advance widths estimated for its characters, so that cell assignment
// sees every piece where it is printed.
import { apply } from "./geometry.ts";

export interface Word {
  text: string;
  /** [x0, top, x1, bottom] in viewport coordinates. */
  x0: number; top: number; x1: number; bottom: number;
  /** Font size in points, for tolerances that scale with the text. */
  size: number;
  /** True when the baseline runs left to right on the rotated page. */
  upright: boolean;
  /**
   * Direction of the baseline on the page, degrees counter-clockwise from left-to-right
   * (90: the text runs bottom to top). Set by the PDF readers, which turn a page whose
   * text mostly runs another way (see reading-direction.ts); absent: upright.
   */
  angle?: number;
}

export interface WordOptions {
  /** Fraction of the font size above the baseline that glyphs occupy. */
  ascent: number;
  /** Fraction below the baseline. */
  descent: number;
}

export const DEFAULT_WORD_OPTIONS: WordOptions = { ascent: 0.85, descent: 0.15 };

export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Advance of a character in em, as CJK typefaces print it. */
export function estimatedAdvance(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c < 0x80) return ch === " " ? 0 : /[0-9.,\-+%()]/.test(ch) ? 0.5 : 0.55;
  if (c >= 0xff61 && c <= 0xff9f) return 0.5; // half-width katakana forms
  return 1; // CJK ideographs, full-width forms and punctuation
}

/**
 * A word printed along a baseline: from `start` to `end` (points along the unit direction
 * (ux, uy) from the origin (ex, ey), in user space), glyphs reaching ascent × size up the
 * unit vector (vx, vy) and descent × size down; `m` maps user space to the page. Both
 * engines build their words here, so that they box text alike.
 */
export function wordOnBaseline(
  text: string, ex: number, ey: number, ux: number, uy: number, vx: number, vy: number,
  start: number, end: number, size: number, m: readonly number[], o: WordOptions,
): Word {
  const bx0 = ex + ux * start, by0 = ey + uy * start;
  const bx1 = ex + ux * end, by1 = ey + uy * end;
  const up = o.ascent * size, down = o.descent * size;
  const corners = [
    apply(m, bx0 + vx * up, by0 + vy * up), apply(m, bx1 + vx * up, by1 + vy * up),
    apply(m, bx0 - vx * down, by0 - vy * down), apply(m, bx1 - vx * down, by1 - vy * down),
  ];
  const xs = corners.map((q) => q[0]), ys = corners.map((q) => q[1]);
  // Baseline direction on the page: upright text runs left to right with no vertical component.
  const dirX = ux * m[0]! + uy * m[2]!, dirY = ux * m[1]! + uy * m[3]!;
  return {
    text,
    x0: Math.min(...xs), x1: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys),
    size, upright: Math.abs(dirY) < 1e-6 && dirX > 0,
    // The page's y runs down: a baseline going up the page has a negative dirY.
    angle: (Math.atan2(-dirY, dirX) * 180) / Math.PI,
  };
}

export function itemsToWords(items: PdfTextItem[], viewportTransform: readonly number[], o: WordOptions = DEFAULT_WORD_OPTIONS): Word[] {
  const words: Word[] = [];
  for (const item of items) {
    if (!item.str || !item.str.trim()) continue;
    const [a, b, c, d, e, f] = item.transform as [number, number, number, number, number, number];
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1;
    const ux = Math.hypot(a, b) ? a / Math.hypot(a, b) : 1, uy = Math.hypot(a, b) ? b / Math.hypot(a, b) : 0;
    const vx = Math.hypot(c, d) ? c / Math.hypot(c, d) : 0, vy = Math.hypot(c, d) ? d / Math.hypot(c, d) : 1;
    const m = viewportTransform;
    for (const p of splitAtWhitespace(item.str, item.width, size)) words.push(wordOnBaseline(p.text, e, f, ux, uy, vx, vy, p.start, p.end, size, m, o));
  }
  return words;
}

interface Piece { text: string; start: number; end: number }

/**
 * Split an item's string at whitespace, placing pieces along its width.
 * Non-space characters take their estimated advance; the rest of the width is
 * shared among the whitespace runs, which is where pdf.js hid the gaps.
 */
export function splitAtWhitespace(str: string, width: number, size: number): Piece[] {
  const runs = str.split(/(\s+)/).filter((r) => r.length > 0);
  if (runs.length === 1) return [{ text: str, start: 0, end: width }];
  const inkEm = runs.filter((r) => !/^\s/.test(r)).reduce((s, r) => s + [...r].reduce((t, ch) => t + estimatedAdvance(ch), 0), 0);
  const gapRuns = runs.filter((r) => /^\s/.test(r)).length;
  const inkWidth = Math.min(inkEm * size, width);
  // When the estimate overshoots the measured width, scale the ink down to fit.
  const inkScale = inkEm * size > width && inkEm > 0 ? width / (inkEm * size) : 1;
  const gap = gapRuns ? Math.max(0, width - inkWidth) / gapRuns : 0;
  const pieces: Piece[] = [];
  let x = 0;
  for (const r of runs) {
    if (/^\s/.test(r)) { x += gap; continue; }
    const w = [...r].reduce((t, ch) => t + estimatedAdvance(ch), 0) * size * inkScale;
    pieces.push({ text: r, start: x, end: x + w });
    x += w;
  }
  return pieces;
}
