// Which cells of a page's OCR tables are read again (extract/ocr/reread-cells.ts), and how:
// header cells read with low confidence or left empty over ink, as text (they decide a
// column's role and measure); body cells of figure columns likewise, with only the
// characters of figures allowed (a lost decimal point or a 款 code read as 了 loses the item).
import type { Table } from "../table-ir.ts";
import { boxInk, type GrayImage } from "./gray-image.ts";
import type { TesseractOptions } from "./tesseract.ts";
import { headerRowCount } from "./ocr-text-repair.ts";
import { rereadCells, type CellRereadOptions } from "./reread-cells.ts";

const FIGURE_LIKE = /^[-−\d,，.。]+$/;
const FIGURE = /^-?\d[\d,]*(\.\d+)?$|^-$/;

/** Columns of a table whose body is mostly figures (amounts or code parts). */
export function figureColumns(table: Table, share: number): Set<number> {
  const header = headerRowCount(table);
  const seen = new Map<number, { all: number; figures: number }>();
  for (const c of table.cells) {
    const t = c.text.replace(/\s+/g, "");
    if (c.row < header || c.colSpan !== 1 || !t) continue;
    const s = seen.get(c.col) ?? { all: 0, figures: 0 };
    s.all++;
    if (FIGURE_LIKE.test(t)) s.figures++;
    seen.set(c.col, s);
  }
  return new Set([...seen].filter(([, s]) => s.all >= 3 && s.figures >= share * s.all).map(([col]) => col));
}

/** Columns of code parts: digits only, nearly all of one width (类 301, 款 01). */
function codeWidths(table: Table, header: number, figureCols: Set<number>, share: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const col of figureCols) {
    const all = table.cells.filter((c) => c.col === col && c.colSpan === 1 && c.row >= header).map((c) => c.text.replace(/\s+/g, "")).filter((t) => t !== "");
    const texts = all.filter((t) => /^\d+$/.test(t));
    if (texts.length < share * all.length) continue;
    const counts = new Map<number, number>();
    for (const t of texts) counts.set(t.length, (counts.get(t.length) ?? 0) + 1);
    const [width, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
    if (width >= 2 && width <= 3 && n >= Math.max(3, share * texts.length)) out.set(col, width);
  }
  return out;
}

export async function rereadDoubtfulCells(tables: Table[], cleaned: GrayImage, scale: number, filePrefix: string, tesseract: TesseractOptions, o: CellRereadOptions): Promise<Table[]> {
  const px = (b: readonly number[]) => ({ x0: b[0]! / scale, top: b[1]! / scale, x1: b[2]! / scale, bottom: b[3]! / scale });
  const doubtful = (text: string, confidence: number | undefined, bbox: readonly number[]) =>
    text.trim() ? (confidence ?? 1) < o.maxConfidence : boxInk(cleaned, px(bbox), o.insetPx) > o.minInkShare;
  const headers: Array<{ t: number; c: number }> = [], figures: Array<{ t: number; c: number }> = [];
  tables.forEach((t, ti) => {
    const header = headerRowCount(t);
    const figureCols = figureColumns(t, o.figureColumnShare);
    const widths = codeWidths(t, header, figureCols, o.figureColumnShare);
    t.cells.forEach((c, ci) => {
      const text = c.text.replace(/\s+/g, "");
      if (c.row < header) { if (doubtful(c.text, c.confidence, c.bbox)) headers.push({ t: ti, c: ci }); return; }
      if (c.colSpan !== 1 || !figureCols.has(c.col)) return;
      // In a figure column, text that is no figure, or a code part of another width than its column's (0 among 01 02 03), is doubtful whatever its confidence.
      const odd = text !== "" && (!FIGURE_LIKE.test(text) || (widths.has(c.col) && text.length !== widths.get(c.col)));
      if (odd || doubtful(c.text, c.confidence, c.bbox)) figures.push({ t: ti, c: ci });
    });
  });
  const out = tables.map((t) => ({ ...t, cells: [...t.cells] }));
  const apply = async (chosen: Array<{ t: number; c: number }>, file: string, options: TesseractOptions, accept: (text: string) => boolean, replaces: (old: string) => boolean) => {
    if (chosen.length === 0) return;
    const again = await rereadCells(cleaned, chosen.map(({ t, c }) => px(tables[t]!.cells[c]!.bbox)), file, options, o);
    chosen.forEach(({ t, c }, i) => {
      const r = again[i], cell = out[t]!.cells[c]!;
      if (r && accept(r.text) && (!cell.text.trim() || r.confidence > (cell.confidence ?? 0) || replaces(cell.text))) out[t]!.cells[c] = { ...cell, text: r.text, confidence: Math.round(r.confidence * 1000) / 1000 };
    });
  };
  await apply(headers.slice(0, o.maxCells), `${filePrefix}.header.pgm`, tesseract, () => true, () => false);
  await apply(figures.slice(0, o.maxCells), `${filePrefix}.figures.pgm`, { ...tesseract, whitelist: o.figureCharacters }, (t) => FIGURE.test(t.replace(/\s+/g, "")),
    // What is no figure at all (.29, 了, 中) gives way to a figure whatever the confidences.
    (old) => !FIGURE.test(old.replace(/\s+/g, "")));
  return out;
}
