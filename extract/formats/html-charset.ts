// Decoding an HTML page or document: government CMSs serve GBK/GB2312/GB18030 as often as
// UTF-8, declared in the Content-Type header, only in a <meta>, wrongly, or nowhere; Excel
// and Word save web pages as UTF-16. Order: byte-order mark, header charset, <meta>
// charset, then detection — and every claim of UTF-8 is checked against the bytes: invalid
// UTF-8 behind a BOM or a declaration is a GBK page mislabelled (common after CMS
// migrations), read as GB18030 with a note saying so.
import { isUtf8 } from "node:buffer";

export type CharsetSource = "bom" | "header" | "meta" | "detected";

export interface DecodedText {
  text: string;
  /** The encoding used: utf8, gb18030, utf-16le, utf-16be, or the label declared (big5 …). */
  charset: string;
  from: CharsetSource;
  /** Set when what the file claimed was not what its bytes are (or a claim was unusable). */
  note?: string;
}

/** How far into the file a <meta> charset or the markup's start is looked for. */
const HEAD_BYTES = 4096;
const GB_LABELS = new Set(["gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "csgb2312", "x-euc-cn", "windows-936"]);
const UTF8_LABELS = new Set(["utf8", "utf-8", "unicode-1-1-utf-8"]);

/** A charset label as this module names it, or null when no decoder knows it. */
export function canonicalCharset(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, "");
  if (GB_LABELS.has(l)) return "gb18030";
  if (UTF8_LABELS.has(l)) return "utf8";
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  const m = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return m ? canonicalCharset(m[1]!) : null;
}

/** <meta charset="gbk">, <meta http-equiv="Content-Type" content="text/html; charset=gb2312"> or an XML declaration's encoding, in the first 4 KiB. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEAD_BYTES)).toString("latin1");
  const m = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i) ?? head.match(/^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i);
  return m ? canonicalCharset(m[1]!) : null;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/** UTF-16 without a byte-order mark, by the zero bytes ASCII markup leaves in it; null otherwise. */
export function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 8) return null;
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.1) return "utf-16le";
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.1) return "utf-16be";
  return null;
}

const decode = (bytes: Uint8Array, charset: string) => new TextDecoder(charset === "utf8" ? "utf-8" : charset).decode(bytes);

export function decodeHtml(bytes: Uint8Array, contentType?: string): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const rest = bytes.subarray(3);
    if (isUtf8(rest)) return { text: decode(rest, "utf8"), charset: "utf8", from: "bom" };
    return { text: decode(rest, "gb18030"), charset: "gb18030", from: "detected", note: "charset: a UTF-8 byte-order mark on bytes that are not valid UTF-8; read as GB18030 (GBK)" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode(bytes.subarray(2), "utf-16le"), charset: "utf-16le", from: "bom" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode(bytes.subarray(2), "utf-16be"), charset: "utf-16be", from: "bom" };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: decode(bytes, utf16), charset: utf16, from: "detected" };
  const declared: Array<[string | null, CharsetSource]> = [[charsetFromContentType(contentType), "header"], [charsetFromMeta(bytes), "meta"]];
  const valid = isUtf8(bytes);
  for (const [charset, from] of declared) {
    if (!charset) continue;
    if (charset === "utf8" && !valid)
      return { text: decode(bytes, "gb18030"), charset: "gb18030", from: "detected", note: `charset: declared UTF-8 (by the ${from === "header" ? "Content-Type header" : "<meta>"}) but the bytes are not valid UTF-8; read as GB18030 (GBK)` };
    // Non-ASCII text that is valid UTF-8 is UTF-8 whatever a stale declaration says (GBK text never is).
    if (charset === "gb18030" && valid && hasNonAscii(bytes))
      return { text: decode(bytes, "utf8"), charset: "utf8", from: "detected", note: `charset: declared GBK (by the ${from === "header" ? "Content-Type header" : "<meta>"}) but the bytes are valid UTF-8; read as UTF-8` };
    return { text: decode(bytes, charset), charset, from };
  }
  // Undeclared and not UTF-8: GBK, as most such pages are (GB18030 reads GBK and GB2312).
  return valid ? { text: decode(bytes, "utf8"), charset: "utf8", from: "detected" } : { text: decode(bytes, "gb18030"), charset: "gb18030", from: "detected" };
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}
