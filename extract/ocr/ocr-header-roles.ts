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
    // A header cell over one column that reaches the body, its text no known term.
    if (cell.colSpan !== 1 || cell.row + cell.rowSpan !== header || known(cell.text)) return;
    // Its siblings: the other header cells starting on its row under the same parent (or the whole row);
    // a sibling group adds up through its own first column (its 小计).
    const parent = cell.row > 0 ? at.get(`${cell.row - 1},${cell.col}`) : undefined;
    const [from, to] = parent && parent.colSpan > 1 ? [parent.col, parent.col + parent.colSpan] : [0, table.nCols];
    const siblings = table.cells.filter((c) => c !== cell && c.row === cell.row && c.col >= from && c.col + c.colSpan <= to && c.col !== cell.col);
    if (siblings.length < 2 || siblings.some((c) => c.col < cell.col)) return;
    let rows = 0, holds = 0, telling = 0;
    for (let r = header; r < table.nRows; r++) {
      const total = figure(r, cell.col);
      if (total === null) continue;
      const values = siblings.map((c) => figure(r, c.col));
      // A blank part is nothing spent; but a row of blanks says nothing.
      if (values.every((v) => v === null)) continue;
      rows++;
      const sum = values.reduce((a: number, b) => a + (b ?? 0), 0);
      if (Math.abs(sum - total) < 0.005 + 1e-9 * Math.abs(total)) { holds++; if (total !== 0) telling++; }
    }
    // 0 = 0 + 0 says nothing: at least one row must add up to something.
    if (rows >= o.minRows && holds >= o.minShare * rows && telling > 0) out[i] = { ...cell, text: parent && parent.colSpan > 1 ? "小计" : "合计" };
  });
  return { ...table, cells: out };
}
