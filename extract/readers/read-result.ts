// What every reader returns (PDF, OCR, spreadsheets, Word, HTML): the Table IR of every
// table in reading order, the text outside the tables, and what it could not do. The
// transform parses it (extract/reader-output.ts) and does the rest, whatever the format.
import type { Table } from "../table-ir.ts";

export interface ReadTables {
  tables: Table[];
  /** Pages for a PDF, sheets for a workbook; 1 for HTML and Word (no pagination in the file). */
  pageCount: number;
  /** Lines outside the tables near the start (cover, headings) where the format has no pages. */
  coverLines: string[];
  /** Text outside the tables, per page (sheet; the whole document for HTML and Word). */
  pageText: Array<{ page: number; text: string }>;
  /** What the reader could not do but the document still yields (pages left unread, a charset guessed). */
  notes: string[];
}
