// DOCX → Table IR from word/document.xml directly (cheerio in XML mode): body
// paragraphs are lines, each w:tbl a table; w:gridSpan gives column spans, w:vMerge
// (restart / continue) row spans, w:gridBefore skipped leading grid columns.
import * as cheerio from "cheerio";
import { ReaderError } from "./reader-error.ts";
import { DEFAULT_READER_LIMITS, type ReaderLimits } from "./limits.ts";
import { readZip } from "./zip-archive.ts";
import { spanTable, cellText, type SpanCell } from "./span-grid.ts";
import type { ReadTables } from "./read-result.ts";
import type { Table } from "../table-ir.ts";

interface XmlNode { type: string; name?: string; data?: string; attribs?: Record<string, string>; children?: XmlNode[] }

const MAX_COVER_LINES = 60;
const MAX_SPAN = 1000;

export function readDocx(bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS): ReadTables {
  const parts = readZip(bytes, limits, (e) => e.name === "word/document.xml");
  const xml = parts.get("word/document.xml");
  if (!xml) throw new ReaderError("not a DOCX document (no word/document.xml)");
  const text = xml.toString("utf8");
  // The XML parser forgives anything; a document cut short or overwritten must not pass for an empty one.
  if (!/<\/w:body>\s*<\/w:document>\s*$/.test(text)) throw new ReaderError("corrupt DOCX: word/document.xml does not end with </w:body></w:document>");
  const $ = cheerio.load(text, { xml: true });
  const body = find($.root()[0] as unknown as XmlNode, "w:body");
  if (!body) throw new ReaderError("corrupt DOCX: word/document.xml has no w:body");
  const tables: Table[] = [];
  const lines: string[] = [];
  let linesAtLastTable = 0;
  const walk = (nodes: XmlNode[]) => {
    for (const n of nodes) {
      if (n.type !== "tag") continue;
      if (n.name === "w:p") {
        const t = cellText(paragraphText(n)).replace(/\n/g, " ");
        if (t) lines.push(t);
      } else if (n.name === "w:tbl") {
        const table = readTable(n, tables.length + 1, lines.slice(linesAtLastTable));
        if (tables.length > 0) tables[tables.length - 1]!.after = lines.slice(linesAtLastTable);
        if (table) tables.push(table);
        linesAtLastTable = lines.length;
      } else if (n.name === "w:sdt" || n.name === "w:sdtContent" || n.name === "w:customXml") walk(n.children ?? []);
    }
  };
  walk(body.children ?? []);
  if (tables.length > 0) tables[tables.length - 1]!.after = lines.slice(linesAtLastTable);
  const firstTableLines = tables.length ? tables[0]!.before.length : lines.length;
  return { tables, pageCount: 1, coverLines: lines.slice(0, Math.min(firstTableLines, MAX_COVER_LINES)), pageText: [{ page: 1, text: lines.join("\n") }], notes: [] };
}

function readTable(tbl: XmlNode, page: number, before: string[]): Table | null {
  const cells: SpanCell[] = [];
  /** The master cell that started at each column, to extend when a vMerge continues it. */
  const openAt = new Map<number, SpanCell>();
  const rows = kids(tbl).filter((r) => r.name === "w:tr");
  rows.forEach((tr, r) => {
    let c = intVal(find(tr, "w:trPr", "w:gridBefore")) ?? 0;
    for (const tc of rowCells(tr)) {
      const colSpan = Math.min(MAX_SPAN, Math.max(1, intVal(find(tc, "w:tcPr", "w:gridSpan")) ?? 1));
      const vMerge = find(tc, "w:tcPr", "w:vMerge");
      const open = openAt.get(c);
      if (vMerge && vMerge.attribs?.["w:val"] !== "restart" && open && open.row + open.rowSpan === r && open.colSpan === colSpan) {
        open.rowSpan++;
      } else {
        const cell: SpanCell = { row: r, col: c, rowSpan: 1, colSpan, text: cellText(kids(tc).filter((p) => p.name === "w:p" || p.name === "w:tbl").map(blockText).join("\n")) };
        cells.push(cell);
        openAt.set(c, cell);
      }
      c += colSpan;
    }
  });
  if (cells.length === 0) return null;
  return spanTable(cells, page, "docx", before);
}

/** A row's cells, also those wrapped in content controls. */
function rowCells(tr: XmlNode): XmlNode[] {
  return kids(tr).flatMap((k) => (k.name === "w:tc" ? [k] : k.name === "w:sdt" || k.name === "w:customXml" ? kids(find(k, "w:sdtContent") ?? k).filter((x) => x.name === "w:tc") : []));
}

function blockText(n: XmlNode): string {
  if (n.name === "w:p") return paragraphText(n);
  // A table nested in a cell: its cells' text, one per line.
  return kids(n).filter((r) => r.name === "w:tr").flatMap((tr) => rowCells(tr).map((tc) => kids(tc).map(blockText).join("\n"))).join("\n");
}

/** Runs' text; tabs as spaces, breaks as new lines; deleted text (w:del) left out. */
function paragraphText(p: XmlNode): string {
  let out = "";
  const walk = (n: XmlNode) => {
    if (n.type !== "tag") return;
    if (n.name === "w:t") out += (n.children ?? []).map((c) => c.data ?? "").join("");
    else if (n.name === "w:tab") out += " ";
    else if (n.name === "w:br" || n.name === "w:cr") out += "\n";
    else if (n.name === "w:del" || n.name === "w:delText" || n.name === "w:instrText") return;
    else (n.children ?? []).forEach(walk);
  };
  walk(p);
  return out;
}

const kids = (n: XmlNode) => (n.children ?? []).filter((c) => c.type === "tag");
function find(n: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let cur = n;
  for (const name of path) {
    if (!cur) return undefined;
    cur = name === "w:body" && cur.type === "root" ? deepFind(cur, name) : kids(cur).find((k) => k.name === name);
  }
  return cur;
}
function deepFind(n: XmlNode, name: string): XmlNode | undefined {
  for (const k of kids(n)) {
    if (k.name === name) return k;
    const f = deepFind(k, name);
    if (f) return f;
  }
  return undefined;
}
function intVal(n: XmlNode | undefined): number | undefined {
  const v = n?.attribs?.["w:val"];
  const i = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(i) ? i : undefined;
}
