// Tesseract as the second reading of the figures PaddleOCR doubts: the figure cells whose
// lowest character probability is under a bound are cropped, stacked and read once more by
// Tesseract (digits only). Where the two read the same digits the figure stands; where they differ
// the first reading is kept, its confidence lowered, and the other kept beside it
// (`secondReading`) — a repair may later take it, when the identities pin that cell to it.
import type { Table } from "../table-ir.ts";
import type { GrayImage } from "./gray-image.ts";
import type { TesseractOptions } from "./tesseract.ts";
import { figureColumns } from "./doubtful-cells.ts";
import { headerRowCount } from "./ocr-text-repair.ts";
import { rereadCells, DEFAULT_CELL_REREAD_OPTIONS, type CellRereadOptions } from "./reread-cells.ts";

export interface SecondReadingOptions {
  /** Figure cells whose confidence is under this are read again. */
  maxConfidence: number;
  /** Confidence given to a figure the two engines read differently (at most). */
  disagreeConfidence: number;
  /** Cells read again per page at most. */
  maxCells: number;
  crops: CellRereadOptions;
}
export const DEFAULT_SECOND_READING_OPTIONS: SecondReadingOptions = { maxConfidence: 0.9, disagreeConfidence: 0.3, maxCells: 80, crops: DEFAULT_CELL_REREAD_OPTIONS };

/** A figure as a number's digits and sign: 1,234.50 and 1234.50 are one reading. */
export const figureValue = (t: string) => {
  const s = t.replace(/[\s,，]/g, "").replace(/。/g, ".");
  return /^-?\d+(\.\d+)?$/.test(s) ? s : s === "-" ? "0" : null;
};

export async function secondReading(tables: Table[], cleaned: GrayImage, scale: number, file: string, tesseract: TesseractOptions, o: SecondReadingOptions = DEFAULT_SECOND_READING_OPTIONS): Promise<Table[]> {
  const chosen: Array<{ t: number; c: number }> = [];
  tables.forEach((t, ti) => {
    const header = headerRowCount(t), figures = figureColumns(t, o.crops.figureColumnShare);
    t.cells.forEach((c, ci) => {
      if (c.row < header || !figures.has(c.col) || !c.text.trim()) return;
      if ((c.confidence ?? 0) < o.maxConfidence) chosen.push({ t: ti, c: ci });
    });
  });
  const picked = chosen.slice(0, o.maxCells);
  if (picked.length === 0) return tables;
  const px = (b: readonly number[]) => ({ x0: b[0]! / scale, top: b[1]! / scale, x1: b[2]! / scale, bottom: b[3]! / scale });
  const again = await rereadCells(cleaned, picked.map(({ t, c }) => px(tables[t]!.cells[c]!.bbox)), `${file}.pgm`, { ...tesseract, whitelist: o.crops.figureCharacters }, o.crops);
  const out = tables.map((t) => ({ ...t, cells: [...t.cells] }));
  picked.forEach(({ t, c }, i) => {
    const cell = out[t]!.cells[c]!, other = again[i];
    const first = figureValue(cell.text), second = other ? figureValue(other.text) : null;
    // The same digits are the same reading: Tesseract's figures-only pass tells a comma from a point badly (9.501164 for 9,501,164).
    if (second === null || first === second || (first !== null && first.replace(/\D/g, "") === second.replace(/\D/g, ""))) return;
    out[t]!.cells[c] = { ...cell, confidence: Math.min(cell.confidence ?? 1, o.disagreeConfidence), secondReading: other!.text.replace(/\s+/g, "") };
  });
  return out;
}
