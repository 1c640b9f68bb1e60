// One scanned page → its tables: rasterised by pdftoppm (in colour, for seals), cleaned
// (seals out, levels, noise, skew: clean-page.ts), rulings found in the raster and whitened,
// the rest read into words with boxes — by PaddleOCR (cell crops where the rulings make a
// grid, detection elsewhere), or by Tesseract where PaddleOCR is unavailable or switched off —
// then the PDF path's own table builder (lattice on the raster rulings, text alignment
// elsewhere). Tables are marked method "ocr" with their engine, each cell with its lowest
// word confidence; figures PaddleOCR doubts are read a second time by Tesseract.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Table } from "../table-ir.ts";
import { pageTables } from "../pdf/pdf-tables.ts";
import { writePgm, inkShare } from "./gray-image.ts";
import { parsePnm } from "./colour-stamps.ts";
import { cleanPage, DEFAULT_CLEAN_PAGE_OPTIONS, type CleanPageOptions } from "./clean-page.ts";
import { paddlePageWords, DEFAULT_PADDLE_PAGE_OPTIONS, type PaddlePageOptions } from "./paddle-page.ts";
import { paddleUnavailable } from "./paddle-ocr.ts";
import { secondReading, DEFAULT_SECOND_READING_OPTIONS, type SecondReadingOptions } from "./second-reading.ts";
import { rasterRulings, DEFAULT_RASTER_RULING_OPTIONS, type RasterRulingOptions } from "./raster-rulings.ts";
import { tesseractWords, DEFAULT_TESSERACT_OPTIONS, type TesseractOptions } from "./tesseract.ts";
import { ocrWords, DEFAULT_OCR_WORD_OPTIONS, type OcrWord, type OcrWordOptions } from "./ocr-words.ts";
import { rereadOutsideLines, DEFAULT_REREAD_OPTIONS, type RereadOptions } from "./reread-lines.ts";
import { repairOcrTable, DEFAULT_OCR_TEXT_REPAIR_OPTIONS, type OcrTextRepairOptions } from "./ocr-text-repair.ts";
import { DEFAULT_CELL_REREAD_OPTIONS, type CellRereadOptions } from "./reread-cells.ts";
import { rereadDoubtfulCells } from "./doubtful-cells.ts";

const run = promisify(execFile);

export type OcrEngineName = "paddle" | "tesseract";

export interface OcrPageOptions {
  /** Rendering resolution: 200 dpi gives 10-point digits ~28 px tall, where Tesseract is at its best. */
  dpi: number;
  /** The first engine: PaddleOCR, falling back to Tesseract where it cannot be loaded; or Tesseract alone. BUDGET_OCR_ENGINE=tesseract sets it for a run. */
  engine: OcrEngineName;
  clean: CleanPageOptions;
  paddle: PaddlePageOptions;
  second: SecondReadingOptions;
  /** A page with less ink than this share of its pixels is blank: not sent to an engine. A page holding only a title and a two-row table is ~0.5 % ink; a blank scan with specks or a page number stays under 0.1 %. */
  minInkShare: number;
  /**
   * Ink left once the rulings are whitened below which the page holds nothing to read: a page of an
   * empty table's rulings leaves none; one row of 合计 and three figures leaves 2,500 px at 200 dpi
   * (0.06 %), a single small figure some 30 px — this is about one character's worth.
   */
  minTextInkShare: number;
  rulings: RasterRulingOptions;
  tesseract: TesseractOptions;
  words: OcrWordOptions;
  reread: RereadOptions;
  cells: CellRereadOptions;
  text: OcrTextRepairOptions;
}

export const DEFAULT_OCR_PAGE_OPTIONS: OcrPageOptions = {
  dpi: 200, engine: process.env.BUDGET_OCR_ENGINE === "tesseract" ? "tesseract" : "paddle", clean: DEFAULT_CLEAN_PAGE_OPTIONS, paddle: DEFAULT_PADDLE_PAGE_OPTIONS, second: DEFAULT_SECOND_READING_OPTIONS,
  minInkShare: 0.001, minTextInkShare: 0.00001, rulings: DEFAULT_RASTER_RULING_OPTIONS, tesseract: DEFAULT_TESSERACT_OPTIONS, words: DEFAULT_OCR_WORD_OPTIONS, reread: DEFAULT_REREAD_OPTIONS, cells: DEFAULT_CELL_REREAD_OPTIONS, text: DEFAULT_OCR_TEXT_REPAIR_OPTIONS,
};

export interface OcrPage {
  page: number; tables: Table[]; text: string; blank: boolean; words: number;
  /** The engine that read the page, and what cleaning found (skew in degrees, seal share, noise). */
  engine?: OcrEngineName;
  clean?: { angle: number; stampShare: number; noise: number };
  /** Why PaddleOCR did not read the page, where it was wanted. */
  fallback?: string;
}

