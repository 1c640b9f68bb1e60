// Rows of cells with spans (HTML rowspan/colspan, Word gridSpan/vMerge, merged
// spreadsheet ranges) → the Table IR's cells: each master once with its spans, every
// other grid position an empty cell, as the lattice reader gives them. Non-PDF cells get
// a synthetic bbox [col, row, col + colSpan, row + rowSpan] (see table-ir.ts).
import type { Cell, Table, TableMethod } from "../table-ir.ts";
import { ReaderError } from "./reader-error.ts";

/** Most grid positions a table may have: spans of broken or hostile markup are refused before they are filled. */
export const MAX_TABLE_CELLS = 1_000_000;

export interface SpanCell { row: number; col: number; rowSpan: number; colSpan: number; text: string }

/** HTML's table model: each row's cells go into the first columns not taken by a rowspan from above. */
export function placeRows(rows: Array<Array<{ text: string; rowSpan: number; colSpan: number; skipBefore?: number }>>): SpanCell[] {
  const taken: boolean[][] = [];
  const out: SpanCell[] = [];
  const isTaken = (r: number, c: number) => taken[r]?.[c] === true;
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      c += cell.skipBefore ?? 0;
      while (isTaken(r, c)) c++;
      // A rowspan never reaches past the table's last row.
      const rowSpan = Math.max(1, Math.min(cell.rowSpan, rows.length - r));
      const colSpan = Math.max(1, cell.colSpan);
      for (let rr = r; rr < r + rowSpan; rr++) for (let cc = c; cc < c + colSpan; cc++) (taken[rr] ??= [])[cc] = true;
      out.push({ row: r, col: c, rowSpan, colSpan, text: cell.text });
      c += colSpan;
    }
  });
  return out;
}

/** A table from placed cells: spans clipped to the grid, uncovered positions filled with empty cells. */
export function spanTable(cells: SpanCell[], page: number, method: TableMethod, before: string[], after: string[] = []): Table {
  const nRows = Math.max(0, ...cells.map((c) => c.row + c.rowSpan));
  const nCols = Math.max(0, ...cells.map((c) => c.col + c.colSpan));
  if (nRows * nCols > MAX_TABLE_CELLS) throw new ReaderError(`table ${page} spans ${nRows}×${nCols} cells, more than the limit of ${MAX_TABLE_CELLS}`);
  const covered = Array.from({ length: nRows }, () => Array<boolean>(nCols).fill(false));
  const out: Cell[] = [];
  const cell = (row: number, col: number, rowSpan: number, colSpan: number, text: string): Cell =>
    ({ row, col, rowSpan, colSpan, text, page, bbox: [col, row, col + colSpan, row + rowSpan] });
  for (const c of cells) {
    if (covered[c.row]![c.col]) continue; // overlapping spans (broken markup): the first wins
    let colSpan = 1;
    while (colSpan < c.colSpan && !covered[c.row]![c.col + colSpan]) colSpan++;
    let rowSpan = 1;
    while (rowSpan < c.rowSpan && [...Array(colSpan).keys()].every((k) => !covered[c.row + rowSpan]![c.col + k])) rowSpan++;
    for (let r = c.row; r < c.row + rowSpan; r++) for (let k = c.col; k < c.col + colSpan; k++) covered[r]![k] = true;
    out.push(cell(c.row, c.col, rowSpan, colSpan, c.text));
  }
  for (let r = 0; r < nRows; r++) for (let k = 0; k < nCols; k++) if (!covered[r]![k]) out.push(cell(r, k, 1, 1, ""));
  out.sort((a, b) => a.row - b.row || a.col - b.col);
  return { page, bbox: [0, 0, nCols, nRows], nRows, nCols, cells: out, method, before, after };
}

/** Cell text as the IR wants it: each line trimmed and inner runs of spaces collapsed, empty lines dropped. */
export function cellText(raw: string): string {
  return raw.split(/\r\n|\r|\n/).map((l) => l.replace(/[\s\u00a0\u3000]+/g, " ").trim()).filter(Boolean).join("\n");
}
