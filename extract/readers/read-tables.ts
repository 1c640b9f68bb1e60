// The non-PDF single-document formats → Table IR, by the reader the format registry names
// for the sniffed format. (PDF has its own reader in extract/pdf; ZIP archives hold documents
// and are routed member by member by the pipeline.) One budget per document: the deadline
// and the cell count run over everything the document's reader does.
import { tablesReaderOf, type SourceFormat } from "../formats/format-registry.ts";
import { ReaderError } from "./reader-error.ts";
import { DEFAULT_READER_LIMITS, mib, type ReaderLimits } from "./limits.ts";
import { ReadBudget } from "./read-budget.ts";
import type { ReadTables } from "./read-result.ts";

export async function readTablesOf(format: Exclude<SourceFormat, "pdf" | "zip">, bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS, budget: ReadBudget = new ReadBudget(limits)): Promise<ReadTables> {
  if (bytes.length > limits.maxInputBytes) throw new ReaderError(`file of ${mib(bytes.length)} is over the limit of ${mib(limits.maxInputBytes)} (maxInputBytes)`);
  const read = await tablesReaderOf(format);
  return read(bytes, budget);
}
