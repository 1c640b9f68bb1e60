// The Table IR: what every reader (PDF lattice, PDF text-alignment, and later
// spreadsheets, Word, HTML, OCR) produces, and all the transform stage reads.
import { z } from "zod";

/**
 * [x0, top, x1, bottom] in page points, origin top-left of the (rotated) page. Readers of
 * formats without pages (spreadsheet, HTML, Word) use grid units instead: a cell's bbox is
 * [col, row, col + colSpan, row + rowSpan] and `page` is the sheet's or table's ordinal (1-based).
 */
export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBox>;

export const Cell = z.object({
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
  rowSpan: z.number().int().positive(),
  colSpan: z.number().int().positive(),
  /** Text of the cell; lines inside the cell joined with "\n". */
  text: z.string(),
  page: z.number().int().positive(),
  bbox: BBox,
  /** OCR-derived cells only (method "ocr"): the lowest word confidence in the cell, 0–1. */
  confidence: z.number().min(0).max(1).optional(),
  /** OCR cells only: the second engine's reading where it differs from `text` (which the first engine read). */
  secondReading: z.string().optional(),
});
export type Cell = z.infer<typeof Cell>;

export const TableMethod = z.enum(["lattice", "stream", "spreadsheet", "html", "docx", "ocr"]);
export type TableMethod = z.infer<typeof TableMethod>;

export const Table = z.object({
  page: z.number().int().positive(),
  bbox: BBox,
  nRows: z.number().int().nonnegative(),
  nCols: z.number().int().nonnegative(),
  /** Only master cells of merged ranges; every grid position is covered by at most one cell. */
  cells: z.array(Cell),
  method: TableMethod,
  /** Text lines on the page between the previous table (or the page top) and this table: title, 编制单位, 单位：万元. */
  before: z.array(z.string()),
  /** Text lines after the table up to the next table (or the page end): notes such as 本表为空表. */
  after: z.array(z.string()),
  /** OCR tables only: the engine that read the cells (PaddleOCR, or Tesseract where PaddleOCR was unavailable). */
  engine: z.enum(["paddle", "tesseract"]).optional(),
});
export type Table = z.infer<typeof Table>;

/** Grid view of a table: text at each (row, col), a merged cell's text repeated over its span. */
export function tableGrid(table: Table): string[][] {
  const grid = Array.from({ length: table.nRows }, () => Array<string>(table.nCols).fill(""));
  for (const c of table.cells)
    for (let r = c.row; r < c.row + c.rowSpan; r++)
      for (let k = c.col; k < c.col + c.colSpan; k++) grid[r]![k] = c.text;
  return grid;
}
