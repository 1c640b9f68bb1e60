/** A document that the PDF engine could not open, with the reason in words. */
export class PdfOpenError extends Error {
  override name = "PdfOpenError";
}
