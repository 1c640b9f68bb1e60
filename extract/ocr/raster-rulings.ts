// Ruling lines of a scanned table, found in the raster: long runs of dark pixels,
// horizontal and vertical, each a segment in page points for the lattice finder. The
// same runs are then whitened so that Tesseract reads the text without the grid
// (lines through glyph rows turn into "|" and "一").
import type { Segment } from "../pdf/page-rulings.ts";
import type { GrayImage } from "./gray-image.ts";

export interface RasterRulingOptions {
  /** A pixel darker than this is ink. */
  darkThreshold: number;
  /** Shortest horizontal ruling, in points (longer than any glyph stroke). */
  minHorizontalPt: number;
  /** Shortest vertical ruling, in points: one table row, taller than a CJK glyph of body size. */
  minVerticalPt: number;
  /** Light pixels a run may skip (anti-aliasing, scan noise). */
  maxGapPx: number;
  /** Thickest ruling, in points: thicker dark runs are filled areas, not lines. */
  maxThicknessPt: number;
  /** Pixels whitened beyond each side of a ruling: its anti-aliased edge, which Tesseract reads as | or _. */
  erasePadPx: number;
  /**
   * A vertical ruling ends on (or crosses) a horizontal one within this many pixels: the
   * stroke of a large title glyph (算, 表 at 16 pt are strokes of 15–25 pt) meets none, and
   * whitening it garbled the title.
   */
  meetPx: number;
  /**
   * A ruling is looked for in the mean of this many pixels along it (odd): a thin ruling that
   * blur and JPEG turned light gray still reads dark, scanner noise does not.
   */
  alongPx: number;
  /**
   * Pieces of one ruling separated by up to this many points where the gap is not clean paper
   * (a seal, a blot, text over the line) are one ruling: a seal that breaks a ruling must not open the cells.
   */
  maxBridgePt: number;
  /** A faint ruling (a hairline a scan turned light gray): lighter than darkThreshold but under this, and darker by faintContrast than the paper sidePx to either side. */
  faintThreshold: number;
  faintContrast: number;
  sidePx: number;
  /** Vertical rulings are joined across gaps of this many points at most. */
  maxBridgeVerticalPt: number;
  /** A gap is clean paper when its mean along the line is lighter than this. */
  paperLevel: number;
  /** Horizontal rulings shorter than this (points) must meet a vertical one: strokes of large title glyphs in a row are not rulings. */
  minLoneHorizontalPt: number;
}

export const DEFAULT_RASTER_RULING_OPTIONS: RasterRulingOptions = { darkThreshold: 200, minHorizontalPt: 40, minVerticalPt: 14, maxGapPx: 3, maxThicknessPt: 3, erasePadPx: 2, meetPx: 4, alongPx: 5, faintThreshold: 228, faintContrast: 25, sidePx: 4, maxBridgePt: 80, maxBridgeVerticalPt: 6, paperLevel: 235, minLoneHorizontalPt: 150 };

interface Run { pos: number; from: number; to: number }

/** Segments in points (scale = points per pixel) and the image with the rulings whitened. */
export function rasterRulings(img: GrayImage, scale: number, o: RasterRulingOptions = DEFAULT_RASTER_RULING_OPTIONS): { segments: Segment[]; cleaned: GrayImage } {
  const { width, height, pixels } = img;
  const half = Math.floor(o.alongPx / 2), n = 2 * half + 1;
  const limit = o.darkThreshold * n, faint = o.faintThreshold * n, contrast = o.faintContrast * n, side = o.sidePx;
  // Sums of `alongPx` pixels along a line at (x, y): dark, or a faint line darker than the paper beside it.
  const sumH = (x: number, y: number) => { let s = 0; for (let d = -half; d <= half; d++) s += pixels[y * width + Math.max(0, Math.min(width - 1, x + d))]!; return s; };
  const sumV = (x: number, y: number) => { let s = 0; for (let d = -half; d <= half; d++) s += pixels[Math.max(0, Math.min(height - 1, y + d)) * width + x]!; return s; };
  const darkH = (x: number, y: number) => {
    const s = sumH(x, y);
    return s < limit || (s < faint && s < Math.min(sumH(x, Math.max(0, y - side)), sumH(x, Math.min(height - 1, y + side))) - contrast);
  };
  const darkV = (x: number, y: number) => {
    const s = sumV(x, y);
    return s < limit || (s < faint && s < Math.min(sumV(Math.max(0, x - side), y), sumV(Math.min(width - 1, x + side), y)) - contrast);
  };
  const minH = o.minHorizontalPt / scale, minV = o.minVerticalPt / scale, bridge = o.maxBridgePt / scale;
  const maxThick = Math.max(1, Math.round(o.maxThicknessPt / scale));
  // Only pieces of a ruling's length are joined: a row of title strokes, or a column of text strokes, is not a ruling.
  const horizontal = runs(height, width, (pos, i) => darkH(i, pos), minH, o.maxGapPx);
  const vertical = runs(width, height, (pos, i) => darkV(pos, i), minV, o.maxGapPx);
  const gapMean = (b: Band, from: number, to: number, isH: boolean) => {
    let s = 0, n = 0;
    const mid = Math.round((b.pos0 + b.pos1) / 2);
    for (let i = from; i < to; i++) { s += isH ? pixels[mid * width + i]! : pixels[i * width + mid]!; n++; }
    return n ? s / n : 255;
  };
  // Vertical gaps are bridged over a few points only: text centred in a cell merged across columns lies over the gap too.
  const joined = (bs: Band[], isH: boolean) => bridged(bs, isH ? bridge : o.maxBridgeVerticalPt / scale, (b, from, to) => gapMean(b, from, to, isH) < o.paperLevel);
  const vAll = joined(bands(vertical, maxThick), false);
  const hLines = joined(bands(horizontal, maxThick), true)
    .filter((h) => (h.to - h.from + 1) * scale >= o.minLoneHorizontalPt || vAll.some((v) => meetsHorizontal(v, [h], o.meetPx)));
  const vLines = vAll.filter((v) => meetsHorizontal(v, hLines, o.meetPx));
  const cleaned = new Uint8Array(pixels);
  const pad = o.erasePadPx;
  const clampY = (y: number) => Math.max(0, Math.min(height - 1, y)), clampX = (x: number) => Math.max(0, Math.min(width - 1, x));
  for (const l of hLines) for (let y = clampY(l.pos0 - pad); y <= clampY(l.pos1 + pad); y++) for (let x = l.from; x <= l.to; x++) cleaned[y * width + x] = 255;
  for (const l of vLines) for (let x = clampX(l.pos0 - pad); x <= clampX(l.pos1 + pad); x++) for (let y = l.from; y <= l.to; y++) cleaned[y * width + x] = 255;
  const segments: Segment[] = [
    ...hLines.map((l) => ({ x0: l.from * scale, x1: (l.to + 1) * scale, y0: ((l.pos0 + l.pos1 + 1) / 2) * scale, y1: ((l.pos0 + l.pos1 + 1) / 2) * scale, from: "stroke" as const })),
    ...vLines.map((l) => ({ y0: l.from * scale, y1: (l.to + 1) * scale, x0: ((l.pos0 + l.pos1 + 1) / 2) * scale, x1: ((l.pos0 + l.pos1 + 1) / 2) * scale, from: "stroke" as const })),
  ];
  return { segments, cleaned: { width, height, pixels: cleaned } };
}

