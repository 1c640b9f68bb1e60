// Tables of a document, page by page → the standard tables it prints: title and
// kind recognised, unit read, tables continued over pages merged into one
// (their repeated header rows dropped).
import type { Table } from "../extract/table-ir.ts";
import type { AmountUnit, TableKind } from "./line-item.ts";
import { tableKindFromTitle, looksLikeTitle } from "./table-kind.ts";
import { analyseLayout, type TableLayout } from "./table-layout.ts";
import { cellLine } from "./text.ts";

export interface RecognisedTable {
  kind: TableKind | null;
  title: string;
  unit: AmountUnit | null;
  pages: number[];
  /** Flattened header path per column, e.g. "一般公共预算支出/基本支出". */
  headers: string[];
  /** The table, parts continued on later pages appended below the first. */
  table: Table;
  layout: TableLayout;
  /** Notes printed with the table (本表为空表 …). */
  notes: string[];
  /** True when the table prints no body row at all (published empty). */
  empty: boolean;
}

const UNIT = /单位[:：]\s*(万元|元)|[（(](万元|元)[)）]/;

export function unitIn(lines: string[]): AmountUnit | null {
  for (const l of lines) {
    const m = l.replace(/\s+/g, "").match(UNIT);
    if (m) return (m[1] ?? m[2]) as AmountUnit;
  }
  return null;
}

/** The title of a table: the nearest title-like line above it, or a title row inside it. */
export function titleOf(table: Table, layout: TableLayout): string | null {
  for (let i = table.before.length - 1; i >= 0; i--) {
    const line = cellLine(table.before[i]!);
    if (looksLikeTitle(line)) return line;
    // A unit on the same line as the title: "2025年部门收支总表 单位：元".
    const head = line.replace(/\s*(编制(单位|部门)[:：].*|单位[:：].*)$/, "");
    if (head !== line && looksLikeTitle(head)) return head;
  }
  return layout.titleRows.find((t) => looksLikeTitle(t.replace(/\s*单位[:：].*$/, ""))) ?? null;
}

export function recogniseTables(tables: Table[]): RecognisedTable[] {
  const out: RecognisedTable[] = [];
  for (const table of tables) {
    const layout = analyseLayout(table);
    const title = titleOf(table, layout);
    const prev = out[out.length - 1];
    if (title === null && prev && isContinuation(prev, table)) {
      appendPart(prev, table, layout);
      continue;
    }
    const unit = unitIn([...table.before, ...layout.titleRows, ...layout.columns.flatMap((c) => c.header)]);
    out.push({
      kind: title ? tableKindFromTitle(title) : null,
      title: title ?? "",
      unit,
      pages: [table.page],
      headers: layout.columns.map((c) => c.header.join("/")),
      table: { ...table, cells: [...table.cells] },
      layout,
      notes: [...table.after],
      empty: layout.bodyStart >= table.nRows,
    });
  }
  for (const t of out) t.empty = t.layout.bodyStart >= t.table.nRows;
  return out;
}

/** A table with no title at the top of the page after the one it continues, with as many columns. */
function isContinuation(prev: RecognisedTable, table: Table): boolean {
  const lastPage = prev.pages[prev.pages.length - 1]!;
  return table.page === lastPage + 1 && table.nCols === prev.table.nCols;
}

/** Append a continued part's body rows (its repeated header dropped) and re-read the layout. */
function appendPart(prev: RecognisedTable, part: Table, partLayout: TableLayout) {
  const offset = prev.table.nRows - partLayout.bodyStart;
  const body = part.cells.filter((c) => c.row >= partLayout.bodyStart).map((c) => ({ ...c, row: c.row + offset }));
  prev.table = { ...prev.table, nRows: prev.table.nRows + part.nRows - partLayout.bodyStart, cells: [...prev.table.cells, ...body] };
  prev.pages.push(part.page);
  prev.notes.push(...part.after);
  prev.layout = analyseLayout(prev.table);
  prev.headers = prev.layout.columns.map((c) => c.header.join("/"));
}
