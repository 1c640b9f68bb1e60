// One worksheet's cells → its tables. A budget sheet prints, top to bottom: a label
// (预算01表), a title merged across the table, a 编制单位 / 单位：万元 row, the header
// (merged ranges), the body, a note. Rows of one text (or of unit/title text only) are
// lines — before the table or after it; runs of rows of several cells are tables.
// Linear in the sheet's cells (a sheet may hold millions): one pass to group by row,
// one to find the runs, one to cut the runs out.
import type { Table } from "../table-ir.ts";
import { spanTable, type SpanCell } from "./span-grid.ts";
import type { ReadBudget } from "./read-budget.ts";

export interface SheetTableOptions {
  /** A single-text row is a line (title, note) when its cell spans at least this share of the sheet's width. */
  lineSpanShare: number;
}
export const DEFAULT_SHEET_TABLE_OPTIONS: SheetTableOptions = { lineSpanShare: 0.5 };

/** Texts that are a title, label, unit or note line even when they share the row with another. */
const LINE_TEXT = /^(编制(单位|部门)|单位)[:：]|单位[:：]\s*(万元|元|千元)|表(（[^）]*）|\([^)]*\))?$|^(注|说明|备注)[:：\d]|^(部门|单位)?(预算|决算)?(公开)?[\d０-９]*表[\d０-９-]*$/;

/** `cells`: the sheet's non-empty cells and merged masters, 0-based. `page`: the sheet's ordinal (1-based). */
export function sheetTables(cells: SpanCell[], page: number, budget: ReadBudget, o: SheetTableOptions = DEFAULT_SHEET_TABLE_OPTIONS): { tables: Table[]; lines: string[] } {
  const where = `sheet ${page}`;
  let minCol = Infinity, maxCol = -Infinity;
  const byRow = new Map<number, SpanCell[]>();
  for (const c of cells) {
    budget.tick(where);
    if (c.text === "") continue;
    if (c.col < minCol) minCol = c.col;
    if (c.col + c.colSpan > maxCol) maxCol = c.col + c.colSpan;
    const row = byRow.get(c.row);
    if (row) row.push(c);
    else byRow.set(c.row, [c]);
  }
  if (byRow.size === 0) return { tables: [], lines: [] };
  const width = maxCol - minCol;
  const rowNumbers = [...byRow.keys()].sort((a, b) => a - b);
  for (const row of byRow.values()) row.sort((a, b) => a.col - b.col);

  const isLine = (row: SpanCell[]) =>
    row.every((c) => LINE_TEXT.test(c.text)) || (row.length === 1 && row[0]!.colSpan >= Math.max(2, o.lineSpanShare * width));
  type Run = { first: number; last: number };
  const runs: Run[] = [];
  const lines: Array<{ row: number; text: string }> = [];
  let run: Run | null = null;
  for (const r of rowNumbers) {
    budget.tick(where);
    const row = byRow.get(r)!;
    // A lone short text inside a table is a row of it (a name without amounts); outside, a line.
    // A run ends at the first line row, or where a row starts below the cells that reach lowest.
    if (isLine(row) || (run === null && row.length === 1)) {
      if (run) { runs.push(run); run = null; }
      lines.push({ row: r, text: row.map((c) => c.text.replace(/\n/g, " ")).join(" ") });
      continue;
    }
    let bottom = r;
    for (const c of row) if (c.row + c.rowSpan - 1 > bottom) bottom = c.row + c.rowSpan - 1;
    if (run) run.last = Math.max(run.last, bottom);
    else run = { first: r, last: bottom };
  }
  if (run) runs.push(run);
  if (runs.length === 0) return { tables: [], lines: lines.map((l) => l.text) };

  // Every cell (empty merged masters too) into the run whose rows hold it: runs are sorted and disjoint.
  const inRun: SpanCell[][] = runs.map(() => []);
  const sortedCells = cells.slice().sort((a, b) => a.row - b.row);
  let k = 0;
  for (const c of sortedCells) {
    budget.tick(where);
    while (k < runs.length && runs[k]!.last < c.row) k++;
    if (k === runs.length) break;
    if (c.row >= runs[k]!.first) inRun[k]!.push(c);
  }

  // Each line goes before the run below it and after the run above it (lines inside a run's rows, beside a tall merged cell, to neither).
  const before: string[][] = runs.map(() => []);
  const after: string[][] = runs.map(() => []);
  let j = 0;
  for (const l of lines) {
    while (j < runs.length && runs[j]!.last < l.row) j++;
    if (j < runs.length && l.row >= runs[j]!.first) continue;
    if (j < runs.length) before[j]!.push(l.text);
    if (j > 0) after[j - 1]!.push(l.text);
  }

  const tables = runs.map((rn, i): Table => {
    let left = Infinity;
    for (const c of inRun[i]!) if (c.col < left) left = c.col;
    const placed = inRun[i]!.map((c) => ({ ...c, row: c.row - rn.first, col: c.col - left, rowSpan: Math.min(c.rowSpan, rn.last - c.row + 1) }));
    const t = spanTable(placed, page, "spreadsheet", before[i]!, budget, after[i]!);
    // Grid bbox in sheet coordinates, so that two tables of one sheet do not overlap.
    for (const c of t.cells) c.bbox = [c.bbox[0] + left, c.bbox[1] + rn.first, c.bbox[2] + left, c.bbox[3] + rn.first];
    return { ...t, bbox: [left, rn.first, left + t.nCols, rn.first + t.nRows] };
  });
  return { tables, lines: lines.map((l) => l.text) };
}
