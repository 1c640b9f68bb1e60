// Decoding an HTML page: government CMSs serve GBK/GB2312/GB18030 as often as UTF-8,
// sometimes declared in the Content-Type header, sometimes only in a <meta>, sometimes nowhere.
// Order: BOM, header charset, <meta> charset, then detection (valid UTF-8, else GB18030).
import iconv from "iconv-lite";

export type CharsetSource = "bom" | "header" | "meta" | "detected";

export interface DecodedText {
  text: string;
  /** The encoding used, as iconv-lite names it (utf8, gb18030, …). */
  charset: string;
  from: CharsetSource;
}

/** GBK and GB2312 are subsets of GB18030: decoding as GB18030 reads all three, and more characters. */
function canonicalCharset(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, "");
  if (["gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80"].includes(l)) return "gb18030";
  if (l === "utf8" || l === "utf-8" || l === "unicode-1-1-utf-8") return "utf8";
  return iconv.encodingExists(l) ? l : null;
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  const m = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return m ? canonicalCharset(m[1]!) : null;
}

/**
 * <meta charset="gbk">, <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
 * or an XML declaration's encoding="GBK" (dataproxy answers) in the first 4 KiB.
 */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  const m = head.match(/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i) ?? head.match(/^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i);
  return m ? canonicalCharset(m[1]!) : null;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function decodeHtml(bytes: Uint8Array, contentType?: string): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), charset: "utf8", from: "bom" };
  }
  const declared: Array<[string | null, CharsetSource]> = [[charsetFromContentType(contentType), "header"], [charsetFromMeta(bytes), "meta"]];
  for (const [charset, from] of declared) {
    if (!charset) continue;
    // A page labelled UTF-8 that is not valid UTF-8 is a mislabelled GBK page (common after CMS migrations).
    if (charset === "utf8" && !isValidUtf8(bytes)) break;
    return { text: iconv.decode(Buffer.from(bytes), charset), charset, from };
  }
  return isValidUtf8(bytes)
    ? { text: new TextDecoder("utf-8").decode(bytes), charset: "utf8", from: "detected" }
    : { text: iconv.decode(Buffer.from(bytes), "gb18030"), charset: "gb18030", from: "detected" };
}
