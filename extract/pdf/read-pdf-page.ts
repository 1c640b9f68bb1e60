// One PDF page → its words and ruling segments, in viewport coordinates (pdf.js; the
// PDFium engine fills the same PageContent in pdfium-engine.ts).
import { pdfjs, type PDFDocumentProxy } from "./open-pdf.ts";
import { extractRulings } from "./page-rulings.ts";
import { itemsToWords, type PdfTextItem } from "./page-words.ts";
import { DEFAULT_PAGE_READ_OPTIONS, mayHoldTable, type PageContent, type PageReadOptions } from "./page-content.ts";
import { pageTextItems } from "./page-limits.ts";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "./pdf-limits.ts";

export { DEFAULT_PAGE_READ_OPTIONS, mayHoldTable, type PageContent, type PageReadOptions };

const SHOW_TEXT = new Set<number>([pdfjs.OPS.showText, pdfjs.OPS.showSpacedText, pdfjs.OPS.nextLineShowText, pdfjs.OPS.nextLineSetSpacingShowText]);

export async function readPdfPage(doc: PDFDocumentProxy, pageNumber: number, o: PageReadOptions = DEFAULT_PAGE_READ_OPTIONS, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<PageContent> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    // Streamed and counted: a page of a million words stops at the limit instead of being collected.
    const items = (await pageTextItems(page, pageNumber, o.maxWords === undefined ? limits : { ...limits, maxPageWords: o.maxWords })).filter((i): i is PdfTextItem => typeof i === "object" && i !== null && "str" in i);
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
