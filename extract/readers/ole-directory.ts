// The directory of an OLE2 compound file (MS-CFB 2.6), looked up by name without a full
// parser: entries are 128 bytes long and sector-aligned, their name UTF-16LE with its
// length (terminator included) at +64 and their type at +66. Requiring all three tells a
// real stream ("Workbook", "WordDocument") from the same letters in a document's text.

export const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
const DIRECTORY_ENTRY_BYTES = 128;
const HEADER_BYTES = 512;
const TYPE_STREAM = 2;

export interface OleEntry { offset: number; start: number; size: number; sectorSize: number }

export const isOle2 = (bytes: Uint8Array) => bytes.length >= HEADER_BYTES && OLE2_MAGIC.every((b, i) => bytes[i] === b);

/** The directory entry of the stream `name`, or null when the file has none (or is no compound file). */
export function findOleStream(bytes: Uint8Array, name: string): OleEntry | null {
  if (!isOle2(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = view.getUint16(30, true);
  if (sectorShift !== 9 && sectorShift !== 12) return null;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const needle = Buffer.from(name + "\0", "utf16le");
  for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + 1)) {
    if (at % DIRECTORY_ENTRY_BYTES !== 0 || at < HEADER_BYTES || at + DIRECTORY_ENTRY_BYTES > bytes.length) continue;
    if (view.getUint16(at + 64, true) !== needle.length || view.getUint8(at + 66) !== TYPE_STREAM) continue;
    return { offset: at, start: view.getUint32(at + 116, true), size: view.getUint32(at + 120, true), sectorSize: 1 << sectorShift };
  }
  return null;
}

export const hasOleStream = (bytes: Uint8Array, name: string) => findOleStream(bytes, name) !== null;
