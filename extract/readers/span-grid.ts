// Rows of cells with spans (HTML rowspan/colspan, Word gridSpan/vMerge, merged
// spreadsheet ranges) → the Table IR's cells: each master once with its spans, every
// other grid position an empty cell, as the lattice reader gives them. Non-PDF cells get
// a synthetic bbox [col, row, col + colSpan, row + rowSpan] (see table-ir.ts).
// Grids are checked against the budget before they are allocated; loops only, no spread
// of a table's cells into arguments (a table may have a million).
import type { Cell, Table, TableMethod } from "../table-ir.ts";
import type { ReadBudget } from "./read-budget.ts";

export interface SpanCell { row: number; col: number; rowSpan: number; colSpan: number; text: string }

export interface RowCell { text: string; rowSpan: number; colSpan: number; skipBefore?: number }

/** HTML's table model: each row's cells go into the first columns not taken by a rowspan from above. */
export function placeRows(rows: RowCell[][], budget: ReadBudget, where: string): SpanCell[] {
  budget.checkRows(rows.length, where);
  /** Per later row, the columns a rowspan from above already takes. */
  const taken = new Map<number, Set<number>>();
  const out: SpanCell[] = [];
  for (let r = 0; r < rows.length; r++) {
    const above = taken.get(r);
    taken.delete(r);
    let c = 0;
    for (const cell of rows[r]!) {
      budget.tick(where);
      c += cell.skipBefore ?? 0;
      while (above?.has(c)) c++;
      // A rowspan never reaches past the table's last row.
      const rowSpan = Math.max(1, Math.min(budget.span(cell.rowSpan), rows.length - r));
      const colSpan = budget.span(cell.colSpan);
      // The cell itself was counted as it was read; what its spans cover counts here.
      if (rowSpan * colSpan > 1) budget.addCells(rowSpan * colSpan - 1, where);
      for (let rr = r + 1; rr < r + rowSpan; rr++) {
        let set = taken.get(rr);
        if (!set) taken.set(rr, (set = new Set()));
        for (let cc = c; cc < c + colSpan; cc++) set.add(cc);
      }
      out.push({ row: r, col: c, rowSpan, colSpan, text: cell.text });
      c += colSpan;
    }
  }
  return out;
}

/** The grid's size: one past the last row and column any cell reaches. */
export function gridExtent(cells: readonly SpanCell[]): { nRows: number; nCols: number } {
  let nRows = 0, nCols = 0;
  for (const c of cells) {
    if (c.row + c.rowSpan > nRows) nRows = c.row + c.rowSpan;
    if (c.col + c.colSpan > nCols) nCols = c.col + c.colSpan;
  }
  return { nRows, nCols };
}

/** A table from placed cells: spans clipped to the grid, uncovered positions filled with empty cells. */
export function spanTable(cells: SpanCell[], page: number, method: TableMethod, before: string[], budget: ReadBudget, after: string[] = []): Table {
  const { nRows, nCols } = gridExtent(cells);
  budget.checkTableGrid(nRows, nCols, `table ${page}`);
  const covered = new Uint8Array(nRows * nCols);
  const at = (r: number, k: number) => r * nCols + k;
  const out: Cell[] = [];
  const cell = (row: number, col: number, rowSpan: number, colSpan: number, text: string): Cell =>
    ({ row, col, rowSpan, colSpan, text, page, bbox: [col, row, col + colSpan, row + rowSpan] });
  const where = `table ${page}`;
  for (const c of cells) {
    budget.tick(where);
    if (covered[at(c.row, c.col)]) continue; // overlapping spans (broken markup): the first wins
    let colSpan = 1;
    while (colSpan < c.colSpan && !covered[at(c.row, c.col + colSpan)]) colSpan++;
    let rowSpan = 1;
    while (rowSpan < c.rowSpan && rowFree(covered, at(c.row + rowSpan, c.col), colSpan)) rowSpan++;
    for (let r = c.row; r < c.row + rowSpan; r++) covered.fill(1, at(r, c.col), at(r, c.col) + colSpan);
    out.push(cell(c.row, c.col, rowSpan, colSpan, c.text));
  }
  for (let r = 0; r < nRows; r++) {
    budget.tick(where);
    for (let k = 0; k < nCols; k++) if (!covered[at(r, k)]) out.push(cell(r, k, 1, 1, ""));
  }
  out.sort((a, b) => a.row - b.row || a.col - b.col);
  return { page, bbox: [0, 0, nCols, nRows], nRows, nCols, cells: out, method, before, after };
}

function rowFree(covered: Uint8Array, from: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (covered[from + k]) return false;
  return true;
}

/** Cell text as the IR wants it: each line trimmed and inner runs of spaces collapsed, empty lines dropped. */
export function cellText(raw: string): string {
  return raw.split(/\r\n|\r|\n/).map((l) => l.replace(/[\s\u00a0\u3000]+/g, " ").trim()).filter(Boolean).join("\n");
}
