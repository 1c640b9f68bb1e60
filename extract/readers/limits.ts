// Size limits for untrusted inputs: every reader checks the ones that apply before
// it allocates, so a hostile or broken file costs an error line, not the run.
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
  /** ZIPs inside ZIPs are followed this deep. */
  maxZipDepth: z.number().int().nonnegative(),
  /** Most cells a worksheet may hold. */
  maxSheetCells: z.number().int().positive(),
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
  maxSheetCells: 2_000_000,
  conversionTimeoutSeconds: 120,
};

export const mib = (n: number) => `${(n / 2 ** 20).toFixed(n < 2 ** 20 ? 2 : 0)} MiB`;
