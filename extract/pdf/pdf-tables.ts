// A PDF → the Table IR of every table on every page, with the text lines
// around each table (titles, units, notes) for the transform stage.
import type { Table } from "../table-ir.ts";
import { DEFAULT_PAGE_READ_OPTIONS, type PageContent, type PageReadOptions } from "./page-content.ts";
import { DEFAULT_PDF_ENGINE, pdfEngine, type PdfEngineName } from "./pdf-engine.ts";
import { pageAsRead, turnedPagesNote } from "./page-as-read.ts";
import { segmentsToEdges, DEFAULT_EDGE_OPTIONS, type EdgeOptions } from "../table/edges.ts";
import { closeOpenEdges, DEFAULT_OPEN_EDGE_OPTIONS, type OpenEdgeOptions } from "../table/open-edges.ts";
import { findLatticeTables, DEFAULT_LATTICE_OPTIONS, type LatticeOptions, type LatticeTable } from "../table/lattice.ts";
import { assignWords, groupLines, wordsToText, DEFAULT_CELL_TEXT_OPTIONS, type CellTextOptions } from "../table/words-to-cells.ts";
import { findStreamTables, DEFAULT_STREAM_OPTIONS, type StreamOptions } from "../table/stream.ts";
import { joinSideBySide } from "../table/side-by-side.ts";
import { findEmptyTables } from "../table/empty-tables.ts";
import type { Word } from "./page-words.ts";
import { DEFAULT_PDF_LIMITS, pdfOverLimit, type PdfLimits } from "./pdf-limits.ts";
import { checkPageContent, checkPageCrossings, withinPageTime } from "./page-limits.ts";
import { checkStreamInflation } from "./stream-inflation.ts";
import { ReadBudget } from "../readers/read-budget.ts";

export interface PdfTableOptions {
  page: PageReadOptions;
  edges: EdgeOptions;
  openEdges: OpenEdgeOptions;
  lattice: LatticeOptions;
  cellText: CellTextOptions;
  stream: StreamOptions;
  limits: PdfLimits;
  /** Lines at the foot of a page looked at for the title of a table that starts the next page. */
  footTitleLines: number;
  /** Which engine reads the pages (pdf-engine.ts). */
  engine: PdfEngineName;
}

export const DEFAULT_PDF_TABLE_OPTIONS: PdfTableOptions = {
  page: DEFAULT_PAGE_READ_OPTIONS,
  edges: DEFAULT_EDGE_OPTIONS,
  openEdges: DEFAULT_OPEN_EDGE_OPTIONS,
  lattice: DEFAULT_LATTICE_OPTIONS,
  cellText: DEFAULT_CELL_TEXT_OPTIONS,
  stream: DEFAULT_STREAM_OPTIONS,
  limits: DEFAULT_PDF_LIMITS,
  footTitleLines: 4,
  engine: DEFAULT_PDF_ENGINE,
};

/** A text line outside the tables, with its box (for pointing at a sentence of the narrative). */
export interface TextLine { text: string; bbox: [number, number, number, number] }

export interface PdfTables {
  pageCount: number;
  tables: Table[];
  pageText: string[];
  pageLines: TextLine[][];
  /** What the page geometry changed: words outside the page box, pages read turned. */
  notes: string[];
  /** Pages without text that draw nothing but rulings (PageContent.rulingsOnly): an OCR would find nothing there. */
  rulingsOnlyPages: number[];
}

export async function readPdfTables(bytes: Uint8Array, o: PdfTableOptions = DEFAULT_PDF_TABLE_OPTIONS, pages?: number[], budget: ReadBudget = new ReadBudget()): Promise<PdfTables> {
  const tooBig = pdfOverLimit(bytes.length, null, o.limits);
  if (tooBig) throw new Error(tooBig);
  // What the streams inflate to is bounded before either engine decodes (and holds) any of them.
  await checkStreamInflation(bytes, o.limits, budget);
  const doc = await (await pdfEngine(o.engine)).open(bytes);
  try {
    const tooMany = pdfOverLimit(bytes.length, doc.pageCount, o.limits);
    if (tooMany) throw new Error(tooMany);
    const tables: Table[] = [];
    const pageText: string[] = [];
    const pageLines: TextLine[][] = [];
    const notes: string[] = [];
    const turns: Array<{ page: number; turn: number }> = [];
    const rulingsOnlyPages: number[] = [];
    let foot: FootLines | null = null;
    for (let n = 1; n <= doc.pageCount; n++) {
      if (pages && !pages.includes(n)) { foot = null; continue; }
      budget.checkTime(`page ${n}`);
      const { content, note } = pageAsRead(await withinPageTime(doc.readPage(n, { ...o.page, maxWords: o.limits.maxPageWords }), n, o.limits, () => doc.close()));
      checkPageContent(n, content.words, content.segments, o.limits);
      for (const w of content.words) budget.addText(w.text.length, `page ${n}`);
      if (note) notes.push(note);
      if (content.turn) turns.push({ page: n, turn: content.turn });
      if (content.rulingsOnly) rulingsOnlyPages.push(n);
      const found = pageTables(content, o);
      carryFootTitle(foot, found.tables);
      foot = footLines(found, o.footTitleLines);
      for (const t of found.tables) tables.push(t);
      pageText.push(found.text);
      pageLines.push(found.boxes);
    }
    return { pageCount: doc.pageCount, tables, pageText, pageLines, notes: [...turnedPagesNote(turns), ...notes], rulingsOnlyPages };
  } finally {
    await doc.close();
  }
}