/** Dark runs at least `minLen` long along each line `pos` of `n` lines of `len` pixels. */
function runs(n: number, len: number, isDark: (pos: number, i: number) => boolean, minLen: number, maxGap: number): Run[] {
  const out: Run[] = [];
  for (let pos = 0; pos < n; pos++) {
    let start = -1, lastDark = -1;
    for (let i = 0; i <= len; i++) {
      const d = i < len && isDark(pos, i);
      if (d) { if (start < 0) start = i; lastDark = i; }
      else if (start >= 0 && i - lastDark > maxGap) {
        if (lastDark - start + 1 >= minLen) out.push({ pos, from: start, to: lastDark });
        start = -1;
      }
    }
  }
  return out;
}

/** Runs on neighbouring lines that overlap are one ruling of some thickness; too thick is a filled area. */
function bands(rs: Run[], maxThick: number): Array<{ pos0: number; pos1: number; from: number; to: number }> {
  const open: Array<{ pos0: number; pos1: number; from: number; to: number }> = [];
  const done: typeof open = [];
  for (const r of rs) {
    // A run continues a band that reached the row above, or this row (a ruling read in two pieces on one row).
    const b = open.find((x) => x.pos1 >= r.pos - 1 && x.from <= r.to && r.from <= x.to);
    if (b) { b.pos1 = r.pos; b.from = Math.min(b.from, r.from); b.to = Math.max(b.to, r.to); }
    else open.push({ pos0: r.pos, pos1: r.pos, from: r.from, to: r.to });
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.pos1 < r.pos - 1) done.push(...open.splice(i, 1));
  }
  done.push(...open);
  return done.filter((b) => b.pos1 - b.pos0 + 1 <= maxThick);
}

type Band = { pos0: number; pos1: number; from: number; to: number };

/** Collinear bands (positions overlapping) that overlap, or whose gap is at most `maxGap` and `occluded`, joined into one. */
function bridged(bs: Band[], maxGap: number, occluded: (b: Band, from: number, to: number) => boolean): Band[] {
  const sorted = [...bs].sort((a, b) => a.pos0 - b.pos0 || a.from - b.from);
  const out: Band[] = [];
  for (const b of sorted) {
    let prev: Band | undefined;
    for (let i = out.length - 1; i >= 0 && !prev; i--) {
      const p = out[i]!;
      if (p.pos0 > b.pos1 + 1 || b.pos0 > p.pos1 + 1) continue;
      if (b.from <= p.to + 1 && p.from <= b.to + 1) prev = p;
      else if (p.to < b.from && b.from - p.to - 1 <= maxGap && occluded(p, p.to + 1, b.from)) prev = p;
    }
    if (prev) {
      prev.from = Math.min(prev.from, b.from); prev.to = Math.max(prev.to, b.to); prev.pos0 = Math.min(prev.pos0, b.pos0); prev.pos1 = Math.max(prev.pos1, b.pos1);
    } else out.push({ ...b });
  }
  return out;
}

/** A vertical band whose top or bottom end lies on a horizontal band (or that crosses one) within `tol` pixels. */
function meetsHorizontal(v: Band, hs: Band[], tol: number): boolean {
  return hs.some((h) => h.from - tol <= v.pos1 && v.pos0 <= h.to + tol && h.pos0 - tol <= v.to && v.from <= h.pos1 + tol);
}
