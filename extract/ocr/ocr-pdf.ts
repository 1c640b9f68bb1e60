// The OCR step of the PDF path: pages the text layer leaves empty (or fills with noise)
// are rendered, cleaned and read (PaddleOCR, Tesseract as the second reading or the
// fallback: ocr-page.ts), their tables put in page order among the others.
// A document read in the main thread spreads its scanned pages over a worker per core
// (ocr-page-pool.ts); one read in a worker thread (the extraction pool runs a document per
// core) reads them one after another.
import { isMainThread } from "node:worker_threads";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { Table } from "../table-ir.ts";
import { ocrPage, DEFAULT_OCR_PAGE_OPTIONS, type OcrPage, type OcrPageOptions } from "./ocr-page.ts";
import { hasUsableText, DEFAULT_SCANNED_PAGE_OPTIONS, type ScannedPageOptions } from "./scanned-pages.ts";
import { ocrUnavailable } from "./tools.ts";
import { paddleUnavailable } from "./paddle-ocr.ts";
import { ocrPagesInWorkers } from "./ocr-page-pool.ts";

export interface OcrPdfOptions {
  page: OcrPageOptions;
  scanned: ScannedPageOptions;
  /** Worker threads reading pages at once; 1: this thread reads them in turn (see the file comment). */
  pageWorkers: number;
}
export const DEFAULT_OCR_PDF_OPTIONS: OcrPdfOptions = {
  page: DEFAULT_OCR_PAGE_OPTIONS,
  scanned: DEFAULT_SCANNED_PAGE_OPTIONS,
  pageWorkers: isMainThread ? availableParallelism() : 1,
};

/** What readPdfTables returned: tables of every page read, and each page's text outside tables (in the order `pages` were read). */
export interface PdfRead {
  pageCount: number;
  tables: Table[];
  pageText: string[];
  /** Pages the engine saw draw nothing but rulings (no image, no text object): not rendered. Absent: none known. */
  rulingsOnlyPages?: number[];
}

export interface OcrOutcome {
  tables: Table[];
  pageText: string[];
  /** Pages that had no usable text layer. */
  scanned: number[];
  /** Of those, pages read by OCR (blank ones are not, nor pages of rulings alone). */
  ocrPages: number[];
  notes: string[];
}

/** The pages' OCR, in their order: over worker threads where there are several of both, else here in turn. */
async function readPages(file: string, pages: number[], work: string, options: OcrPageOptions, workers: number): Promise<OcrPage[]> {
  if (workers > 1 && pages.length > 1) return ocrPagesInWorkers(file, pages, work, options, workers);
  const out: OcrPage[] = [];
  for (const page of pages) out.push(await ocrPage(file, page, work, options));
  return out;
}

/** Pages read (1-based, in order) when `pages` is not given: all. */
const pagesRead = (pdf: PdfRead, pages?: number[]) => pages ?? Array.from({ length: pdf.pageCount }, (_, i) => i + 1);

/** Pages of `pdf` without a usable text layer (text outside tables + text of the page's tables). */
export function scannedPages(pdf: PdfRead, pages?: number[], o: ScannedPageOptions = DEFAULT_SCANNED_PAGE_OPTIONS): number[] {
  return pagesRead(pdf, pages).filter((page, i) => {
    const cells = pdf.tables.filter((t) => t.page === page).flatMap((t) => t.cells.map((c) => c.text));
    return !hasUsableText([pdf.pageText[i] ?? "", ...cells].join("\n"), o);
  });
}

/** null when every page has text (nothing to do); else the PDF's tables and text with the scanned pages OCR'd. */
export async function ocrScannedPages(bytes: Uint8Array, pdf: PdfRead, pages?: number[], o: OcrPdfOptions = DEFAULT_OCR_PDF_OPTIONS): Promise<OcrOutcome | null> {
  const scanned = scannedPages(pdf, pages, o.scanned);
  if (scanned.length === 0) return null;
  // A page of empty ruled cells (a table's last row alone on a page) holds nothing to read: not rendered.
  const toRead = scanned.filter((p) => !pdf.rulingsOnlyPages?.includes(p));
  if (toRead.length === 0) return { tables: pdf.tables, pageText: pdf.pageText, scanned, ocrPages: [], notes: [] };
  // PaddleOCR reads alone where Tesseract is missing (no second reading then); pdftoppm is needed either way.
  const tesseractMissing = ocrUnavailable(o.page.tesseract.lang);
  const paddleMissing = o.page.engine === "paddle" ? await paddleUnavailable() : "PaddleOCR switched off (BUDGET_OCR_ENGINE=tesseract)";
  const missing = tesseractMissing && (tesseractMissing.startsWith("pdftoppm") || paddleMissing) ? tesseractMissing : null;
  const pageOptions = tesseractMissing && !missing ? { ...o.page, second: { ...o.page.second, maxCells: 0 } } : o.page;
  if (missing) {
    const note = `${toRead.length} of ${pdf.pageCount} pages have no text layer (scanned) and were not read: ${missing}`;
    if (pdf.tables.length === 0) throw new Error(note);
    return { tables: pdf.tables, pageText: pdf.pageText, scanned, ocrPages: [], notes: [note] };
  }
  const work = await mkdtemp(join(tmpdir(), "ocr-"));
  try {
    const file = join(work, "document.pdf");
    await writeFile(file, bytes);
    const read = pagesRead(pdf, pages);
    const tables = pdf.tables.filter((t) => !scanned.includes(t.page));
    const pageText = [...pdf.pageText];
    const ocrPages: number[] = [];
    for (const r of await readPages(file, toRead, work, pageOptions, o.pageWorkers)) {
      const page = r.page;
      if (r.blank) continue;
      ocrPages.push(page);
      tables.push(...r.tables);
      pageText[read.indexOf(page)] = r.text;
    }
    tables.sort((a, b) => a.page - b.page || a.bbox[1] - b.bbox[1]);
    return { tables, pageText, scanned, ocrPages, notes: [] };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
