// Doubtful cells read again, each on its own (which ones: extract/ocr/doubtful-cells.ts): in a whole-page pass Tesseract garbles small
// header text (科目编码 → 人, 类 款 项 → nothing), and the header decides which column is a
// code, a name or which measure. The cells' crops (rulings whitened) are stacked into one
// image with white margins and read in one more Tesseract call.
import type { GrayImage, PixelBox } from "./gray-image.ts";
import type { TesseractOptions, TesseractWord } from "./tesseract.ts";
import { readStackedCrops } from "./stacked-crops.ts";

export interface CellRereadOptions {
  /** Header cells whose words' lowest confidence is under this are read again. */
  maxConfidence: number;
  /** An empty header cell with more than this share of dark pixels holds text that was missed. */
  minInkShare: number;
  /** Pixels cut from each side of a cell's box (what is left of its rulings). */
  insetPx: number;
  /** White margin around each crop and between stacked crops, pixels. */
  marginPx: number;
  /** Cells read again per page at most, of each kind (header, figures). */
  maxCells: number;
  /** A body column is a figure column when this share of its cells print figures only. */
  figureColumnShare: number;
  /** The only characters a figure cell is re-read with. */
  figureCharacters: string;
}
export const DEFAULT_CELL_REREAD_OPTIONS: CellRereadOptions = { maxConfidence: 0.6, minInkShare: 0.02, insetPx: 4, marginPx: 20, maxCells: 80, figureColumnShare: 0.5, figureCharacters: "0123456789,.-" };

/** Text and lowest confidence (0–1) read in each box; null where nothing was read. */
export async function rereadCells(image: GrayImage, boxes: PixelBox[], file: string, tesseract: TesseractOptions, o: CellRereadOptions = DEFAULT_CELL_REREAD_OPTIONS): Promise<Array<{ text: string; confidence: number } | null>> {
  if (boxes.length === 0) return [];
  const m = o.marginPx, inset = o.insetPx;
  const crops = boxes.map((b) => {
    const x0 = Math.max(0, Math.round(b.x0 + inset)), x1 = Math.min(image.width, Math.round(b.x1 - inset));
    const y0 = Math.max(0, Math.round(b.top + inset)), y1 = Math.min(image.height, Math.round(b.bottom - inset));
    return { x0, x1: Math.max(x0 + 1, x1), y0, y1: Math.max(y0 + 1, y1) };
  });
  const read = await readStackedCrops(image, crops, m, file, tesseract);
  return read.map((mine) => (mine.length ? { text: cellText(mine), confidence: Math.min(...mine.map((w) => w.conf)) / 100 } : null));
}

/** Words of one cell as text: lines in order, Chinese joined without spaces. */
function cellText(words: TesseractWord[]): string {
  const lines = new Map<string, TesseractWord[]>();
  for (const w of words) { const k = `${w.block}:${w.par}:${w.line}`; lines.set(k, [...(lines.get(k) ?? []), w]); }
  return [...lines.values()]
    .sort((a, b) => Math.min(...a.map((w) => w.top)) - Math.min(...b.map((w) => w.top)))
    .map((ws) => ws.sort((a, b) => a.left - b.left).map((w) => w.text).join(" ").replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, ""))
    .join("\n");
}
