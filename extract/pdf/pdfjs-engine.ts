// pdf.js behind the engine interface: the reference engine.
import { openPdf } from "./open-pdf.ts";
import { readPdfPage } from "./read-pdf-page.ts";
import type { PdfEngine } from "./pdf-engine.ts";

export const PDFJS_ENGINE: PdfEngine = {
  name: "pdfjs",
  async open(bytes) {
    const doc = await openPdf(bytes);
    return {
      pageCount: doc.numPages,
      readPage: (n, o) => readPdfPage(doc, n, o),
      close: () => doc.destroy(),
    };
  },
};
