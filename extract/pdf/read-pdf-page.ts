// One PDF page → its words and ruling segments, in viewport coordinates (pdf.js; the
// PDFium engine fills the same PageContent in pdfium-engine.ts).
import { pdfjs, type PDFDocumentProxy } from "./open-pdf.ts";
import { extractRulings } from "./page-rulings.ts";
import { DEFAULT_RULING_OPTIONS, type Segment, type RulingOptions } from "./ruling-segments.ts";
import type { OutsideBox } from "./page-crop.ts";
import { itemsToWords, DEFAULT_WORD_OPTIONS, type Word, type WordOptions, type PdfTextItem } from "./page-words.ts";

export interface PageContent {
  page: number;
  width: number;
  height: number;
  rotation: number;
  words: Word[];
  segments: Segment[];
  /** Clockwise quarter turn (degrees) applied so that the page's text reads left to right (reading-direction.ts); absent: none. */
  turn?: number;
  /** Text the engine left out because it lies outside the page box (page-crop.ts); absent: none. */
  outsideBox?: OutsideBox;
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

const SHOW_TEXT = new Set<number>([pdfjs.OPS.showText, pdfjs.OPS.showSpacedText, pdfjs.OPS.nextLineShowText, pdfjs.OPS.nextLineSetSpacingShowText]);

const FIGURE = /\d[\d,]*\.\d|\d{1,3}(,\d{3})+|^\d+$/;
const TABLE_WORD = /表/;

/** Could this page's text be (part of) a table? */
export function mayHoldTable(words: Word[]): boolean {
  return words.some((w) => FIGURE.test(w.text) || TABLE_WORD.test(w.text));
}

export async function readPdfPage(doc: PDFDocumentProxy, pageNumber: number, o: PageReadOptions = DEFAULT_PAGE_READ_OPTIONS): Promise<PageContent> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const text = await page.getTextContent();
    const items = text.items.filter((i): i is typeof i & PdfTextItem => "str" in i);
    const words = itemsToWords(items, viewport.transform, o.words);
    const ops = !o.rulingsOnlyWhereTables || mayHoldTable(words) || words.length === 0 ? await page.getOperatorList() : null;
    const segments = ops && (!o.rulingsOnlyWhereTables || mayHoldTable(words)) ? extractRulings(ops, viewport.transform, o.rulings) : [];
    // No text came back, yet the page shows text: pdf.js dropped it outside the page box (page-crop.ts).
    const outside = words.length === 0 && ops?.fnArray.some((fn) => SHOW_TEXT.has(fn));
    return { page: pageNumber, width: viewport.width, height: viewport.height, rotation: page.rotate, words, segments, ...(outside ? { outsideBox: { glyphs: null, readAsDrawn: false } } : {}) };
  } finally {
    page.cleanup();
  }
}
