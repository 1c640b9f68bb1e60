// One document's bytes (any format but an archive) → what its reader hands to the transform:
// PDFs through the page reader (and OCR for pages without a text layer), spreadsheets, Word
// and HTML through theirs. Archives hold documents: the pipeline routes their members here.
import { readPdfTables, DEFAULT_PDF_TABLE_OPTIONS, type PdfTableOptions } from "./pdf/pdf-tables.ts";
import { ocrScannedPages, DEFAULT_OCR_PDF_OPTIONS } from "./ocr/ocr-pdf.ts";
import { ReaderError } from "./readers/reader-error.ts";
import { DEFAULT_READER_LIMITS, type ReaderLimits } from "./readers/limits.ts";
import type { SourceFormat } from "./formats/format-registry.ts";
import { ReadBudget } from "./readers/read-budget.ts";
import type { ReaderOutput } from "./reader-output.ts";
import type { PdfEngineName } from "./pdf/pdf-engine.ts";

export interface ReadOptions {
  /** Only these pages (1-based; PDF). */
  pages?: number[];
  /** Ignore ruling lines: every table is read by text alignment (to check that reader). */
  noRulings?: boolean;
  /** The PDF engine (default DEFAULT_PDF_ENGINE); pdf.js is the reference. */
  engine?: PdfEngineName;
  limits?: ReaderLimits;
  /** The document's limits and deadline (a ZIP's members share the archive's); a fresh one by default. */
  budget?: ReadBudget;
  /** Threads reading scanned pages at once (default: a worker per core in the main thread, 1 in a worker thread; ocr-pdf.ts). */
  ocrPageWorkers?: number;
}

function pdfOptions(o: ReadOptions): PdfTableOptions {
  const base = o.engine ? { ...DEFAULT_PDF_TABLE_OPTIONS, engine: o.engine } : DEFAULT_PDF_TABLE_OPTIONS;
  return o.noRulings ? { ...base, lattice: { ...base.lattice, minRows: Number.POSITIVE_INFINITY } } : base;
}

/** Reads a document of a single-document format; a failure throws an Error whose message is the one-line reason. */
export async function readDocument(bytes: Uint8Array, format: Exclude<SourceFormat, "zip">, o: ReadOptions = {}): Promise<ReaderOutput> {
  if (format !== "pdf") {
    // Loaded on demand (the registry names each format's reader).
    const { readTablesOf } = await import("./readers/read-tables.ts");
    const limits = o.limits ?? DEFAULT_READER_LIMITS;
    const read = await readTablesOf(format, bytes, limits, o.budget ?? new ReadBudget(limits));
    if (format === "html" && read.tables.length === 0) throw new ReaderError(`HTML page with no tables${quotable(read.coverLines) ? ` (${JSON.stringify(quotable(read.coverLines))})` : ""}`);
    return read;
  }
  let pdf;
  try {
    pdf = await readPdfTables(bytes, pdfOptions(o), o.pages, o.budget ?? new ReadBudget(o.limits ?? DEFAULT_READER_LIMITS));
  } catch (e) {
    throw new ReaderError(`PDF unreadable: ${(e as Error).message}`);
  }
  // Pages without a usable text layer (scans) are read by OCR; text PDFs pass unchanged.
  let ocr;
  try {
    ocr = await ocrScannedPages(bytes, pdf, o.pages, o.ocrPageWorkers === undefined ? DEFAULT_OCR_PDF_OPTIONS : { ...DEFAULT_OCR_PDF_OPTIONS, pageWorkers: o.ocrPageWorkers });
  } catch (e) {
    throw new ReaderError(`scanned PDF: ${(e as Error).message}`);
  }
  const tables = ocr?.tables ?? pdf.tables;
  const text = ocr?.pageText ?? pdf.pageText;
  return {
    pageCount: pdf.pageCount, tables,
    // Line boxes where the text layer was read (an OCR'd page's text stands alone).
    pageText: text.map((t, i) => ({ page: o.pages?.[i] ?? i + 1, text: t, ...(t === pdf.pageText[i] ? { lines: pdf.pageLines[i] ?? [] } : {}) })),
    coverLines: [],
    notes: [...pdf.notes, ...(ocr?.notes ?? [])],
  };
}

/** The page's first words, when they are text (not bytes decoded as text): error pages say what they are. */
function quotable(lines: string[]): string {
  const text = lines.slice(0, 3).join(" ").slice(0, 80);
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? "" : text;
}
