// Every format the project meets, once: its name, how its bytes are recognised (never by
// the file name or URL: portals serve XLS named .xlsx, HTML named .xls, ZIPs named .rar),
// its media types and extensions, whether the crawler keeps it as a document, the reader
// that turns it into the Table IR, and how faithful a rendition in it is. The crawler
// (what to store, under which extension and media type) and the readers (which reader,
// or why none) both ask this file, so they cannot disagree about what a body is.
import type { ReadTables } from "../readers/read-result.ts";
import type { ReadBudget } from "../readers/read-budget.ts";
import { ReaderError } from "../readers/reader-error.ts";
import { hasOleStream, isOle2 } from "../readers/ole-directory.ts";
import { listZip } from "../readers/zip-archive.ts";
import { utf16WithoutBom } from "./html-charset.ts";
import { htmlHoldsTable } from "./html-table-probe.ts";

export const CONTENT_FORMATS = ["pdf", "xlsx", "xls", "docx", "doc", "html", "zip", "rar", "ole", "json", "text", "unknown"] as const;
/** What a body is, as far as its bytes tell. */
export type ContentFormat = (typeof CONTENT_FORMATS)[number];
/** The formats a document can be read from. */
export type SourceFormat = "pdf" | "xlsx" | "xls" | "docx" | "doc" | "html" | "zip";

export type TablesReader = (bytes: Uint8Array, budget: ReadBudget) => ReadTables | Promise<ReadTables>;

/** How a format is read: to tables, by the PDF path, member by member, or not at all (and why). */
export type ReaderSpec =
  | { kind: "tables"; load: () => Promise<TablesReader> }
  | { kind: "pdf" }
  | { kind: "archive" }
  | { kind: "refused"; reason: (bytes: Uint8Array) => string };

/** The first bytes of a body, with views computed once and only when a test asks. */
export class Probe {
  private latin1Head?: string;
  private zipNames?: string[] | null;
  constructor(readonly bytes: Uint8Array) {}

  /** The first `HEAD_BYTES` as latin1 text (one character per byte). */
  get head(): string {
    return (this.latin1Head ??= Buffer.from(this.bytes.buffer, this.bytes.byteOffset, Math.min(this.bytes.byteLength, HEAD_BYTES)).toString("latin1"));
  }

  startsWith(signature: readonly number[]): boolean {
    return signature.every((b, i) => this.bytes[i] === b);
  }

  /**
   * Member names of a ZIP: from its central directory, else (a truncated package) from the
   * local headers near the start, where OOXML writers put their main parts.
   */
  get members(): string[] {
    if (this.zipNames === undefined) {
      try {
        this.zipNames = listZip(this.bytes).map((e) => e.name);
      } catch {
        this.zipNames = null;
      }
    }
    return this.zipNames ?? localHeaderNames(this.bytes);
  }
}

export interface FormatRecord {
  name: ContentFormat;
  /** In messages: "XLSX (Excel workbook)". */
  label: string;
  /** Does the body look like this format? Asked in registry order: the first yes wins. */
  magic: (p: Probe) => boolean;
  /** The canonical media type first. */
  mediaTypes: readonly string[];
  /** File extensions; the first is the raw store's. */
  extensions: readonly string[];
  /** Whether the crawler keeps it as a document: always, when it holds a data table (HTML), or never (pages, robots.txt). */
  document: "always" | "with-table" | "never";
  reader: ReaderSpec;
  /** Renditions of one document: lower is more faithful (spreadsheets hold the numbers, PDF their placement); null for no rendition. */
  faithfulness: number | null;
}

/** How far into the file the markers are looked for. */
const HEAD_BYTES = 4096;
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const RAR = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07];
const isZip = (p: Probe) => p.startsWith(ZIP_LOCAL) || p.startsWith(ZIP_EMPTY);
const UNREADABLE = (what: string) => (bytes: Uint8Array) =>
  `unrecognised format (${what}, not PDF, XLSX, XLS, DOCX, DOC, HTML or ZIP; starts with ${JSON.stringify(Buffer.from(bytes.subarray(0, 16)).toString("latin1"))})`;

