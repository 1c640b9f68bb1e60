// One document file → its tables and line items. The I/O edge of extract + transform.
import type { Table } from "../extract/table-ir.ts";
import type { LineItem, TableKind, AmountUnit } from "../transform/line-item.ts";

export interface RecognizedTable {
  kind: TableKind | null;
  title: string;
  unit: AmountUnit | null;
  pages: number[];
  /** Flattened header path per column, e.g. "一般公共预算支出/基本支出". */
  headers: string[];
  table: Table;
}

export interface DocumentExtract {
  docId: string;
  file: string;
  sha256: string;
  format: "pdf";
  pageCount: number;
  tables: RecognizedTable[];
  items: LineItem[];
}

export async function extractDocumentFile(file: string): Promise<DocumentExtract> {
  throw new Error(`extractDocumentFile(${file}): not implemented yet`);
}
