// Text lines outside the tables (titles, 单位：万元, notes) read again, on their own.
// Tesseract reading a whole table page as one block garbles the title, printed larger
// and bold (一般公共预算支出预算表 → 一般公共项算支上项划表), and the title decides the
// table's kind. Each such line is cropped from the raster (rulings kept: none there) and
// the crops, stacked into one image, go through Tesseract once more.
import type { GrayImage } from "./gray-image.ts";
import type { TesseractOptions, TesseractWord } from "./tesseract.ts";
import { readStackedCrops } from "./stacked-crops.ts";

export interface RereadOptions {
  /** Lines re-read per page at most (the ones nearest the top first). */
  maxLines: number;
  /** White margin around each crop and between stacked crops, pixels. */
  marginPx: number;
  /**
   * Tesseract lines sharing this share of the lower one's height are one printed line, re-read
   * as one crop: a title split in two (or its thin 一 put on a line of its own) cropped twice
   * would be read twice over where the crops overlap (三公”经费、会议三公”经费、会议费、培 …).
   */
  sameRowOverlap: number;
}
export const DEFAULT_REREAD_OPTIONS: RereadOptions = { maxLines: 12, marginPx: 16, sameRowOverlap: 0.5 };

type Box = { x0: number; top: number; x1: number; bottom: number };

/** `tableBoxes` in pixels. Returns the words with the lines outside the tables replaced by their re-read words. */
export async function rereadOutsideLines(
  image: GrayImage, words: TesseractWord[], tableBoxes: Box[], file: string, tesseract: TesseractOptions, o: RereadOptions = DEFAULT_REREAD_OPTIONS,
): Promise<TesseractWord[]> {
  const lines = new Map<string, TesseractWord[]>();
  for (const w of words) {
    const k = `${w.block}:${w.par}:${w.line}`;
    lines.set(k, [...(lines.get(k) ?? []), w]);
  }
  const inside = (b: Box) => tableBoxes.some((t) => (b.x0 + b.x1) / 2 >= t.x0 && (b.x0 + b.x1) / 2 <= t.x1 && (b.top + b.bottom) / 2 >= t.top && (b.top + b.bottom) / 2 <= t.bottom);
  const boxOf = (ws: TesseractWord[]): Box => ({ x0: Math.min(...ws.map((w) => w.left)), top: Math.min(...ws.map((w) => w.top)), x1: Math.max(...ws.map((w) => w.left + w.width)), bottom: Math.max(...ws.map((w) => w.top + w.height)) });
  const outside = sameRowLines([...lines.entries()].map(([key, ws]) => ({ keys: [key], ws, box: boxOf(ws) })).filter((l) => !inside(l.box)), o.sameRowOverlap)
    .sort((a, b) => a.box.top - b.box.top)
    .slice(0, o.maxLines);
  if (outside.length === 0) return words;

  const m = o.marginPx;
  const crops = outside.map((l) => ({
    ...l,
    x0: Math.max(0, l.box.x0 - m), x1: Math.min(image.width, l.box.x1 + m),
    y0: Math.max(0, l.box.top - m), y1: Math.min(image.height, l.box.bottom + m),
  }));
  // The crops carry their own margin (page pixels): stacked with no gap between them.
  const reread = await readStackedCrops(image, crops, 0, file, tesseract);
  const replaced = new Set<string>();
  const out: TesseractWord[] = [];
  crops.forEach((c, i) => {
    const mine = reread[i]!;
    if (mine.length === 0) return;
    for (const k of c.keys) replaced.add(k);
    const [block, par, line] = c.keys[0]!.split(":").map(Number) as [number, number, number];
    for (const w of mine) out.push({ ...w, block, par, line });
  });
  return [...words.filter((w) => !replaced.has(`${w.block}:${w.par}:${w.line}`)), ...out];
}

type Line = { keys: string[]; ws: TesseractWord[]; box: Box };

/** Lines whose vertical extents overlap by `overlap` of the shorter one's height (or that lie within the other) merged into one. */
export function sameRowLines(lines: Line[], overlap: number): Line[] {
  const out: Line[] = [];
  for (const l of [...lines].sort((a, b) => a.box.top - b.box.top)) {
    const row = out.find((r) => {
      const shared = Math.min(r.box.bottom, l.box.bottom) - Math.max(r.box.top, l.box.top);
      return shared > overlap * Math.min(r.box.bottom - r.box.top, l.box.bottom - l.box.top);
    });
    if (!row) { out.push({ ...l, keys: [...l.keys] }); continue; }
    row.keys.push(...l.keys);
    row.ws = [...row.ws, ...l.ws];
    row.box = { x0: Math.min(row.box.x0, l.box.x0), top: Math.min(row.box.top, l.box.top), x1: Math.max(row.box.x1, l.box.x1), bottom: Math.max(row.box.bottom, l.box.bottom) };
  }
  return out;
}
