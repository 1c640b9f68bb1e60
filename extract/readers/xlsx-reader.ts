// XLSX → Table IR with exceljs. Each visible sheet is a page; merged ranges become
// spans (exceljs repeats a master's value in the merged cells, so those are skipped);
// numbers are written as the cell's number format displays them.
import ExcelJS from "exceljs";
import { ReaderError } from "./reader-error.ts";
import { DEFAULT_READER_LIMITS, type ReaderLimits } from "./limits.ts";
import { readZip } from "./zip-archive.ts";
import { formatNumber } from "./number-format.ts";
import { sheetTables } from "./sheet-tables.ts";
import { cellText, type SpanCell } from "./span-grid.ts";
import type { ReadTables } from "./read-result.ts";

/** Sheets whose line rows name the document (a cover sheet, then the first table's). */
const COVER_SHEETS = 2;

export async function readXlsx(bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS): Promise<ReadTables> {
  // The package is inflated once under our limits first: exceljs's own unzip has none.
  const parts = readZip(bytes, limits);
  if (!parts.has("xl/workbook.xml")) throw new ReaderError("not an XLSX workbook (no xl/workbook.xml)");
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new ReaderError(`corrupt XLSX: ${oneLine((e as Error).message)}`);
  }
  const tables: ReadTables["tables"] = [];
  const coverLines: string[] = [];
  const pageText: ReadTables["pageText"] = [];
  wb.worksheets.forEach((ws, i) => {
    if (ws.state !== "visible") return;
    const cells = worksheetCells(ws, limits);
    const found = sheetTables(cells, i + 1);
    tables.push(...found.tables);
    if (i < COVER_SHEETS) coverLines.push(...found.lines);
    pageText.push({ page: i + 1, text: found.lines.join("\n") });
  });
  return { tables, pageCount: wb.worksheets.length, coverLines, pageText, notes: [] };
}

/** The sheet's non-empty cells and merged masters, 0-based, with spans. */
function worksheetCells(ws: ExcelJS.Worksheet, limits: ReaderLimits): SpanCell[] {
  const size = ws.rowCount * ws.columnCount;
  if (size > limits.maxSheetCells) throw new ReaderError(`sheet ${ws.name} has ${ws.rowCount}×${ws.columnCount} cells, more than the limit of ${limits.maxSheetCells}`);
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  const slaves = new Set<string>();
  for (const range of ws.model.merges ?? []) {
    const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(range);
    if (!m) continue;
    const [r0, c0, r1, c1] = [Number(m[2]), colIndex(m[1]!), Number(m[4]), colIndex(m[3]!)];
    spans.set(`${r0}:${c0}`, { rowSpan: r1 - r0 + 1, colSpan: c1 - c0 + 1 });
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) slaves.add(`${r}:${c}`);
  }
  const out: SpanCell[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const key = `${r}:${c}`;
      if (slaves.has(key)) return;
      const span = spans.get(key);
      const text = cellText(displayText(cell.value, cell.numFmt));
      if (text || span) out.push({ row: r - 1, col: c - 1, rowSpan: span?.rowSpan ?? 1, colSpan: span?.colSpan ?? 1, text });
    });
  });
  return out;
}

/** The text a cell shows: numbers through their format, formulas by their cached result. */
export function displayText(v: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatNumber(v, numFmt);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ("richText" in v) return v.richText.map((p) => p.text).join("");
  if ("formula" in v || "sharedFormula" in v) return displayText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, numFmt);
  if ("error" in v) return String(v.error);
  if ("text" in v) return displayText((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue, numFmt);
  return "";
}

function colIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 200);
