// The file name a server gives a download in Content-Disposition, decoded as browsers do:
// RFC 5987/6266 filename* (charset'lang'percent-bytes), a percent-encoded plain filename, and
// raw bytes (GBK / GB18030 or UTF-8 sent unencoded: Node hands header bytes over as latin1
// characters). The name is a label, never a path.
import iconv from "iconv-lite";

const isValidUtf8 = (b: Buffer) => {
  try { new TextDecoder("utf-8", { fatal: true }).decode(b); return true; } catch { return false; }
};

/** Bytes received as latin1 characters → text: UTF-8 when they are valid UTF-8, else GB18030. */
export function decodeHeaderBytes(value: string): string {
  // Characters above U+00FF mean the value was already decoded (a browser's header, a test's string).
  if ([...value].some((c) => c.charCodeAt(0) > 0xff)) return value;
  const bytes = Buffer.from(value, "latin1");
  if (!bytes.some((b) => b > 0x7f)) return value;
  return isValidUtf8(bytes) ? bytes.toString("utf8") : iconv.decode(bytes, "gb18030");
}

function percentBytes(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "%" && /^[0-9a-f]{2}$/i.test(s.slice(i + 1, i + 3))) { out.push(parseInt(s.slice(i + 1, i + 3), 16)); i += 2; }
    else for (const b of Buffer.from(s[i]!, "latin1")) out.push(b);
  }
  return Buffer.from(out);
}

function decodeWithCharset(bytes: Buffer, charset: string): string {
  const c = charset.trim().toLowerCase();
  if (/^(gbk|gb2312|gb18030|cp936|x-gbk)$/.test(c)) return iconv.decode(bytes, "gb18030");
  if (c === "utf-8" || c === "utf8" || c === "") return isValidUtf8(bytes) ? bytes.toString("utf8") : iconv.decode(bytes, "gb18030");
  return iconv.encodingExists(c) ? iconv.decode(bytes, c) : bytes.toString("latin1");
}

/** The raw file name in the header, decoded (undefined when there is none). */
export function contentDispositionFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const star = header.match(/filename\*\s*=\s*"?([\w-]*)'[^']*'([^;"]+)"?/i);
  if (star) return decodeWithCharset(percentBytes(star[2]!.trim()), star[1]!);
  const plain = header.match(/filename\s*=\s*"((?:[^"\\]|\\.)*)"|filename\s*=\s*([^;]+)/i);
  if (!plain) return undefined;
  const raw = (plain[1]?.replace(/\\(.)/g, "$1") ?? plain[2]!).trim();
  // Percent-encoded without filename* (what many Java CMSs send): decode when it is encoded bytes.
  if (/%[0-9a-f]{2}/i.test(raw)) {
    const bytes = percentBytes(raw);
    if (bytes.some((b) => b > 0x7f)) return decodeWithCharset(bytes, "utf-8");
  }
  // RFC 2047 encoded words (=?GBK?B?…?=), which some servers use.
  const word = raw.match(/^=\?([\w-]+)\?([BQ])\?([^?]*)\?=$/i);
  if (word) {
    const bytes = word[2]!.toUpperCase() === "B" ? Buffer.from(word[3]!, "base64") : percentBytes(word[3]!.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, "%$1"));
    return decodeWithCharset(bytes, word[1]!);
  }
  return decodeHeaderBytes(raw);
}

/** The file name reduced to a harmless label: last segment, no control characters, no leading dots. */
export function contentDispositionName(header: string | undefined): string | undefined {
  const name = contentDispositionFileName(header);
  if (!name) return undefined;
  const label = name.split(/[/\\]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").replace(/^\.+/, "").trim().slice(0, 200);
  return label || undefined;
}
