// What every reader returns (PDF, OCR, spreadsheets, Word, HTML): the Table IR of every
// table in reading order, the text outside the tables, and what it noticed but did not fail
// on — so that a document yielding nothing says why. The transform parses it
// (extract/reader-output.ts) and does the rest, whatever the format.
import type { Table } from "../table-ir.ts";

export interface ReadTables {
  tables: Table[];
  /** Pages for a PDF, sheets for a workbook; 1 for HTML and Word (no pagination in the file). */
  pageCount: number;
  /** Lines outside the tables near the start (cover, headings) where the format has no pages. */
  coverLines: string[];
  /** Text outside the tables, per page (sheet; the whole document for HTML and Word). */
  pageText: Array<{ page: number; text: string }>;
  /**
   * Non-fatal conditions, one sentence each: a charset corrected, a sheet hidden or its part
   * missing, members of one name. (Why a document yields nothing is the transform's emptyReason,
   * which quotes these.) Empty when there is nothing to say.
   */
  notes: string[];
}
