// Renders a sample document as an XLSX workbook: a cover sheet, then one sheet per table
// (label, title, 编制单位/单位 line, merged multi-row header, body, note), ready for LibreOffice.
import ExcelJS from "exceljs";
import type { Column, PrintedTable, Ruling, SampleDoc } from "./model.ts";

const FONT = "Noto Sans CJK SC";
const BODY_PT = 9;
const LINE_PT = 14;

export async function writeWorkbook(doc: SampleDoc, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  addCover(wb, doc.cover);
  doc.tables.forEach((t, i) => addTable(wb, `表${i + 1}`, t, doc.ruling));
  await wb.xlsx.writeFile(file);
}

function addCover(wb: ExcelJS.Workbook, [heading = "", ...paragraphs]: string[]) {
  const ws = wb.addWorksheet("封面", { pageSetup: pageSetup(false) });
  ws.getColumn(1).width = 80;
  const head = ws.addRow([heading]);
  head.height = 60;
  head.getCell(1).style = { font: { name: FONT, size: 16, bold: true }, alignment: { horizontal: "center", vertical: "middle", wrapText: true } };
  for (const p of paragraphs) {
    const row = ws.addRow([p]);
    row.height = lineCount(p, 78) * 18 + 10;
    row.getCell(1).style = { font: { name: FONT, size: 10.5 }, alignment: { vertical: "top", wrapText: true } };
  }
}

function addTable(wb: ExcelJS.Workbook, sheetName: string, t: PrintedTable, ruling: Ruling) {
  const ws = wb.addWorksheet(sheetName, { pageSetup: pageSetup(!!t.landscape) });
  const n = t.columns.length;
  t.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const font = { name: FONT, size: BODY_PT };
  let r = 0;
  const line = (values: string[], height: number) => {
    r++;
    const row = ws.getRow(r);
    values.forEach((v, i) => (row.getCell(i + 1).value = v));
    row.height = height;
    return row;
  };

  if (t.label) line([t.label], 18).getCell(1).style = { font, alignment: { horizontal: "left" } };
  line([t.title], 30).getCell(1).style = { font: { name: FONT, size: 14, bold: true }, alignment: { horizontal: "center", vertical: "middle" } };
  ws.mergeCells(r, 1, r, n);
  const unitRow = line([], 20);
  const split = n >= 4 ? n - 2 : n - 1;
  unitRow.getCell(1).value = `编制单位：${t.org}`;
  unitRow.getCell(split + 1).value = `单位：${t.unit}`;
  unitRow.getCell(1).style = { font, alignment: { horizontal: "left", vertical: "middle" } };
  unitRow.getCell(split + 1).style = { font, alignment: { horizontal: "right", vertical: "middle" } };
  if (split > 1) ws.mergeCells(r, 1, r, split);
  if (n - split > 1) ws.mergeCells(r, split + 1, r, n);

  const headerTop = r + 1;
  const depth = Math.max(...t.columns.map((c) => c.path.length));
  for (let d = 0; d < depth; d++) line([], LINE_PT + 8);
  for (const m of headerMerges(t.columns)) {
    const cell = ws.getCell(headerTop + m.top, m.left + 1);
    cell.value = m.text;
    if (m.bottom > m.top || m.right > m.left) ws.mergeCells(headerTop + m.top, m.left + 1, headerTop + m.bottom, m.right + 1);
    const width = t.columns.slice(m.left, m.right + 1).reduce((s, c) => s + c.width, 0);
    const need = lineCount(m.text, width) * LINE_PT + 8;
    const rowsSpanned = m.bottom - m.top + 1;
    const row = ws.getRow(headerTop + m.bottom);
    if (need > (row.height ?? 0) * rowsSpanned) row.height = need - (rowsSpanned - 1) * (LINE_PT + 8);
  }
  if (t.headerFooter) line(t.headerFooter, LINE_PT + 6);
  const headerBottom = r;
  for (let rr = headerTop; rr <= headerBottom; rr++)
    for (let c = 1; c <= n; c++) ws.getCell(rr, c).style = { font, alignment: { horizontal: "center", vertical: "middle", wrapText: true } };

  for (const cells of t.body) {
    const lines = Math.max(1, ...cells.map((c) => c.split("\n").length));
    const row = line(cells, lines * LINE_PT + 8);
    t.columns.forEach((col, i) => {
      const indent = col.align === "center" ? 0 : 1;
      row.getCell(i + 1).style = { font, alignment: { horizontal: col.align, vertical: "middle", wrapText: true, indent } };
    });
  }
  applyRuling(ws, ruling, headerTop, headerBottom, r, n);

  if (t.note) {
    const width = t.columns.reduce((s, c) => s + c.width, 0);
    const row = line([t.note], lineCount(t.note, width) * LINE_PT + 8);
    row.getCell(1).style = { font, alignment: { horizontal: "left", vertical: "top", wrapText: true } };
    ws.mergeCells(r, 1, r, n);
  }
  ws.pageSetup.printTitlesRow = `1:${headerBottom}`;
}

export interface Merge { text: string; top: number; bottom: number; left: number; right: number }

/** Header cells from column paths: a path's last part spans down to the bottom row; equal prefixes of neighbours merge across. */
export function headerMerges(columns: Column[]): Merge[] {
  const depth = Math.max(...columns.map((c) => c.path.length));
  const out: Merge[] = [];
  for (let level = 0; level < depth; level++) {
    for (let c = 0; c < columns.length; c++) {
      const path = columns[c]!.path;
      if (level >= path.length) continue;
      const last = level === path.length - 1;
      const key = (p: string[]) => JSON.stringify([p.slice(0, level + 1), level === p.length - 1]);
      if (c > 0 && columns[c - 1]!.path.length > level && key(columns[c - 1]!.path) === key(path)) continue;
      let right = c;
      while (right + 1 < columns.length && columns[right + 1]!.path.length > level && key(columns[right + 1]!.path) === key(path)) right++;
      out.push({ text: path[level]!, top: level, bottom: last ? depth - 1 : level, left: c, right });
    }
  }
  return out;
}

function applyRuling(ws: ExcelJS.Worksheet, ruling: Ruling, top: number, headerBottom: number, bottom: number, n: number) {
  const thin = { style: "thin" as const };
  const medium = { style: "medium" as const };
  for (let r = top; r <= bottom; r++)
    for (let c = 1; c <= n; c++) {
      const cell = ws.getCell(r, c);
      if (ruling === "grid") cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      if (ruling === "three-line") {
        cell.border = {
          ...(r === top ? { top: medium } : {}),
          ...(r === headerBottom ? { bottom: thin } : {}),
          ...(r === bottom ? { bottom: medium } : {}),
        };
      }
    }
}

/** Lines a text needs in a column of `width` character units (CJK counts double). */
function lineCount(text: string, width: number): number {
  return text.split("\n").reduce((sum, part) => {
    const units = [...part].reduce((s, ch) => s + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
    return sum + Math.max(1, Math.ceil((units * 1.05) / Math.max(1, width - 1)));
  }, 0);
}

function pageSetup(landscape: boolean): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}
