// What a fetched body really is, from its bytes. Servers label files badly (PDFs as
// application/octet-stream, error pages as 200 with the .pdf URL), so the bytes decide,
// and a body that contradicts what the link promised is an error, not a document.

export type ContentFormat = "pdf" | "xlsx" | "docx" | "zip" | "xls" | "doc" | "ole" | "rar" | "html" | "json" | "text" | "unknown";

/** Formats that are documents (stored and handed to extraction). */
export const DOCUMENT_FORMATS: ReadonlySet<ContentFormat> = new Set(["pdf", "xlsx", "docx", "zip", "xls", "doc", "ole", "rar"]);

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

function latin1(b: Uint8Array, n: number): string {
  return Buffer.from(b.subarray(0, n)).toString("latin1");
}

/**
 * @param extensionHint the URL's extension, only to tell OLE .doc from .xls
 */
export function sniffFormat(bytes: Uint8Array, extensionHint = ""): ContentFormat {
  if (bytes.length === 0) return "unknown";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    // OOXML: the member names are stored uncompressed in the local headers near the start.
    const head = latin1(bytes, Math.min(bytes.length, 64 * 1024));
    if (head.includes("xl/")) return "xlsx";
    if (head.includes("word/")) return "docx";
    return "zip";
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (/^(xls|et)$/.test(extensionHint)) return "xls";
    if (/^(doc|wps)$/.test(extensionHint)) return "doc";
    return "ole";
  }
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return "rar";
  // After the container formats (a ZIP of PDFs holds "%PDF-" too): some producers put junk
  // before %PDF-, and readers accept it within the first KiB.
  if (latin1(bytes, 1024).includes("%PDF-")) return "pdf";
  const text = latin1(bytes, 2048).replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart();
  if (/^<(!doctype html|html|head|body|meta|title|script|div|table|!--|p[\s>])/i.test(text)) return "html";
  if (/^[[{]/.test(text)) return "json";
  // Mostly printable: text (robots.txt, plain error messages).
  const sample = bytes.subarray(0, 512);
  const binary = sample.filter((c) => c < 9 || (c > 13 && c < 32)).length;
  return binary === 0 ? "text" : "unknown";
}

/** File extension the raw store gives a blob of this format (never taken from the URL). */
export function storeExtension(format: ContentFormat): string {
  return format === "unknown" || format === "ole" ? "bin" : format === "text" ? "txt" : format;
}

/** The media type we record for a format (the server's own Content-Type is kept in the sidecar too). */
export function mediaTypeOf(format: ContentFormat): string {
  switch (format) {
    case "pdf": return "application/pdf";
    case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case "zip": return "application/zip";
    case "xls": return "application/vnd.ms-excel";
    case "doc": return "application/msword";
    case "rar": return "application/vnd.rar";
    case "html": return "text/html";
    case "json": return "application/json";
    case "text": return "text/plain";
    default: return "application/octet-stream";
  }
}

/**
 * Why a body cannot be the document its link promised, or null when it can.
 * @param expectsDocument the link was an attachment (by its extension)
 */
export function contentMismatch(format: ContentFormat, expectsDocument: boolean, contentType: string | undefined): string | null {
  if (!expectsDocument || DOCUMENT_FORMATS.has(format)) return null;
  const ct = contentType ? `Content-Type ${contentType.split(";")[0]}` : "no Content-Type";
  return format === "html"
    ? `expected a document but got an HTML page (${ct}): an error or login page served in its place`
    : `expected a document but the body is ${format} (${ct}), not PDF/Office/ZIP`;
}
