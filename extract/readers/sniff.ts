// A document's format from its bytes, never from its file name: portals serve
// XLS named .xlsx, HTML named .doc (Word's "save as web page"), ZIPs named .rar.
import { listZip } from "./zip-archive.ts";
import { ReaderError } from "./reader-error.ts";

export const SOURCE_FORMATS = ["pdf", "xlsx", "xls", "docx", "doc", "html", "zip"] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** How far into the file the markers are looked for. */
const HEAD_BYTES = 4096;

export function sniffFormat(bytes: Uint8Array): SourceFormat {
  if (bytes.length === 0) throw new ReaderError("empty file (0 bytes)");
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, HEAD_BYTES));
  if (head.slice(0, 1024).includes("%PDF-")) return "pdf";
  if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06")) return zipKind(bytes);
  if (OLE2.every((b, i) => bytes[i] === b)) return oleKind(bytes);
  if (looksLikeHtml(bytes, head)) return "html";
  throw new ReaderError(`unrecognised format (not PDF, XLSX, XLS, DOCX, DOC, HTML or ZIP; starts with ${JSON.stringify(head.slice(0, 16))})`);
}

/** XLSX and DOCX are ZIPs with a known main part; any other ZIP is an archive of documents. */
function zipKind(bytes: Uint8Array): SourceFormat {
  let names: string[];
  try {
    names = listZip(bytes).map((e) => e.name);
  } catch {
    return "zip"; // the ZIP reader gives the precise error
  }
  if (names.includes("xl/workbook.xml")) return "xlsx";
  if (names.includes("word/document.xml")) return "docx";
  return "zip";
}

/**
 * OLE2 compound files: old Excel (a "Workbook" or "Book" stream), old Word ("WordDocument"),
 * or an encrypted OOXML file ("EncryptedPackage"). Stream names are UTF-16LE in the
 * directory sectors; finding them by a byte scan avoids a full compound-file parser.
 */
function oleKind(bytes: Uint8Array): SourceFormat {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (name: string) => text.includes(Buffer.from(name, "utf16le"));
  if (has("EncryptedPackage")) throw new ReaderError("encrypted (password-protected) Office document: cannot be read without the password");
  if (has("WordDocument")) return "doc";
  if (has("Workbook") || has("Book")) return "xls";
  throw new ReaderError("OLE2 compound file with no Excel (Workbook) or Word (WordDocument) stream: truncated, corrupt, or another Office format");
}

function looksLikeHtml(bytes: Uint8Array, head: string): boolean {
  let h = head;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) h = new TextDecoder("utf-16le").decode(bytes.subarray(0, HEAD_BYTES));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) h = new TextDecoder("utf-16be").decode(bytes.subarray(0, HEAD_BYTES));
  h = h.replace(/^(\xef\xbb\xbf|\ufeff)/, "").trimStart().toLowerCase();
  return /^<(!doctype html|html|head|body|meta|table|!--|\?xml[^>]*>\s*<html)/.test(h) || /<html[\s>]/.test(h) && /<(table|body)[\s>]/.test(h);
}
