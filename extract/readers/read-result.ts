// What a non-PDF reader returns: the Table IR of every table, in reading order, and
// the text that names the document (for the transform's document facts).
import type { Table } from "../table-ir.ts";

export interface ReadTables {
  tables: Table[];
  /** Sheets for a workbook; 1 for HTML and Word (no pagination in the file). */
  pageCount: number;
  /** Lines outside the tables near the start (cover, headings), as the PDF reader's first pages' text. */
  coverLines: string[];
}