export const FORMATS: readonly FormatRecord[] = [
  {
    name: "xlsx", label: "XLSX (Excel workbook)", magic: (p) => isZip(p) && p.members.some((n) => n === "xl/workbook.xml" || n.startsWith("xl/worksheets/")),
    mediaTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel.sheet.macroenabled.12"],
    extensions: ["xlsx", "xlsm"], document: "always",
    reader: { kind: "tables", load: async () => (await import("../readers/xlsx-reader.ts")).readXlsx }, faithfulness: 0,
  },
  {
    name: "docx", label: "DOCX (Word document)", magic: (p) => isZip(p) && p.members.some((n) => n === "word/document.xml"),
    mediaTypes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    extensions: ["docx", "docm"], document: "always",
    reader: { kind: "tables", load: async () => (await import("../readers/docx-reader.ts")).readDocx }, faithfulness: 3,
  },
  {
    name: "zip", label: "ZIP archive", magic: isZip,
    mediaTypes: ["application/zip", "application/x-zip-compressed"], extensions: ["zip"], document: "always",
    reader: { kind: "archive" }, faithfulness: null,
  },
  {
    name: "xls", label: "XLS (old binary Excel)", magic: (p) => isOle2(p.bytes) && (hasOleStream(p.bytes, "Workbook") || hasOleStream(p.bytes, "Book")) && !hasOleStream(p.bytes, "EncryptedPackage"),
    mediaTypes: ["application/vnd.ms-excel"], extensions: ["xls", "et"], document: "always",
    reader: { kind: "tables", load: async () => (await import("../readers/legacy-office.ts")).readXls }, faithfulness: 1,
  },
  {
    name: "doc", label: "DOC (old binary Word)", magic: (p) => isOle2(p.bytes) && hasOleStream(p.bytes, "WordDocument") && !hasOleStream(p.bytes, "EncryptedPackage"),
    mediaTypes: ["application/msword"], extensions: ["doc", "wps"], document: "always",
    reader: { kind: "tables", load: async () => (await import("../readers/legacy-office.ts")).readDoc }, faithfulness: 4,
  },
  {
    // Any other compound file: an encrypted OOXML package, PowerPoint, Outlook, or one too damaged to tell.
    name: "ole", label: "OLE2 compound file", magic: (p) => p.startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    mediaTypes: ["application/x-ole-storage"], extensions: ["bin"], document: "always",
    reader: { kind: "refused", reason: oleRefusal }, faithfulness: null,
  },
  {
    name: "rar", label: "RAR archive", magic: (p) => p.startsWith(RAR),
    mediaTypes: ["application/vnd.rar", "application/x-rar-compressed"], extensions: ["rar"], document: "always",
    reader: { kind: "refused", reason: () => "RAR archive: not read (only ZIP archives are; the documents inside must be published unpacked or as ZIP)" }, faithfulness: null,
  },
  {
    // Some producers put junk before %PDF-, and readers accept it within the first KiB.
    name: "pdf", label: "PDF", magic: (p) => p.head.slice(0, 1024).includes("%PDF-"),
    mediaTypes: ["application/pdf"], extensions: ["pdf"], document: "always", reader: { kind: "pdf" }, faithfulness: 5,
  },
  {
    name: "html", label: "HTML", magic: looksLikeHtml,
    mediaTypes: ["text/html", "application/xhtml+xml"], extensions: ["html", "htm", "shtml", "xhtml"], document: "with-table",
    reader: { kind: "tables", load: async () => (await import("../readers/html-reader.ts")).readHtml }, faithfulness: 2,
  },
  {
    name: "json", label: "JSON", magic: (p) => /^[[{]/.test(textStart(p)),
    mediaTypes: ["application/json"], extensions: ["json"], document: "never", reader: { kind: "refused", reason: UNREADABLE("JSON") }, faithfulness: null,
  },
  {
    // Mostly printable: robots.txt, plain error messages.
    name: "text", label: "plain text", magic: (p) => !p.bytes.subarray(0, 512).some((c) => c < 9 || (c > 13 && c < 32)),
    mediaTypes: ["text/plain"], extensions: ["txt"], document: "never", reader: { kind: "refused", reason: UNREADABLE("plain text") }, faithfulness: null,
  },
  {
    name: "unknown", label: "unknown bytes", magic: () => true,
    mediaTypes: ["application/octet-stream"], extensions: ["bin"], document: "never", reader: { kind: "refused", reason: UNREADABLE("unknown bytes") }, faithfulness: null,
  },
];

const BY_NAME = new Map<string, FormatRecord>(FORMATS.map((f) => [f.name, f]));

/** The record of a format; unknown names get the "unknown" record. */
export function formatRecord(name: string): FormatRecord {
  return BY_NAME.get(name) ?? BY_NAME.get("unknown")!;
}

/** What a body is, from its bytes alone (OLE files too, by their streams). Never throws: the crawler stores or refuses by it. */
export function sniffFormat(bytes: Uint8Array): ContentFormat {
  if (bytes.length === 0) return "unknown";
  const probe = new Probe(bytes);
  return FORMATS.find((f) => f.magic(probe))!.name;
}

/** The format a document is read as, or a ReaderError saying why it cannot be read. */
export function readableFormat(bytes: Uint8Array): SourceFormat {
  if (bytes.length === 0) throw new ReaderError("empty file (0 bytes)");
  const record = formatRecord(sniffFormat(bytes));
  if (record.reader.kind === "refused") throw new ReaderError(record.reader.reason(bytes));
  return record.name as SourceFormat;
}

/** Formats the crawler always keeps as documents. */
export const DOCUMENT_FORMATS: ReadonlySet<ContentFormat> = new Set(FORMATS.filter((f) => f.document === "always").map((f) => f.name));

/** Whether a body fetched for a document link is one: a document format, or HTML holding a data table. */
export function isDocumentBody(format: ContentFormat, body: Uint8Array): boolean {
  const record = formatRecord(format);
  return record.document === "always" || (record.document === "with-table" && htmlHoldsTable(body));
}

/** File extension the raw store gives a blob of this format (never taken from the URL). */
export function storeExtension(format: ContentFormat | string): string {
  return formatRecord(format).extensions[0]!;
}

/** The media type recorded for a format (the server's own Content-Type is kept in the sidecar too). */
export function mediaTypeOf(format: ContentFormat | string): string {
  return formatRecord(format).mediaTypes[0]!;
}

/** The format a file name's extension promises, or null (for "not a PDF but HTML" messages). */
export function formatOfExtension(extension: string): SourceFormat | null {
  const ext = extension.replace(/^\./, "").toLowerCase();
  const f = FORMATS.find((r) => r.reader.kind !== "refused" && r.extensions.includes(ext));
  return f ? (f.name as SourceFormat) : null;
}

/**
 * Why a body cannot be the document its link promised, or null when it can. With the body
 * given, HTML holding a data table is a document (exports saved as .xls, UTF-16 web pages).
 * @param expectsDocument the link was an attachment (by its extension)
 */
export function contentMismatch(format: ContentFormat, expectsDocument: boolean, contentType: string | undefined, body?: Uint8Array): string | null {
  if (!expectsDocument || DOCUMENT_FORMATS.has(format)) return null;
  if (body && isDocumentBody(format, body)) return null;
  const ct = contentType ? `Content-Type ${contentType.split(";")[0]}` : "no Content-Type";
  return format === "html"
    ? `expected a document but got an HTML page (${ct}): an error or login page served in its place`
    : `expected a document but the body is ${format} (${ct}), not PDF/Office/ZIP`;
}

/** Renditions of one document in several formats, most faithful first; OCR'd PDF after PDF. */
export function faithfulnessRank(format: SourceFormat | string, ocr: boolean): number {
  const f = formatRecord(format).faithfulness;
  return f === null ? Number.POSITIVE_INFINITY : f + (format === "pdf" && ocr ? 0.5 : 0);
}

/** Reads a non-PDF, non-archive document to tables with its format's reader. */
export async function tablesReaderOf(format: SourceFormat): Promise<TablesReader> {
  const spec = formatRecord(format).reader;
  if (spec.kind !== "tables") throw new ReaderError(`${formatRecord(format).label} is not read to tables directly`);
  return spec.load();
}

function oleRefusal(bytes: Uint8Array): string {
  if (hasOleStream(bytes, "EncryptedPackage")) return "encrypted (password-protected) Office document: cannot be read without the password";
  if (hasOleStream(bytes, "PowerPoint Document")) return "PowerPoint presentation (PPT): not read (no budget tables are published as slides)";
  return "OLE2 compound file with no Excel (Workbook) or Word (WordDocument) stream: truncated, corrupt, or another Office format";
}

/** The body's first characters as text: UTF-16 decoded, BOM and leading whitespace removed. */
function textStart(p: Probe): string {
  const b = p.bytes;
  const utf16 = b[0] === 0xff && b[1] === 0xfe ? "utf-16le" : b[0] === 0xfe && b[1] === 0xff ? "utf-16be" : utf16WithoutBom(b);
  const h = utf16 ? new TextDecoder(utf16).decode(b.subarray(0, HEAD_BYTES)) : p.head;
  return h.replace(/^(\xef\xbb\xbf|\ufeff)/, "").trimStart();
}

function looksLikeHtml(p: Probe): boolean {
  const h = textStart(p).toLowerCase();
  return /^<(!doctype html|html|head|body|meta|title|script|style|link|div|table|span|font|center|h[1-6]|p|br|b|strong|form|ul|ol)[\s>/]/.test(h)
    || /^<(!--|\?xml[^>]*>\s*<(!doctype html|html))/.test(h)
    || (/<html[\s>]/.test(h) && /<(table|body|head)[\s>]/.test(h));
}

/** Names in the local file headers of the first 64 KiB (a truncated ZIP has no central directory). */
function localHeaderNames(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024));
  const out: string[] = [];
  for (let p = buf.indexOf("PK\x03\x04", 0, "latin1"); p >= 0 && p + 30 <= buf.length; p = buf.indexOf("PK\x03\x04", p + 4, "latin1")) {
    const nameLen = buf.readUInt16LE(p + 26);
    if (p + 30 + nameLen <= buf.length) out.push(buf.toString("utf8", p + 30, p + 30 + nameLen));
  }
  return out;
}
