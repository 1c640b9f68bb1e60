// A cleaned page read by PaddleOCR into words with boxes (the shape Tesseract's TSV gives,
// so that one word builder serves both engines): where the raster rulings make a grid, each
// cell's printed lines are cut by the ink's projections and recognised as crops, all the
// page's crops in batches; the text outside the grids (titles, units, notes) is cut the same
// way band by band; a page with no grid at all goes through text detection first.
import type { Segment } from "../pdf/page-rulings.ts";
import { segmentsToEdges } from "../table/edges.ts";
import { findLatticeTables } from "../table/lattice.ts";
import { joinSideBySide } from "../table/side-by-side.ts";
import type { GrayImage, PixelBox } from "./gray-image.ts";
import { inkLines, inkRows, typicalLineHeight, DEFAULT_INK_LINE_OPTIONS, type InkLineOptions, type InkPiece } from "./ink-lines.ts";
import { detectText, recogniseLines, DEFAULT_PADDLE_OPTIONS, type PaddleOptions } from "./paddle-ocr.ts";
import type { TesseractWord } from "./tesseract.ts";

export interface PaddlePageOptions {
  paddle: PaddleOptions;
  lines: InkLineOptions;
  /** Pixels cut from each side of a grid cell (what is left of its rulings). */
  cellInsetPx: number;
  /** Line height assumed when a page gives none to measure (pixels at 200 dpi: 10-point text). */
  fallbackLineHeight: number;
}
export const DEFAULT_PADDLE_PAGE_OPTIONS: PaddlePageOptions = { paddle: DEFAULT_PADDLE_OPTIONS, lines: DEFAULT_INK_LINE_OPTIONS, cellInsetPx: 3, fallbackLineHeight: 28 };

export interface PaddlePage {
  words: TesseractWord[];
  /** True when the page had a ruled grid (recognition on cell crops), false when text detection found the lines. */
  grid: boolean;
  crops: number;
}

/** `image`: the cleaned page with its rulings whitened; `segments`: the rulings, points; `scale`: points per pixel. */
export async function paddlePageWords(image: GrayImage, segments: Segment[], scale: number, o: PaddlePageOptions = DEFAULT_PADDLE_PAGE_OPTIONS): Promise<PaddlePage> {
  const lattices = joinSideBySide(findLatticeTables(segmentsToEdges(segments)));
  const px = (v: number) => v / scale;
  const inset = o.cellInsetPx;
  const cells: PixelBox[] = lattices.flatMap((t) => t.cells.map((c) => ({ x0: px(c.x0) + inset, x1: px(c.x1) - inset, top: px(c.top) + inset, bottom: px(c.bottom) - inset })));
  // Bands of the page outside every grid, full width (titles, 单位, notes).
  const spans = lattices.map((t) => [px(t.top) - inset, px(t.bottom) + inset] as [number, number]).sort((a, b) => a[0] - b[0]);
  const bands: PixelBox[] = [];
  let y = 0;
  for (const [a, b] of spans) { if (a > y) bands.push({ x0: 0, x1: image.width, top: y, bottom: a }); y = Math.max(y, b); }
  if (y < image.height) bands.push({ x0: 0, x1: image.width, top: y, bottom: image.height });

  let pieces: InkPiece[];
  if (lattices.length > 0) {
    const regions = [...cells, ...bands];
    const height = typicalLineHeight(cells.flatMap((c) => inkRows(image, c, o.lines)), o.lines) || o.fallbackLineHeight;
    pieces = regions.flatMap((r) => inkLines(image, r, height, o.lines));
  } else {
    pieces = (await detectText(image, { x0: 0, top: 0, x1: image.width, bottom: image.height }, o.paddle)).map((b) => ({ ink: b, crop: b }));
  }
  const read = await recogniseLines(image, pieces.map((p) => p.crop), o.paddle);
  const words: TesseractWord[] = [];
  pieces.forEach(({ ink: c }, i) => {
    const r = read[i]!;
    if (!r.text) return;
    words.push({ text: r.text, conf: Math.round(r.minConfidence * 1000) / 10, left: Math.round(c.x0), top: Math.round(c.top), width: Math.round(c.x1 - c.x0), height: Math.round(c.bottom - c.top), block: i + 1, par: 1, line: 1 });
  });
  return { words, grid: lattices.length > 0, crops: pieces.length };
}
