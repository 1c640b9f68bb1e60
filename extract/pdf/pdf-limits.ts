// Limits for untrusted PDFs. The file size is checked before anything is read; what its
// streams inflate to before pdf.js decodes any (stream-inflation.ts); the page count when
// the document opens; words, ruling segments and time per page as each page is read. A PDF
// past one costs an error line naming the limit, not an hour or gigabytes of a run. Budget
// disclosures are 10–300 pages; scanned ones reach a few hundred MiB.
import { mib } from "../readers/limits.ts";
export interface PdfLimits {
  /** Largest PDF file. */
  maxBytes: number;
  /** Most pages (as pdf.js counts them in the page tree). */
  maxPages: number;
  /** Largest inflated size of one stream pdf.js decodes (page contents, fonts, forms, object streams). */
  maxStreamBytes: number;
  /** Largest inflated size of all such streams of the document together. */
  maxDocumentStreamBytes: number;
  /** Largest image (width × height its dictionary declares): images are never decoded for tables, only rendered for OCR. */
  maxImagePixels: number;
  /** Most words one page may hold. */
  maxPageWords: number;
  /** Most ruling segments one page may hold. */
  maxPageSegments: number;
  /** Most crossings of its ruling lines one page may have (the lattice finder's work grows faster than they do). */
  maxPageCrossings: number;
  /** Most form XObject paints one page may make, forms painting forms counted through (2^30 in 30 levels is a bomb). */
  maxFormPaints: number;
  /** Seconds one page may take (checked between pdf.js's time slices). */
  maxSecondsPerPage: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxBytes: 500 * 2 ** 20,
  maxPages: 5_000,
  // A page's content rarely passes 2 MiB and a whole CJK font 20 MiB; pdf.js holds a stream
  // decoded in memory, with its operators, so these keep one page well under 1 GiB.
  maxStreamBytes: 32 * 2 ** 20,
  maxDocumentStreamBytes: 512 * 2 ** 20,
  // A4 at 600 dpi is 35 Mpx; A3 at 600 dpi 70.
  maxImagePixels: 100_000_000,
  // A dense table page has 3,000 words and 2,000 ruling segments.
  maxPageWords: 50_000,
  maxPageSegments: 50_000,
  // A ruled table of 80 rows × 40 columns has 3,200; a 400 × 400 grid (160,000) took 24 s to find.
  maxPageCrossings: 40_000,
  maxFormPaints: 20_000,
  maxSecondsPerPage: 60,
};

/** The reason a PDF is refused, or null when it is within the limits. */
export function pdfOverLimit(bytes: number, pages: number | null, limits: PdfLimits = DEFAULT_PDF_LIMITS): string | null {
  if (bytes > limits.maxBytes) return `file of ${mib(bytes)} is over the limit of ${mib(limits.maxBytes)}`;
  if (pages !== null && pages > limits.maxPages) return `${pages} pages, more than the limit of ${limits.maxPages}`;
  return null;
}