/** `pdfFile`: the PDF on disk; `workDir`: a scratch directory for the page's images. */
export async function ocrPage(pdfFile: string, page: number, workDir: string, o: OcrPageOptions = DEFAULT_OCR_PAGE_OPTIONS): Promise<OcrPage> {
  const prefix = join(workDir, `page-${page}`);
  await run("pdftoppm", ["-r", String(o.dpi), "-f", String(page), "-l", String(page), "-singlefile", pdfFile, prefix], { timeout: 120_000 });
  const rendered = parsePnm(await readFile(`${prefix}.ppm`));
  const clean = cleanPage(rendered, o.clean);
  const image = clean.image;
  if (inkShare(image) < o.minInkShare) return { page, tables: [], text: "", blank: true, words: 0 };
  const scale = 72 / o.dpi;
  const { segments, cleaned } = rasterRulings(image, scale, o.rulings);
  // Rulings and nothing else (a page of an empty table drawn without text): nothing to read.
  if (inkShare(cleaned) < o.minTextInkShare) return { page, tables: [], text: "", blank: true, words: 0 };
  const tesseract = { ...o.tesseract, dpi: o.dpi };
  const content = (ws: OcrWord[]) => ({ page, width: image.width * scale, height: image.height * scale, rotation: 0, words: ws, segments });
  const cleaning = { angle: clean.angle, stampShare: Math.round(clean.stampShare * 10000) / 10000, noise: clean.noise };
  const unavailable = o.engine === "paddle" ? await paddleUnavailable() : null;
  if (o.engine === "paddle" && !unavailable) {
    const read = await paddlePageWords(cleaned, segments, scale, o.paddle);
    const words = ocrWords(read.words, scale, segments, o.words);
    const found = pageTables(content(words));
    const tables = found.tables.map((t): Table => ({
      ...t, method: "ocr", engine: "paddle", before: t.before.map(cleanLine), after: t.after.map(cleanLine),
      cells: t.cells.map((c) => ({ ...c, confidence: cellConfidence(c.bbox, words) })),
    }));
    const checked = await secondReading(tables, cleaned, scale, `${prefix}.second`, tesseract, o.second);
    return { page, tables: checked.map((t) => repairOcrTable(t, o.text)), text: found.text, blank: false, words: words.length, engine: "paddle", clean: cleaning };
  }
  const cleanedFile = `${prefix}.clean.pgm`;
  const cleanedBytes = writePgm(cleaned);
  await writeFile(cleanedFile, cleanedBytes);
  const raw = await tesseractWords(cleanedFile, tesseract, cleanedBytes);
  // First pass finds the tables; the lines outside them are then read again on their own, and the page rebuilt.
  const first = pageTables(content(ocrWords(raw, scale, segments, o.words)));
  const boxes = first.tables.map((t) => ({ x0: t.bbox[0] / scale, top: t.bbox[1] / scale, x1: t.bbox[2] / scale, bottom: t.bbox[3] / scale }));
  const words = ocrWords(await rereadOutsideLines(image, raw, boxes, `${prefix}.lines.pgm`, tesseract, o.reread), scale, segments, o.words);
  const found = pageTables(content(words));
  const read = found.tables.map((t): Table => ({
    ...t, method: "ocr", engine: "tesseract", before: t.before.map(cleanLine), after: t.after.map(cleanLine),
    cells: t.cells.map((c) => ({ ...c, confidence: cellConfidence(c.bbox, words) })),
  }));
  const tables = (await rereadDoubtfulCells(read, cleaned, scale, `${prefix}.cells`, tesseract, o.cells)).map((t) => repairOcrTable(t, o.text));
  return { page, tables, text: found.text, blank: false, words: words.length, engine: "tesseract", clean: cleaning, ...(unavailable ? { fallback: unavailable } : {}) };
}

const HAN = "\\p{Script=Han}";
/**
 * A title or unit line as printed: Tesseract separates Chinese characters by spaces and reads
 * the full-width brackets of 预算表（功能科目） as 《〈( — neither is ever printed in these lines.
 */
function cleanLine(line: string): string {
  return line
    .replace(new RegExp(`(?<=${HAN})\\s+(?=${HAN})`, "gu"), "")
    .replace(new RegExp(`(?<=${HAN})\\s*[《〈(（]+\\s*(?=${HAN})`, "gu"), "（")
    .replace(new RegExp(`(?<=${HAN})\\s*[》〉)）]+`, "gu"), "）");
}

/** Lowest confidence of the words centred in the box; 1 for an empty cell (nothing was guessed). */
function cellConfidence([x0, top, x1, bottom]: readonly number[], words: OcrWord[]): number {
  let c = 1;
  for (const w of words) {
    const cx = (w.x0 + w.x1) / 2, cy = (w.top + w.bottom) / 2;
    if (cx >= x0! && cx <= x1! && cy >= top! && cy <= bottom!) c = Math.min(c, w.confidence);
  }
  return Math.round(c * 1000) / 1000;
}
