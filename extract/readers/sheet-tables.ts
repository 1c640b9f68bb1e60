// One worksheet's cells → its tables. A budget sheet prints, top to bottom: a label
// (预算01表), a title merged across the table, a 编制单位 / 单位：万元 row, the header
// (merged ranges), the body, a note. Rows of one text (or of unit/title text only) are
// lines — before the table or after it; runs of rows of several cells are tables.
import type { Table } from "../table-ir.ts";
import { spanTable, type SpanCell } from "./span-grid.ts";

export interface SheetTableOptions {
  /** A single-text row is a line (title, note) when its cell spans at least this share of the sheet's width. */
  lineSpanShare: number;
}
export const DEFAULT_SHEET_TABLE_OPTIONS: SheetTableOptions = { lineSpanShare: 0.5 };

/** Texts that are a title, label, unit or note line even when they share the row with another. */
const LINE_TEXT = /^(编制(单位|部门)|单位)[:：]|单位[:：]\s*(万元|元|千元)|表(（[^）]*）|\([^)]*\))?$|^(注|说明|备注)[:：\d]|^(部门|单位)?(预算|决算)?(公开)?[\d０-９]*表[\d０-９-]*$/;

/** `cells`: the sheet's non-empty cells and merged masters, 0-based. `page`: the sheet's ordinal (1-based). */
export function sheetTables(cells: SpanCell[], page: number, o: SheetTableOptions = DEFAULT_SHEET_TABLE_OPTIONS): { tables: Table[]; lines: string[] } {
  const filled = cells.filter((c) => c.text !== "");
  if (filled.length === 0) return { tables: [], lines: [] };
  const width = Math.max(...filled.map((c) => c.col + c.colSpan)) - Math.min(...filled.map((c) => c.col));
  const lastRow = Math.max(...cells.map((c) => c.row + c.rowSpan - 1));
  const byRow = new Map<number, SpanCell[]>();
  for (const c of filled) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c].sort((a, b) => a.col - b.col));

  const isLine = (row: SpanCell[]) =>
    row.every((c) => LINE_TEXT.test(c.text)) || (row.length === 1 && row[0]!.colSpan >= Math.max(2, o.lineSpanShare * width));
  type Run = { first: number; last: number };
  const runs: Run[] = [];
  const lines: Array<{ row: number; text: string }> = [];
  let run: Run | null = null;
  for (let r = 0; r <= lastRow; r++) {
    const row = byRow.get(r);
    if (!row) continue;
    // A lone short text inside a table is a row of it (a name without amounts); outside, a line.
    if (isLine(row) || (run === null && row.length === 1)) {
      if (run) { runs.push(run); run = null; }
      lines.push({ row: r, text: row.map((c) => c.text.replace(/\n/g, " ")).join(" ") });
      continue;
    }
    const bottom = Math.max(...row.map((c) => c.row + c.rowSpan - 1));
    if (run) run.last = Math.max(run.last, bottom);
    else run = { first: r, last: bottom };
  }
  if (run) runs.push(run);

  const tables = runs.map((rn, i): Table => {
    const inRun = cells.filter((c) => c.row >= rn.first && c.row <= rn.last);
    const left = Math.min(...inRun.map((c) => c.col));
    const placed = inRun.map((c) => ({ ...c, row: c.row - rn.first, col: c.col - left, rowSpan: Math.min(c.rowSpan, rn.last - c.row + 1) }));
    const prevLast = i > 0 ? runs[i - 1]!.last : -1;
    const nextFirst = i + 1 < runs.length ? runs[i + 1]!.first : Infinity;
    const before = lines.filter((l) => l.row > prevLast && l.row < rn.first).map((l) => l.text);
    const after = lines.filter((l) => l.row > rn.last && l.row < nextFirst).map((l) => l.text);
    const t = spanTable(placed, page, "spreadsheet", before, after);
    // Grid bbox in sheet coordinates, so that two tables of one sheet do not overlap.
    return { ...t, bbox: [left, rn.first, left + t.nCols, rn.first + t.nRows], cells: t.cells.map((c) => ({ ...c, bbox: [c.bbox[0] + left, c.bbox[1] + rn.first, c.bbox[2] + left, c.bbox[3] + rn.first] })) };
  });
  return { tables, lines: lines.map((l) => l.text) };
}
