// HTML → Table IR, read as a stream of tags (htmlparser2): no document tree is built, so
// a page costs its tables, not 70× its size. Tables with rowspan/colspan become spans; the
// text blocks between one table and the next (headings, 单位：万元 paragraphs, <caption>)
// are the next table's `before` lines and the previous one's `after`. Tables that hold
// tables are layout: their cells are read as blocks. The charset is found from the bytes
// (html-charset.ts): a wrong declaration is corrected and noted. Rows, cells, nesting and
// the deadline are counted against the budget as the tags go by.
import { Parser } from "htmlparser2";
import { ReaderError } from "./reader-error.ts";
import { ReadBudget } from "./read-budget.ts";
import { placeRows, spanTable, cellText, type RowCell } from "./span-grid.ts";
import type { ReadTables } from "./read-result.ts";
import { decodeHtml } from "../formats/html-charset.ts";
import type { Table } from "../table-ir.ts";

const SKIP = new Set(["script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg"]);
const BLOCK = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "center", "header", "footer", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "caption", "blockquote", "pre", "form", "dl", "dt", "dd", "hr", "address", "main", "nav", "aside"]);
/** Lines before the first table kept as the document's cover text. */
const MAX_COVER_LINES = 60;

type FlowItem = { line: string } | { rows: RowCell[][]; captions: string[] };

/** Text in reading order, cut into lines at block boundaries. */
class Flow {
  readonly items: FlowItem[] = [];
  current = "";
  flush(): void {
    const t = cellText(this.current).replace(/\n/g, " ");
    if (t) this.items.push({ line: t });
    this.current = "";
  }
}

/** A <table> being read: its grid (if it turns out a data table) and its flow (if it turns out layout). */
interface Frame {
  depth: number;
  rows: RowCell[][];
  cell: { text: string; rowSpan: number; colSpan: number } | null;
  captions: string[];
  caption: { depth: number; text: string } | null;
  nested: boolean;
  flow: Flow;
}

const cellWhitespace = (s: string) => s.replace(/[\r\n\t ]+/g, " ");

export function readHtml(bytes: Uint8Array, budget: ReadBudget = new ReadBudget()): ReadTables {
  const decoded = decodeHtml(bytes);
  const notes: string[] = decoded.note ? [decoded.note] : [];
  const doc = new Flow();
  const frames: Frame[] = [];
  const stack: string[] = [];
  let skipAt = -1;
  let opened = 0, closed = 0;
  const where = () => `HTML, element ${stack.length ? `<${stack[stack.length - 1]}>` : "(top)"}`;
  const top = () => frames[frames.length - 1];
  const flow = () => top()?.flow ?? doc;

  const finishCell = (f: Frame) => {
    if (!f.cell) return;
    if (f.rows.length === 0) f.rows.push([]);
    f.rows[f.rows.length - 1]!.push({ text: cellText(f.cell.text), rowSpan: span(f.cell.rowSpan), colSpan: span(f.cell.colSpan) });
    f.cell = null;
  };
  const span = (n: number) => budget.span(n);
  const blockEdge = () => {
    flow().flush();
    const f = top();
    if (f?.cell) f.cell.text += "\n";
    if (f?.caption) f.caption.text += "\n";
  };

  const parser = new Parser({
    onopentag(raw, attribs) {
      const name = raw.toLowerCase();
      stack.push(name);
      budget.tick(where);
      budget.checkDepth(stack.length, "HTML");
      if (skipAt >= 0) return;
      if (SKIP.has(name)) { skipAt = stack.length; return; }
      const f = top();
      if (name === "br") {
        flow().flush();
        if (f?.cell) f.cell.text += "\n";
        if (f?.caption) f.caption.text += "\n";
        return;
      }
      if (name === "table") {
        blockEdge();
        if (f) f.nested = true;
        opened++;
        frames.push({ depth: stack.length, rows: [], cell: null, captions: [], caption: null, nested: false, flow: new Flow() });
        budget.checkDepth(frames.length, "HTML tables inside tables");
        return;
      }
      if (f) {
        if (name === "caption" && !f.cell && !f.caption) f.caption = { depth: stack.length, text: "" };
        else if (name === "tr") {
          finishCell(f);
          f.rows.push([]);
          budget.checkRows(f.rows.length, `HTML table ${opened}`);
        } else if (name === "td" || name === "th") {
          finishCell(f);
          f.cell = { text: "", rowSpan: intAttr(attribs.rowspan), colSpan: intAttr(attribs.colspan) };
          budget.addCells(1, `HTML table ${opened}`);
        }
      }
      if (BLOCK.has(name)) blockEdge();
    },
    ontext(text) {
      if (skipAt >= 0) return;
      budget.tick(where);
      budget.addText(text.length, where);
      flow().current += text;
      const f = top();
      if (f?.cell) f.cell.text += cellWhitespace(text);
      else if (f?.caption) f.caption.text += cellWhitespace(text);
    },
    onclosetag(raw, isImplied) {
      const name = raw.toLowerCase();
      const depth = stack.length;
      stack.pop();
      if (skipAt >= 0) {
        if (depth === skipAt) skipAt = -1;
        return;
      }
      const f = top();
      if (name === "table" && f && f.depth === depth) {
        finishCell(f);
        if (!isImplied) closed++;
        frames.pop();
        const parent = flow();
        if (!f.nested) parent.items.push({ rows: f.rows, captions: f.captions });
        else {
          f.flow.flush();
          for (const item of f.flow.items) parent.items.push(item);
        }
        blockEdge();
        return;
      }
      if (f?.caption && depth === f.caption.depth) {
        const text = cellText(f.caption.text).replace(/\n/g, " ");
        if (text) f.captions.push(text);
        f.caption = null;
      } else if (f && (name === "td" || name === "th" || name === "tr")) finishCell(f);
      if (BLOCK.has(name)) blockEdge();
    },
  }, { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: false });

  // Fed in slices, so that the deadline is looked at between them too.
  const SLICE = 1 << 20;
  for (let i = 0; i < decoded.text.length; i += SLICE) {
    parser.write(decoded.text.slice(i, i + SLICE));
    budget.checkTime(where());
  }
  parser.end();
  // A page cut off in transfer ends inside a table: its last rows would be lost without a word.
  if (opened > closed) throw new ReaderError(`truncated HTML: ${opened - closed} of ${opened} tables never closed (</table> missing)`);
  doc.flush();

  const tables: Table[] = [];
  const lines: string[] = [];
  let linesAtLastTable = 0;
  for (const item of doc.items) {
    if ("line" in item) { lines.push(item.line); continue; }
    const before = lines.slice(linesAtLastTable);
    for (const c of item.captions) before.push(c);
    if (tables.length > 0) tables[tables.length - 1]!.after = lines.slice(linesAtLastTable);
    if (item.rows.some((r) => r.length > 0)) {
      const page = tables.length + 1;
      tables.push(spanTable(placeRows(item.rows, budget, `HTML table ${page}`), page, "html", before, budget));
    }
    linesAtLastTable = lines.length;
  }
  if (tables.length > 0) tables[tables.length - 1]!.after = lines.slice(linesAtLastTable);
  const firstTableLines = tables.length ? tables[0]!.before.length : lines.length;
  return {
    tables, pageCount: 1, coverLines: lines.slice(0, Math.min(firstTableLines, MAX_COVER_LINES)), pageText: [{ page: 1, text: lines.join("\n") }],
    notes,
  };
}

function intAttr(v: string | undefined): number {
  const n = Number.parseInt(v ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}
