// A header cell OCR garbled beyond snapping (三公 小计 read as 个f。) still has cues besides
// its text: where it stands and what its column adds up to. A column whose figures are, row
// by row, the sum of the columns to its right under the same parent header is that group's
// 小计 (under no parent: the table's 合计) — so the total is taken from it, not from a wider
// 合计 beside it that includes other parts. Only header cells that name no known term are
// given a name this way. Pure.
import type { Cell, Table } from "../table-ir.ts";
import { HEADER_TERMS } from "./ocr-vocabulary.ts";

export interface HeaderRoleOptions {
  /** Share of the rows with figures in which the sum must hold. */
  minShare: number;
  /** Rows with figures needed. */
  minRows: number;
}
export const DEFAULT_HEADER_ROLE_OPTIONS: HeaderRoleOptions = { minShare: 0.8, minRows: 1 };

const value = (t: string) => {
  const s = t.replace(/[\s,，]/g, "");
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s === "-" ? 0 : null;
};

/** `header`: the table's header row count. Returns the table with such header cells named. */
export function nameHeadersBySums(table: Table, header: number, o: HeaderRoleOptions = DEFAULT_HEADER_ROLE_OPTIONS): Table {
  if (header === 0) return table;
  const known = (t: string) => HEADER_TERMS.includes(t.replace(/\s+/g, ""));
  const at = new Map<string, Cell>();
  for (const c of table.cells) for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) at.set(`${r},${k}`, c);
  const figure = (row: number, col: number) => { const c = at.get(`${row},${col}`); return c && c.colSpan === 1 ? value(c.text) : null; };
  const out = [...table.cells];
  table.cells.forEach((cell, i) => {
    // The lowest header cell of one column, its text no known term.
    if (cell.colSpan !== 1 || cell.row + cell.rowSpan !== header || known(cell.text)) return;
    const parent = cell.row > 0 ? at.get(`${cell.row - 1},${cell.col}`) : undefined;
    const groupEnd = parent && parent.colSpan > 1 ? parent.col + parent.colSpan : table.nCols;
    const parts = Array.from({ length: groupEnd - cell.col - 1 }, (_, k) => cell.col + 1 + k);
    if (parts.length < 2) return;
    let rows = 0, holds = 0, telling = 0;
    for (let r = header; r < table.nRows; r++) {
      const total = figure(r, cell.col);
      if (total === null) continue;
      const values = parts.map((k) => figure(r, k));
      if (values.some((v) => v === null)) continue;
      rows++;
      const sum = values.reduce((a, b) => a! + b!, 0)!;
      if (Math.abs(sum - total) < 0.005 + 1e-9 * Math.abs(total)) { holds++; if (total !== 0) telling++; }
    }
    // 0 = 0 + 0 says nothing: at least one row must add up to something.
    if (rows >= o.minRows && holds >= o.minShare * rows && telling > 0) out[i] = { ...cell, text: parent && parent.colSpan > 1 ? "小计" : "合计" };
  });
  return { ...table, cells: out };
}
