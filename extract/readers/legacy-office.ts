// XLS and DOC: converted by LibreOffice, then read as XLSX and DOCX (within the same budget).
import { convertWithLibreOffice } from "./libreoffice.ts";
import { readXlsx } from "./xlsx-reader.ts";
import { readDocx } from "./docx-reader.ts";
import { ReadBudget } from "./read-budget.ts";
import type { ReadTables } from "./read-result.ts";
import { legacyOfficeIsEncrypted } from "./legacy-encryption.ts";
import { ReaderError } from "./reader-error.ts";

function refuseEncrypted(bytes: Uint8Array, format: "xls" | "doc"): void {
  if (legacyOfficeIsEncrypted(bytes, format)) {
    throw new ReaderError(`encrypted (password-protected) ${format === "xls" ? "Excel" : "Word"} document: cannot be read without the password`);
  }
}

export async function readXls(bytes: Uint8Array, budget: ReadBudget = new ReadBudget()): Promise<ReadTables> {
  refuseEncrypted(bytes, "xls");
  return readXlsx(await convertWithLibreOffice(bytes, "xls", "xlsx", budget), budget);
}

export async function readDoc(bytes: Uint8Array, budget: ReadBudget = new ReadBudget()): Promise<ReadTables> {
  refuseEncrypted(bytes, "doc");
  return readDocx(await convertWithLibreOffice(bytes, "doc", "docx", budget), budget);
}
