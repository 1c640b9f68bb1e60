// A PDF → the Table IR of every table on every page, with the text lines
// around each table (titles, units, notes) for the transform stage.
import type { Table } from "../table-ir.ts";
import { openPdf } from "./open-pdf.ts";
import { readPdfPage, DEFAULT_PAGE_READ_OPTIONS, type PageContent, type PageReadOptions } from "./read-pdf-page.ts";
import { segmentsToEdges, DEFAULT_EDGE_OPTIONS, type EdgeOptions } from "../table/edges.ts";
import { findLatticeTables, DEFAULT_LATTICE_OPTIONS, type LatticeOptions, type LatticeTable } from "../table/lattice.ts";
import { assignWords, groupLines, wordsToText, DEFAULT_CELL_TEXT_OPTIONS, type CellTextOptions } from "../table/words-to-cells.ts";
import { findStreamTables, DEFAULT_STREAM_OPTIONS, type StreamOptions } from "../table/stream.ts";
import { joinSideBySide } from "../table/side-by-side.ts";
import { findEmptyTables } from "../table/empty-tables.ts";
import type { Word } from "./page-words.ts";
import { DEFAULT_PDF_LIMITS, pdfOverLimit, type PdfLimits } from "./pdf-limits.ts";
import { checkPageContent, checkPageCrossings, OutsideText, withinPageTime } from "./page-limits.ts";
import { textOutsidePage } from "./text-outside-page.ts";
import { ReadBudget } from "../readers/read-budget.ts";

export interface PdfTableOptions {
  page: PageReadOptions;
  edges: EdgeOptions;
  lattice: LatticeOptions;
  cellText: CellTextOptions;
  stream: StreamOptions;
  limits: PdfLimits;
}

export const DEFAULT_PDF_TABLE_OPTIONS: PdfTableOptions = {
  page: DEFAULT_PAGE_READ_OPTIONS,
  edges: DEFAULT_EDGE_OPTIONS,
  lattice: DEFAULT_LATTICE_OPTIONS,
  cellText: DEFAULT_CELL_TEXT_OPTIONS,
  stream: DEFAULT_STREAM_OPTIONS,
  limits: DEFAULT_PDF_LIMITS,
};

export interface PdfTables {
  pageCount: number;
  tables: Table[];
  pageText: string[];
  /** What the reader noticed but did not fail on (content outside the page). */
  notes: string[];
}

export async function readPdfTables(bytes: Uint8Array, o: PdfTableOptions = DEFAULT_PDF_TABLE_OPTIONS, pages?: number[], budget: ReadBudget = new ReadBudget()): Promise<PdfTables> {
  const tooBig = pdfOverLimit(bytes.length, null, o.limits);
  if (tooBig) throw new Error(tooBig);
  const doc = await openPdf(bytes, o.limits);
  try {
    const tooMany = pdfOverLimit(bytes.length, doc.numPages, o.limits);
    if (tooMany) throw new Error(tooMany);
    const tables: Table[] = [];
    const pageText: string[] = [];
    const outside = new OutsideText();
    for (let n = 1; n <= doc.numPages; n++) {
      if (pages && !pages.includes(n)) continue;
      budget.checkTime(`page ${n}`);
      const content = await withinPageTime(readPdfPage(doc, n, o.page, o.limits), n, o.limits, () => doc.destroy());
      checkPageContent(n, content.words, content.segments, o.limits);
      for (const w of content.words) budget.addText(w.text.length, `page ${n}`);
      // pdf.js drops text outside the page box: a page without words is looked at for text placed off it.
      if (content.words.length === 0) {
        const placed = await withinPageTime(textOutsidePage(doc, n), n, o.limits, () => doc.destroy());
        outside.add(n, placed.outside, placed.total);
      }
      const found = pageTables(content, o);
      for (const t of found.tables) tables.push(t);
      pageText.push(found.text);
    }
    const note = outside.note();
    return { pageCount: doc.numPages, tables, pageText, notes: note ? [note] : [] };
  } finally {
    await doc.destroy();
  }
}

/** Tables of one page: ruled tables first; unruled ones found among the words left outside them. */
export function pageTables(content: PageContent, o: PdfTableOptions = DEFAULT_PDF_TABLE_OPTIONS): { tables: Table[]; text: string } {
  const edges = segmentsToEdges(content.segments, o.edges);
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
  const lines = groupLines(outside).map((ws) => ({ text: wordsToText(ws, o.cellText), top: Math.min(...ws.map((w) => w.top)) }));
  tables.forEach((t, i) => {
    const prevBottom = i > 0 ? tables[i - 1]!.bottom : -Infinity;
    const nextTop = i + 1 < tables.length ? tables[i + 1]!.top : Infinity;
    t.table.before = lines.filter((l) => l.top < t.top && l.top >= prevBottom).map((l) => l.text);
    t.table.after = lines.filter((l) => l.top > t.bottom && l.top < nextTop).map((l) => l.text);
  });
  return { tables: tables.map((t) => t.table), text: lines.map((l) => l.text).join("\n") };
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
