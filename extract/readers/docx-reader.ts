// DOCX → Table IR from word/document.xml, scanned as a stream (xml-scanner.ts): body
// paragraphs are lines, each body-level w:tbl a table; w:gridSpan gives column spans,
// w:vMerge (restart / continue) row spans, w:gridBefore skipped leading grid columns. A
// table inside a cell is that cell's text, one line per paragraph. Content controls
// (w:sdt) and custom XML wrappers are looked through. No tree is built and nothing
// recurses, so a deep or long document costs its events and its cells, counted as read.
import { ReaderError } from "./reader-error.ts";
import { ReadBudget } from "./read-budget.ts";
import { PackageParts } from "./zip-archive.ts";
import { spanTable, cellText, type SpanCell } from "./span-grid.ts";
import { scanXml } from "./xml-scanner.ts";
import type { ReadTables } from "./read-result.ts";
import type { Table } from "../table-ir.ts";

const MAX_COVER_LINES = 60;
const PART = "word/document.xml";
/** Elements looked through at body level and inside rows (their content counts as if unwrapped). */
const WRAPPERS = new Set(["w:sdt", "w:sdtContent", "w:customXml"]);
/** Paragraph content that is not printed text. */
const SKIPPED = new Set(["w:del", "w:delText", "w:instrText"]);

interface CellFrame { col: number; colSpan: number; vMerge: "restart" | "continue" | null; lines: string[] }
interface TableFrame { rows: number; row: number; col: number; cells: SpanCell[]; openAt: Map<number, SpanCell>; cell: CellFrame | null }

export function readDocx(bytes: Uint8Array, budget: ReadBudget = new ReadBudget()): ReadTables {
  const xml = new PackageParts(bytes, budget.limits).get(PART);
  if (!xml) throw new ReaderError("not a DOCX document (no word/document.xml)");
  // The document must end as written: a part cut short or overwritten must not pass for an empty one.
  const tail = xml.toString("latin1", Math.max(0, xml.length - 256));
  if (!/<\/w:body>\s*<\/w:document>\s*$/.test(tail)) throw new ReaderError("corrupt DOCX: word/document.xml does not end with </w:body></w:document>");

  const tables: Table[] = [];
  const lines: string[] = [];
  let linesAtLastTable = 0;
  let sawBody = false;
  /** Open elements, innermost last. */
  const stack: string[] = [];
  /** Depth (stack length) at which each state began; -1 when not in it. */
  let bodyAt = -1, ignoredAt = -1, paraAt = -1, skipAt = -1, tAt = -1;
  let para = "";
  let table: TableFrame | null = null;
  let tableAt = -1;
  let nestedTables = 0;

  const atBodyLevel = () => bodyAt >= 0 && ignoredAt < 0 && table === null;
  const endParagraph = () => {
    const text = cellText(para);
    para = "";
    paraAt = -1;
    if (table?.cell) { if (text) table.cell.lines.push(text); }
    else if (table === null) {
      const line = text.replace(/\n/g, " ");
      if (line) lines.push(line);
    }
  };

  scanXml(xml, PART, budget, {
    open(name, attrs) {
      stack.push(name);
      const depth = stack.length;
      if (name === "w:body" && bodyAt < 0) { bodyAt = depth; sawBody = true; return; }
      if (bodyAt < 0 || ignoredAt >= 0) return;
      if (paraAt >= 0) {
        // Inside a paragraph: runs, tabs, breaks; deleted and field-code text left out.
        if (SKIPPED.has(name) && skipAt < 0) skipAt = depth;
        else if (skipAt < 0) {
          if (name === "w:t") tAt = depth;
          else if (name === "w:tab") para += " ";
          else if (name === "w:br" || name === "w:cr") para += "\n";
        }
        return;
      }
      if (name === "w:p") {
        if (table === null || table.cell) { paraAt = depth; para = ""; }
        return;
      }
      if (name === "w:tbl") {
        if (table) nestedTables++;
        else if (atBodyLevel()) { table = { rows: 0, row: -1, col: 0, cells: [], openAt: new Map(), cell: null }; tableAt = depth; }
        return;
      }
      if (table && nestedTables === 0) {
        if (name === "w:tr") { table.row = table.rows++; table.col = 0; budget.checkRows(table.rows, `table ${tables.length + 1}`); }
        else if (name === "w:gridBefore" && !table.cell) table.col += Math.max(0, intAttr(attrs) ?? 0);
        else if (name === "w:tc") table.cell = { col: table.col, colSpan: 1, vMerge: null, lines: [] };
        else if (name === "w:gridSpan" && table.cell) table.cell.colSpan = budget.span(intAttr(attrs) ?? 1);
        else if (name === "w:vMerge" && table.cell) table.cell.vMerge = attrs()["w:val"] === "restart" ? "restart" : "continue";
        return;
      }
      if (table === null && !WRAPPERS.has(name)) ignoredAt = depth;
    },
    close(name) {
      const depth = stack.length;
      stack.pop();
      if (depth === ignoredAt) { ignoredAt = -1; return; }
      if (depth === skipAt) { skipAt = -1; return; }
      if (depth === tAt) { tAt = -1; return; }
      if (depth === paraAt) { endParagraph(); return; }
      if (depth === bodyAt) { bodyAt = -1; return; }
      if (!table) return;
      if (name === "w:tbl") {
        if (depth === tableAt) finishTable();
        else if (nestedTables > 0) nestedTables--;
        return;
      }
      if (name === "w:tc" && nestedTables === 0 && table.cell) finishCell(table);
    },
    wantText: () => tAt >= 0 && skipAt < 0,
    text(t) { budget.addText(t.length, PART); para += t; },
  });
  if (!sawBody) throw new ReaderError("corrupt DOCX: word/document.xml has no w:body");

  function finishCell(t: TableFrame): void {
    const c = t.cell!;
    t.cell = null;
    const r = t.row;
    const open = t.openAt.get(c.col);
    if (c.vMerge === "continue" && open && open.row + open.rowSpan === r && open.colSpan === c.colSpan) {
      open.rowSpan++;
    } else {
      const cell: SpanCell = { row: r, col: c.col, rowSpan: 1, colSpan: c.colSpan, text: c.lines.join("\n") };
      t.cells.push(cell);
      t.openAt.set(c.col, cell);
    }
    budget.addCells(c.colSpan, `table ${tables.length + 1}`);
    t.col += c.colSpan;
  }

  function finishTable(): void {
    const t = table!;
    table = null;
    tableAt = -1;
    const page = tables.length + 1;
    const found = t.cells.length > 0 ? spanTable(t.cells, page, "docx", lines.slice(linesAtLastTable), budget) : null;
    if (tables.length > 0) tables[tables.length - 1]!.after = lines.slice(linesAtLastTable);
    if (found) tables.push(found);
    linesAtLastTable = lines.length;
  }

  if (tables.length > 0) tables[tables.length - 1]!.after = lines.slice(linesAtLastTable);
  const firstTableLines = tables.length ? tables[0]!.before.length : lines.length;
  return {
    tables, pageCount: 1, coverLines: lines.slice(0, Math.min(firstTableLines, MAX_COVER_LINES)),
    pageText: [{ page: 1, text: lines.join("\n") }], notes: [],
  };
}

function intAttr(attrs: () => Record<string, string>): number | undefined {
  const i = Number.parseInt(attrs()["w:val"] ?? "", 10);
  return Number.isFinite(i) ? i : undefined;
}
