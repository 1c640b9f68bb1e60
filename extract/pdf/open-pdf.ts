// Opening a PDF with pdf.js (legacy build, for Node). CMaps and standard fonts are
// always passed: without them CJK text in fonts with no embedded Unicode map
// silently comes out empty.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { pdfjs } from "./pdfjs.ts";
import { FONT_SINK_DOCUMENT } from "./font-sink-document.ts";
import type { PDFDocumentProxy } from "pdfjs-dist/types/src/display/api.js";

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve("pdfjs-dist/package.json"));

export const PDFJS_ASSETS = {
  cMapUrl: pathToFileURL(join(pdfjsRoot, "cmaps")).href + "/",
  standardFontDataUrl: pathToFileURL(join(pdfjsRoot, "standard_fonts")).href + "/",
};

export { pdfjs };
export type { PDFDocumentProxy };

import { PdfOpenError } from "./pdf-open-error.ts";

export { PdfOpenError };

/** Largest image (in pixels) pdf.js decodes: none, tables need no pixels (and scans are read apart). */
export const MAX_DECODED_IMAGE_PIXELS = 1;

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    cMapUrl: PDFJS_ASSETS.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: PDFJS_ASSETS.standardFontDataUrl,
    useSystemFonts: false,
    isEvalSupported: false,
    // Fonts go to a document that keeps nothing, rather than to glyph outlines (see font-sink-document.ts).
    disableFontFace: false,
    ownerDocument: FONT_SINK_DOCUMENT as unknown as Document,
    verbosity: 0,
    // Tables need no pixels: images above this many pixels are left undecoded
    // (pdf.js drops them from the operator list instead of decoding them).
    maxImageSize: MAX_DECODED_IMAGE_PIXELS,
  });
  try {
    return await task.promise;
  } catch (err) {
    const e = err as Error;
    const reason =
      e.name === "PasswordException" ? "encrypted (password required)" :
      e.name === "InvalidPDFException" ? `not a valid PDF (${e.message})` :
      e.message;
    throw new PdfOpenError(reason);
  }
}