/** The lines at the foot of a page, below its last table (or all of a page without tables), and where they are kept. */
export interface FootLines { lines: string[]; owner: Table | null }

export function footLines(page: { tables: Table[]; lines: string[] }, max: number): FootLines {
  const last = page.tables[page.tables.length - 1] ?? null;
  return { lines: (last ? last.after : page.lines).slice(-max), owner: last };
}

/** A line that ends a table's title (…表, …表（续）), not a note under a table (注：…详见附表). */
const TITLE_END = /^(?!(注|说明|备注)[:：])(?!.*[。；]).{2,60}表([（(][^）)]*[)）])?$/;

/** Lines that cannot begin a wrapped title: notes, sentences, labels ending in a colon. */
const NOT_TITLE_START = /^\s*(注|说明|备注)\s*[:：]|[，。；]|[：:]\s*$/;

/**
 * A title printed at the foot of one page with its table at the top of the next: the lines from
 * the title on move to the next page's first table (its `before`), when nothing titles it on its own page.
 */
export function carryFootTitle(foot: FootLines | null, tables: Table[]): void {
  const first = tables[0];
  if (!foot || !first || first.before.some((l) => TITLE_END.test(l.replace(/\s+/g, "")))) return;
  const at = foot.lines.findIndex((l) => TITLE_END.test(l.replace(/\s+/g, "")));
  if (at < 0) return;
  // The title may wrap: the lines just above its end that are no sentence begin it.
  let start = at;
  while (start > 0 && at - start < 2 && !NOT_TITLE_START.test(foot.lines[start - 1]!) && !TITLE_END.test(foot.lines[start - 1]!.replace(/\s+/g, ""))) start--;
  const moved = foot.lines.slice(start);
  first.before = [...moved, ...first.before];
  if (foot.owner) foot.owner.after = foot.owner.after.slice(0, foot.owner.after.length - moved.length);
}

/** Tables of one page: ruled tables first; unruled ones found among the words left outside them. */
export function pageTables(content: PageContent, o: PdfTableOptions = DEFAULT_PDF_TABLE_OPTIONS): { tables: Table[]; text: string; lines: string[]; boxes: TextLine[] } {
  const edges = closeOpenEdges(segmentsToEdges(content.segments, o.edges), o.openEdges);
  checkPageCrossings(content.page, edges, o.limits, o.lattice.intersectionTolerance);
  const lattices = joinSideBySide(findLatticeTables(edges, o.lattice));
  let outside: Word[] = content.words;
  const tables: Array<{ table: Table; top: number; bottom: number }> = [];
  for (const lt of lattices) {
    const { inCell, outside: rest } = assignWords(lt.cells, outside, o.cellText);
    outside = rest;
    tables.push({ table: latticeToTable(lt, inCell, content.page, o.cellText), top: lt.top, bottom: lt.bottom });
  }
  for (const st of findStreamTables(outside, o.stream)) {
    outside = outside.filter((w) => !st.words.has(w));
    tables.push({ table: { ...st.table, page: content.page, cells: st.table.cells.map((c) => ({ ...c, page: content.page })) }, top: st.table.bbox[1], bottom: st.table.bbox[3] });
  }
  for (const et of findEmptyTables(outside, tables.map((t) => [t.top, t.bottom]))) {
    outside = outside.filter((w) => !et.words.has(w));
    tables.push({ table: { ...et.table, page: content.page, cells: et.table.cells.map((c) => ({ ...c, page: content.page })) }, top: et.table.bbox[1], bottom: et.table.bbox[3] });
  }
  tables.sort((a, b) => a.top - b.top);
  // Lines outside the tables, each given to the table below it (before) and above it (after).
  const lines = groupLines(outside).map((ws) => {
    let x0 = Infinity, top = Infinity, x1 = -Infinity, bottom = -Infinity;
    for (const w of ws) { x0 = Math.min(x0, w.x0); top = Math.min(top, w.top); x1 = Math.max(x1, w.x1); bottom = Math.max(bottom, w.bottom); }
    return { text: wordsToText(ws, o.cellText), top, bbox: [x0, top, x1, bottom] as [number, number, number, number] };
  });
  tables.forEach((t, i) => {
    const prevBottom = i > 0 ? tables[i - 1]!.bottom : -Infinity;
    const nextTop = i + 1 < tables.length ? tables[i + 1]!.top : Infinity;
    t.table.before = lines.filter((l) => l.top < t.top && l.top >= prevBottom).map((l) => l.text);
    t.table.after = lines.filter((l) => l.top > t.bottom && l.top < nextTop).map((l) => l.text);
  });
  return { tables: tables.map((t) => t.table), text: lines.map((l) => l.text).join("\n"), lines: lines.map((l) => l.text), boxes: lines.map((l) => ({ text: l.text, bbox: l.bbox })) };
}

function latticeToTable(lt: LatticeTable, inCell: Word[][], page: number, o: CellTextOptions): Table {
  return {
    page,
    bbox: [lt.x0, lt.top, lt.x1, lt.bottom],
    nRows: lt.ys.length - 1,
    nCols: lt.xs.length - 1,
    cells: lt.cells.map((c, i) => ({
      row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan,
      text: wordsToText(inCell[i]!, o), page, bbox: [c.x0, c.top, c.x1, c.bottom],
    })),
    method: "lattice",
    before: [],
    after: [],
  };
}
