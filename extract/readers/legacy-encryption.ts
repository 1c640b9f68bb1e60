// Password-protected XLS and DOC: old binary Office files encrypt their main stream and
// say so at its very start — a FILEPASS record right after the workbook's BOF (MS-XLS
// 2.4.117), the fEncrypted bit of the Word FIB (MS-DOC 2.5.2). LibreOffice given such a
// file fails with a generic load error (or asks for a password); we name the reason.
//
// Only the first sector of the stream is needed, found through the compound file's
// directory (MS-CFB): no FAT chain is followed, so this is a check, not a reader.

import { findOleStream } from "./ole-directory.ts";

/** The stream smaller than this lives in the mini stream (MS-CFB 2.2); main streams never do. */
const MINI_STREAM_CUTOFF = 4096;
const HEADER_BYTES = 512;

/** The first sector of a top-level stream, or null when it cannot be located this simply. */
export function oleStreamHead(bytes: Uint8Array, name: string): Uint8Array | null {
  const entry = findOleStream(bytes, name);
  if (!entry || entry.size < MINI_STREAM_CUTOFF) return null;
  const offset = Math.max(entry.sectorSize, HEADER_BYTES) + entry.start * entry.sectorSize;
  if (offset + entry.sectorSize > bytes.length) return null;
  return bytes.subarray(offset, offset + entry.sectorSize);
}

const BIFF_BOF = 0x0809;
const BIFF_FILEPASS = 0x002f;

/** An XLS workbook stream whose BOF is followed by FILEPASS: the workbook is encrypted. */
export function xlsIsEncrypted(workbookHead: Uint8Array): boolean {
  if (workbookHead.length < 8) return false;
  const view = new DataView(workbookHead.buffer, workbookHead.byteOffset, workbookHead.byteLength);
  if (view.getUint16(0, true) !== BIFF_BOF) return false;
  const next = 4 + view.getUint16(2, true);
  return next + 2 <= workbookHead.length && view.getUint16(next, true) === BIFF_FILEPASS;
}

const FIB_IDENT = 0xa5ec;
const FIB_ENCRYPTED = 0x0100;

/** A Word FIB with fEncrypted set. */
export function docIsEncrypted(wordDocumentHead: Uint8Array): boolean {
  if (wordDocumentHead.length < 12) return false;
  const view = new DataView(wordDocumentHead.buffer, wordDocumentHead.byteOffset, wordDocumentHead.byteLength);
  return view.getUint16(0, true) === FIB_IDENT && (view.getUint16(10, true) & FIB_ENCRYPTED) !== 0;
}

/** Whether an XLS or DOC says it is password-protected. */
export function legacyOfficeIsEncrypted(bytes: Uint8Array, format: "xls" | "doc"): boolean {
  if (format === "doc") {
    const head = oleStreamHead(bytes, "WordDocument");
    return head !== null && docIsEncrypted(head);
  }
  const head = oleStreamHead(bytes, "Workbook") ?? oleStreamHead(bytes, "Book");
  return head !== null && xlsIsEncrypted(head);
}
