// One PDF page → its words and ruling segments, in viewport coordinates.
import type { PDFDocumentProxy } from "./open-pdf.ts";
import { extractRulings, DEFAULT_RULING_OPTIONS, type Segment, type RulingOptions } from "./page-rulings.ts";
import { itemsToWords, DEFAULT_WORD_OPTIONS, type Word, type WordOptions, type PdfTextItem } from "./page-words.ts";

export interface PageContent {
  page: number;
  width: number;
  height: number;
  rotation: number;
  words: Word[];
  segments: Segment[];
}

export interface PageReadOptions { words: WordOptions; rulings: RulingOptions }
export const DEFAULT_PAGE_READ_OPTIONS: PageReadOptions = { words: DEFAULT_WORD_OPTIONS, rulings: DEFAULT_RULING_OPTIONS };

export async function readPdfPage(doc: PDFDocumentProxy, pageNumber: number, o: PageReadOptions = DEFAULT_PAGE_READ_OPTIONS): Promise<PageContent> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const [text, ops] = await Promise.all([page.getTextContent(), page.getOperatorList()]);
    const items = text.items.filter((i): i is typeof i & PdfTextItem => "str" in i);
    return {
      page: pageNumber,
      width: viewport.width,
      height: viewport.height,
      rotation: page.rotate,
      words: itemsToWords(items, viewport.transform, o.words),
      segments: extractRulings(ops, viewport.transform, o.rulings),
    };
  } finally {
    page.cleanup();
  }
}
