// Limits for untrusted inputs: every reader checks the ones that apply while it reads
// (counting as it goes, never trusting a declared size), so a hostile or broken file
// costs an error line naming the limit, not the run. One ReadBudget (read-budget.ts)
// per document carries them and the document's deadline into the readers' loops.
import { z } from "zod";

export const ReaderLimits = z.object({
  /** Largest input file (any format). */
  maxInputBytes: z.number().int().positive(),
  /** Most members a ZIP (or XLSX/DOCX package) may list. */
  maxZipEntries: z.number().int().positive(),
  /** Largest single member once inflated. */
  maxEntryBytes: z.number().int().positive(),
  /** Largest sum of all members once inflated. */
  maxTotalUnzippedBytes: z.number().int().positive(),
  /** Largest inflated/compressed ratio of a member (zip bombs reach 1000+; XML compresses to ~1/20). */
  maxCompressionRatio: z.number().positive(),
  /** ZIPs inside ZIPs are followed this deep (a ZIP in a ZIP is 1 deep). */
  maxZipDepth: z.number().int().nonnegative(),
  /** Most cells a worksheet may hold, a merged range counted by its area. */
  maxSheetCells: z.number().int().positive(),
  /** Most cells a whole document may hold (all sheets or tables, merged ranges by area). */
  maxDocumentCells: z.number().int().positive(),
  /** Most characters of text a whole document may hold (cells, lines, shared strings, page text). */
  maxDocumentChars: z.number().int().positive(),
  /** Most grid positions (rows × columns) one table may span. */
  maxTableCells: z.number().int().positive(),
  /** Most rows one worksheet or table may have. */
  maxRows: z.number().int().positive(),
  /** Largest row or column span of one cell (rowspan, colspan, gridSpan, merged range side); larger ones are clipped. */
  maxSpan: z.number().int().positive(),
  /** Deepest nesting of elements (HTML, XML) or of tables inside tables. */
  maxNestingDepth: z.number().int().positive(),
  /** Seconds reading one document may take (checked inside the readers' loops). */
  maxSecondsPerDocument: z.number().positive(),
  /** Seconds a LibreOffice conversion may take. */
  conversionTimeoutSeconds: z.number().positive(),
});
export type ReaderLimits = z.infer<typeof ReaderLimits>;

export const DEFAULT_READER_LIMITS: ReaderLimits = {
  maxInputBytes: 100 * 2 ** 20,
  maxZipEntries: 2000,
  maxEntryBytes: 200 * 2 ** 20,
  maxTotalUnzippedBytes: 500 * 2 ** 20,
  maxCompressionRatio: 200,
  maxZipDepth: 2,
  // A budget document holds a few thousand cells in tables of at most a few thousand rows;
  // these leave room for any real one while keeping a document's Table IR and its
  // transform under 1 GiB: a table of 490,000 cells (49,000 rows × 10) peaks at 715 MiB
  // through `lines`, so one such table is the most a document may hold.
  maxSheetCells: 500_000,
  maxDocumentCells: 500_000,
  // 300 pages of dense tables are about 1 M characters.
  maxDocumentChars: 20_000_000,
  maxTableCells: 500_000,
  maxRows: 50_000,
  maxSpan: 1000,
  maxNestingDepth: 10_000,
  maxSecondsPerDocument: 300,
  conversionTimeoutSeconds: 120,
};

export const mib = (n: number) => `${(n / 2 ** 20).toFixed(n < 2 ** 20 ? 2 : 0)} MiB`;
/** 1234567 → "1,234,567". */
export const count = (n: number) => Math.round(n).toLocaleString("en-US");
