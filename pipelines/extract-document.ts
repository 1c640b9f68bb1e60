// One document file → its tables and line items. The I/O edge of extract + transform.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { readPdfTables, DEFAULT_PDF_TABLE_OPTIONS, type PdfTableOptions } from "../extract/pdf/pdf-tables.ts";
import type { LineItem } from "../transform/line-item.ts";
import { recogniseTables, type RecognisedTable } from "../transform/recognise-tables.ts";
import { documentDetails, documentLineItems, documentUnit } from "../transform/document-line-items.ts";
import type { ProjectItem } from "../transform/project-items.ts";
import type { PerformanceIndicator } from "../transform/performance-indicators.ts";
import { validateDocument, type ValidationResult } from "../transform/validate/validate-document.ts";
import { applyOcrRepairs } from "../transform/validate/apply-repairs.ts";
import { documentFacts, type DocumentFacts } from "../transform/document-facts.ts";
import { readableFormat, type SourceFormat } from "../extract/formats/format-registry.ts";
import type { RenditionCheck } from "../extract/readers/renditions.ts";
import { tablelessNotes } from "../extract/readers/read-result.ts";
import type { ReadBudget } from "../extract/readers/read-budget.ts";
import { ocrScannedPages } from "../extract/ocr/ocr-pdf.ts";
import { markOcrItems } from "../extract/ocr/ocr-items.ts";

export type RecognizedTable = RecognisedTable;

export interface DocumentExtract {
  docId: string;
  file: string;
  sha256: string;
  /** By the file's bytes, not its name. */
  format: SourceFormat;
  pageCount: number;
  /** Department, region, fiscal year, phase, amount unit. */
  facts: DocumentFacts;
  /** Text outside the tables, per page read: the narrative, checked against the tables. */
  pageText?: { page: number; text: string }[];
  tables: RecognisedTable[];
  items: LineItem[];
  /** 项目支出预算表 rows: projects with their unit code, type and amounts by fund source. */
  projects?: ProjectItem[];
  /** 绩效目标表 indicators, per project or for the department. */
  indicators?: PerformanceIndicator[];
  /** The document checked against its own identities (transform/validate); absent when not checked. */
  validation?: ValidationResult;
  /** ZIP: every member read, the one loaded (primary) and how the others agree with it. */
  renditions?: RenditionCheck[];
  /** What the reader could not do but the document still yields (unreadable ZIP members, pages left without OCR). */
  notes?: string[];
}

/** A document that could not be read, with the reason in words: one line (tools quote their stderr over several). */
export class DocumentError extends Error {
  override name = "DocumentError";
  constructor(readonly file: string, reason: string) { super(oneLine(reason)); }
}

export const oneLine = (reason: string) => reason.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join(" | ");

export const docIdOf = (file: string) => basename(file, extname(file));

export interface ExtractOptions {
  /** Only these pages (1-based). */
  pages?: number[];
  /** Ignore ruling lines: every table is read by text alignment (to check that reader). */
  noRulings?: boolean;
  /** Internal: how deep inside ZIP archives this document is. */
  zipDepth?: number;
  /** Internal: the limits and deadline of the document this one is part of (a ZIP's members share the archive's). */
  budget?: ReadBudget;
}

function pdfOptions(o: ExtractOptions): PdfTableOptions {
  return o.noRulings ? { ...DEFAULT_PDF_TABLE_OPTIONS, lattice: { ...DEFAULT_PDF_TABLE_OPTIONS.lattice, minRows: Number.POSITIVE_INFINITY } } : DEFAULT_PDF_TABLE_OPTIONS;
}

export async function extractDocumentFile(file: string, options: ExtractOptions = {}): Promise<DocumentExtract> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new DocumentError(file, `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return extractDocumentBytes(bytes, file, options);
}

export async function extractDocumentBytes(bytes: Uint8Array, file: string, options: ExtractOptions = {}): Promise<DocumentExtract> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (bytes.length === 0) throw new DocumentError(file, "empty file (0 bytes)");
  const format = sniffed(bytes, file);
  if (format !== "pdf") {
    try {
      // Loaded on demand: the spreadsheet, Word and HTML readers (exceljs, cheerio …) are half a second of startup.
      const { extractOtherFormat } = await import("./extract-formats.ts");
      return await extractOtherFormat(bytes, file, format, { docId: docIdOf(file), file, sha256 }, options, extractDocumentBytes);
    } catch (e) {
      throw new DocumentError(file, misnamed(file, format) + (e as Error).message);
    }
  }
  let pdf;
  try {
    pdf = await readPdfTables(bytes, pdfOptions(options), options.pages, options.budget);
  } catch (e) {
    throw new DocumentError(file, `PDF unreadable: ${(e as Error).message}`);
  }
  // Pages without a usable text layer (scans) are read by OCR; text PDFs pass unchanged.
  let ocr;
  try {
    ocr = await ocrScannedPages(bytes, pdf, options.pages);
  } catch (e) {
    throw new DocumentError(file, `scanned PDF: ${(e as Error).message}`);
  }
  if (ocr) pdf = { ...pdf, tables: ocr.tables, pageText: ocr.pageText };
  const tables = recogniseTables(pdf.tables);
  const cover = pdf.pageText.slice(0, COVER_PAGES).flatMap((t) => t.split("\n"));
  const facts = documentFacts([...cover, ...tables.flatMap((t) => t.table.before)], tables.map((t) => t.title), documentUnit(tables));
  const pageText = pdf.pageText.map((text, i) => ({ page: options.pages?.[i] ?? i + 1, text }));
  // A unit's own document: every table in it is unit-level.
  if (facts.level === "unit") for (const t of tables) t.scope = "unit";
  const validation = validateDocument({ tables, pageText, facts });
  // What the readers noticed, and why a document without tables yields nothing.
  const notes = [...pdf.notes, ...(ocr?.notes ?? []), ...tablelessNotes(pdf.tables, pdf.pageText.flatMap((t) => t.split("\n")).filter((l) => l.trim()).length)];
  return {
    docId: docIdOf(file), file, sha256, format: "pdf", pageCount: pdf.pageCount, facts, pageText, tables,
    items: applyOcrRepairs(markOcrItems(documentLineItems(tables, facts.fiscalYear), pdf.tables), validation.findings),
    ...documentDetails(tables),
    ...(notes.length ? { notes } : {}),
    validation,
  };
}

/** Pages whose text names the document (cover, compiling unit). */
const COVER_PAGES = 2;

/** The format by magic bytes ("%PDF-" within the first KiB: some producers prepend junk). */
function sniffed(bytes: Uint8Array, file: string): SourceFormat {
  try {
    return readableFormat(bytes);
  } catch (e) {
    throw new DocumentError(file, (extname(file).toLowerCase() === ".pdf" ? "not a PDF: " : "") + (e as Error).message);
  }
}

/** When a failing file's name promises another format, say so first: "not a PDF but HTML: …". */
function misnamed(file: string, format: SourceFormat): string {
  const ext = extname(file).slice(1).toLowerCase();
  const named = ext === "htm" ? "html" : ext;
  // A broken XLSX/DOCX package sniffs as a plain ZIP: the ZIP error says enough.
  const container = format === "zip" && (named === "xlsx" || named === "docx");
  return named && named !== format && !container && ["pdf", "xlsx", "xls", "docx", "doc", "html", "zip"].includes(named) ? `not a ${named.toUpperCase()} but ${format.toUpperCase()}: ` : "";
}
