// What a non-PDF reader returns: the Table IR of every table, in reading order, the
// text that names the document (for the transform's document facts), and what the
// reader noticed but did not fail on — so that a document yielding nothing says why.
import type { Table } from "../table-ir.ts";

export interface ReadTables {
  tables: Table[];
  /** Sheets for a workbook; 1 for HTML and Word (no pagination in the file). */
  pageCount: number;
  /** Lines outside the tables near the start (cover, headings), as the PDF reader's first pages' text. */
  coverLines: string[];
  /**
   * Non-fatal conditions, one sentence each: a charset fallen back to, a sheet part missing,
   * members of one name, no tables at all. Empty when there is nothing to say.
   */
  notes: string[];
}

/** The reason a document with no table yields nothing: narrative only, or no text at all. */
export function tablelessNotes(tables: readonly Table[], lines: number): string[] {
  if (tables.length > 0) return [];
  return [lines > 0 ? `no tables: narrative only (${lines} line${lines === 1 ? "" : "s"} of text, no table)` : "no tables and no text"];
}
