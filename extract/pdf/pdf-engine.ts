// The engines that read a PDF's pages into words and ruling segments. Both hand back the
// same PageContent (viewport coordinates, as pdf.js's viewport places them); what they
// return is then made the page as read by one engine-neutral step (page-as-read.ts).
//
// PDFium (WebAssembly) is four to five times faster on this project's documents; pdf.js
// is the reference it is checked against (test/pdf-engines-parity.test.ts).
import type { PageContent, PageReadOptions } from "./page-content.ts";

export const PDF_ENGINE_NAMES = ["pdfium", "pdfjs"] as const;
export type PdfEngineName = (typeof PDF_ENGINE_NAMES)[number];

/** The engine used when none is named: chosen by the parity test and the bench (README, "Extraction speed"). */
export const DEFAULT_PDF_ENGINE: PdfEngineName = "pdfium";

/** An open document. */
export interface PdfPages {
  pageCount: number;
  /** Page `n` (1-based): its raw words (with their direction) and segments, before cropping and turning. */
  readPage(n: number, o: PageReadOptions): Promise<PageContent>;
  close(): Promise<void>;
}

export interface PdfEngine {
  name: PdfEngineName;
  /** Opens `bytes`; a document that cannot be opened rejects with PdfOpenError (the reason in words). */
  open(bytes: Uint8Array): Promise<PdfPages>;
}

/** Engines load on first use: a process that reads with one never loads the other. */
export async function pdfEngine(name: PdfEngineName = DEFAULT_PDF_ENGINE): Promise<PdfEngine> {
  if (name === "pdfjs") return (await import("./pdfjs-engine.ts")).PDFJS_ENGINE;
  return (await import("./pdfium-engine.ts")).PDFIUM_ENGINE;
}

export function parsePdfEngine(value: string): PdfEngineName {
  if ((PDF_ENGINE_NAMES as readonly string[]).includes(value)) return value as PdfEngineName;
  throw new Error(`unknown PDF engine "${value}" (have: ${PDF_ENGINE_NAMES.join(", ")})`);
}
