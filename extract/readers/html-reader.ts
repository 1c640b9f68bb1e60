// HTML → Table IR with cheerio. Tables with rowspan/colspan become spans; the text
// blocks between one table and the next (headings, 单位：万元 paragraphs, <caption>)
// are the next table's `before` lines and the previous one's `after`. Tables that
// hold tables are layout: their cells are read as blocks. Pages in GBK are decoded
// by their declared charset, or by trying UTF-8 first.
import * as cheerio from "cheerio";
import { ReaderError } from "./reader-error.ts";
import { placeRows, spanTable, cellText } from "./span-grid.ts";
import type { ReadTables } from "./read-result.ts";
import type { Table } from "../table-ir.ts";

/** The parts of a domhandler node this reader uses (cheerio's node type, structurally). */
interface DomNode { type: string; name?: string; data?: string; attribs?: Record<string, string>; children?: DomNode[] }

const SKIP = new Set(["script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg"]);
const BLOCK = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "center", "header", "footer", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "caption", "blockquote", "pre", "form", "dl", "dt", "dd", "hr", "address", "main", "nav", "aside"]);
/** Lines before the first table kept as the document's cover text. */
const MAX_COVER_LINES = 60;
/** rowspan/colspan beyond this are broken markup, not tables. */
const MAX_SPAN = 1000;

export function readHtml(bytes: Uint8Array): ReadTables {
  const html = decodeHtml(bytes);
  // A page cut off in transfer ends inside a table: its last rows would be lost without a word.
  const opened = html.match(/<table[\s>]/gi)?.length ?? 0;
  const closed = html.match(/<\/table\s*>/gi)?.length ?? 0;
  if (opened > closed) throw new ReaderError(`truncated HTML: ${opened - closed} of ${opened} tables never closed (</table> missing)`);
  const $ = cheerio.load(html);
  const root = $.root()[0] as unknown as DomNode;
  const tables: Table[] = [];
  const lines: string[] = [];
  let current = "";
  let linesAtLastTable = 0;
  const flush = () => {
    const t = cellText(current).replace(/\n/g, " ");
    if (t) lines.push(t);
    current = "";
  };
  const walk = (n: DomNode) => {
    if (n.type === "text") { current += n.data ?? ""; return; }
    if (n.type !== "tag" && n.type !== "root") return;
    const name = n.name?.toLowerCase() ?? "";
    if (SKIP.has(name)) return;
    if (name === "br") { flush(); return; }
    if (name === "table" && !hasTable(n.children ?? [])) {
      flush();
      const caption = elementChildren(n).filter((c) => c.name === "caption").map((c) => cellText(textOf(c)).replace(/\n/g, " ")).filter(Boolean);
      const table = readTable(n, tables.length + 1, [...lines.slice(linesAtLastTable), ...caption]);
      if (tables.length > 0) tables[tables.length - 1]!.after = lines.slice(linesAtLastTable);
      if (table) tables.push(table);
      linesAtLastTable = lines.length;
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    for (const c of n.children ?? []) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  if (tables.length > 0) tables[tables.length - 1]!.after = lines.slice(linesAtLastTable);
  const firstTableLines = tables.length ? tables[0]!.before.length : lines.length;
  return { tables, pageCount: 1, coverLines: lines.slice(0, Math.min(firstTableLines, MAX_COVER_LINES)), pageText: [{ page: 1, text: lines.join("\n") }], notes: [] };
}

/** One table without nested tables; page = its ordinal in the document. */
function readTable(table: DomNode, page: number, before: string[]): Table | null {
  const rows = rowsOf(table).map((tr) =>
    elementChildren(tr).filter((c) => c.name === "td" || c.name === "th").map((td) => ({
      text: cellText(textOf(td)),
      rowSpan: span(td.attribs?.rowspan),
      colSpan: span(td.attribs?.colspan),
    })),
  );
  if (rows.every((r) => r.length === 0)) return null;
  return spanTable(placeRows(rows), page, "html", before);
}

/** The table's own rows, through thead/tbody/tfoot but not into nested tables. */
function rowsOf(table: DomNode): DomNode[] {
  const out: DomNode[] = [];
  for (const c of elementChildren(table)) {
    if (c.name === "tr") out.push(c);
    else if (c.name === "thead" || c.name === "tbody" || c.name === "tfoot") out.push(...elementChildren(c).filter((r) => r.name === "tr"));
  }
  return out;
}

/** Text of a cell: <br> and block elements start new lines. */
function textOf(n: DomNode): string {
  if (n.type === "text") return (n.data ?? "").replace(/[\r\n\t ]+/g, " ");
  if (n.type !== "tag") return "";
  const name = n.name?.toLowerCase() ?? "";
  if (SKIP.has(name)) return "";
  if (name === "br") return "\n";
  const inner = (n.children ?? []).map(textOf).join("");
  return BLOCK.has(name) ? `\n${inner}\n` : inner;
}

const elementChildren = (n: DomNode) => (n.children ?? []).filter((c) => c.type === "tag").map((c) => ({ ...c, name: c.name?.toLowerCase() }));
const hasTable = (nodes: DomNode[]): boolean => nodes.some((c) => c.type === "tag" && (c.name?.toLowerCase() === "table" || hasTable(c.children ?? [])));

function span(v: string | undefined): number {
  const n = Number.parseInt(v ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** Bytes → text: BOM, then the charset a <meta> declares, then UTF-8 if it decodes cleanly, else GB18030 (a superset of GBK and GB2312). */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (declared) {
    const label = /^(gb2312|gbk|gb_2312-80|x-gbk|cp936|euc-cn)$/.test(declared) ? "gb18030" : declared;
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(label);
    } catch {
      throw new ReaderError(`HTML declares an unknown charset ${JSON.stringify(declared)}`);
    }
    return decoder.decode(bytes);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}
