// One PDF page → its words and ruling segments, in viewport coordinates.
import type { PDFDocumentProxy } from "./open-pdf.ts";
import { extractRulings, DEFAULT_RULING_OPTIONS, type Segment, type RulingOptions } from "./page-rulings.ts";
import { itemsToWords, DEFAULT_WORD_OPTIONS, type Word, type WordOptions, type PdfTextItem } from "./page-words.ts";
import { pageTextItems } from "./page-limits.ts";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "./pdf-limits.ts";

export interface PageContent {
  page: number;
  width: number;
  height: number;
  rotation: number;
  words: Word[];
  segments: Segment[];
}

export interface PageReadOptions {
  words: WordOptions;
  rulings: RulingOptions;
  /**
   * Read the drawing operators (for rulings) only on pages whose text could hold
   * a table: a figure or a table title. Narrative pages are half of a disclosure,
   * and their operator lists cost as much as their text.
   */
  rulingsOnlyWhereTables: boolean;
}

export const DEFAULT_PAGE_READ_OPTIONS: PageReadOptions = { words: DEFAULT_WORD_OPTIONS, rulings: DEFAULT_RULING_OPTIONS, rulingsOnlyWhereTables: true };

const FIGURE = /\d[\d,]*\.\d|\d{1,3}(,\d{3})+|^\d+$/;
const TABLE_WORD = /表/;

/** Could this page's text be (part of) a table? */
export function mayHoldTable(words: Word[]): boolean {
  return words.some((w) => FIGURE.test(w.text) || TABLE_WORD.test(w.text));
}

export async function readPdfPage(doc: PDFDocumentProxy, pageNumber: number, o: PageReadOptions = DEFAULT_PAGE_READ_OPTIONS, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PageContent> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    // Streamed and counted: a page of a million words stops at the limit instead of being collected.
    const items = (await pageTextItems(page, pageNumber, limits)).filter((i): i is PdfTextItem => typeof i === "object" && i !== null && "str" in i);
    const words = itemsToWords(items, viewport.transform, o.words);
    const segments = !o.rulingsOnlyWhereTables || mayHoldTable(words)
      ? extractRulings(await page.getOperatorList(), viewport.transform, o.rulings)
      : [];
    return { page: pageNumber, width: viewport.width, height: viewport.height, rotation: page.rotate, words, segments };
  } finally {
    page.cleanup();
  }
}
