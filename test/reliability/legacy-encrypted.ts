// A real XLS or DOC with its encryption marker set, as a password-protected file carries it:
// the record after the workbook's BOF becomes FILEPASS; the FIB's fEncrypted bit is set.
import { oleStreamHead } from "../../extract/readers/legacy-encryption.ts";

export function withEncryptionMarker(file: Buffer, format: "xls" | "doc"): Buffer {
  const out = Buffer.from(file);
  const head = oleStreamHead(out, format === "xls" ? "Workbook" : "WordDocument");
  if (!head) throw new Error(`no ${format} main stream found`);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (format === "xls") view.setUint16(4 + view.getUint16(2, true), 0x002f, true);
  else view.setUint16(10, view.getUint16(10, true) | 0x0100, true);
  return out;
}
