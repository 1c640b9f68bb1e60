// Limits for untrusted PDFs, checked before any page is read: a PDF past them costs one
// error line, not an hour of a run. Budget disclosures are 10–300 pages; scanned ones
// reach a few hundred MiB.
import { mib } from "../readers/limits.ts";
export interface PdfLimits {
  /** Largest PDF file. */
  maxBytes: number;
  /** Most pages (as pdf.js counts them in the page tree). */
  maxPages: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxBytes: 500 * 2 ** 20, maxPages: 5_000 };

/** The reason a PDF is refused, or null when it is within the limits. */
export function pdfOverLimit(bytes: number, pages: number | null, limits: PdfLimits = DEFAULT_PDF_LIMITS): string | null {
  if (bytes > limits.maxBytes) return `file of ${mib(bytes)} is over the limit of ${mib(limits.maxBytes)}`;
  if (pages !== null && pages > limits.maxPages) return `${pages} pages, more than the limit of ${limits.maxPages}`;
  return null;
}
