// The non-PDF single-document formats → Table IR, chosen by the sniffed format.
// (PDF has its own reader in extract/pdf; ZIP archives hold documents and are
// routed member by member by the pipeline.)
import { readXlsx } from "./xlsx-reader.ts";
import { readHtml } from "./html-reader.ts";
import { readDocx } from "./docx-reader.ts";
import { readXls, readDoc } from "./legacy-office.ts";
import { ReaderError } from "./reader-error.ts";
import { DEFAULT_READER_LIMITS, mib, type ReaderLimits } from "./limits.ts";
import type { ReadTables } from "./read-result.ts";
import type { SourceFormat } from "./sniff.ts";

export async function readTablesOf(format: Exclude<SourceFormat, "pdf" | "zip">, bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS): Promise<ReadTables> {
  if (bytes.length > limits.maxInputBytes) throw new ReaderError(`file of ${mib(bytes.length)} is over the limit of ${mib(limits.maxInputBytes)}`);
  switch (format) {
    case "xlsx": return readXlsx(bytes, limits);
    case "xls": return readXls(bytes, limits);
    case "docx": return readDocx(bytes, limits);
    case "doc": return readDoc(bytes, limits);
    case "html": return readHtml(bytes);
  }
}
