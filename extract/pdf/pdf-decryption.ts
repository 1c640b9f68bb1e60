// Stream decryption for the inflation guard: many published PDFs are encrypted with an
// empty user password (printing or copying restricted), which pdf.js opens silently — so
// a bomb inside one must be counted too. The standard security handler (ISO 32000-2 7.6.4)
// with the empty password: RC4 and AES-128 (V1, V2, V4) and AES-256 (V5, R5 and R6). A file
// that needs a real password cannot be opened by pdf.js either, so nothing is decoded there.
import { createDecipheriv, createCipheriv, createHash } from "node:crypto";
import { PdfString, nameOf, resolve, type PdfDict, type PdfStream, type ScannedPdf } from "./pdf-lexer.ts";

export type StreamDecryptor = (s: PdfStream, data: Buffer) => Buffer | null;

const PADDING = Buffer.from("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a", "hex");

/** A decryptor for the document's streams, or null when it is not encrypted (or not by the standard handler). */
export function streamDecryptor(pdf: ScannedPdf): StreamDecryptor | null {
  const trailer = pdf.trailers.find((t) => t.has("Encrypt"));
  if (!trailer) return null;
  const enc = resolve(trailer.get("Encrypt"), pdf.objects);
  if (!(enc instanceof Map) || nameOf(enc.get("Filter")) !== "Standard") return null;
  const v = num(enc.get("V"), 0), r = num(enc.get("R"), 2);
  const o = bytesOf(enc.get("O")), u = bytesOf(enc.get("U"));
  if (!o || !u) return null;
  const encryptMetadata = enc.get("EncryptMetadata") !== false;
  const cipher = streamCipher(enc, v);
  if (cipher === "none") return null;

  if (v === 5) {
    const ue = bytesOf(enc.get("UE"));
    if (!ue || u.length < 48) return null;
    const pw = Buffer.alloc(0);
    const intermediate = r >= 6 ? hash2B(pw, u.subarray(40, 48), Buffer.alloc(0)) : createHash("sha256").update(pw).update(u.subarray(40, 48)).digest();
    const fileKey = aesNoPadding("aes-256-cbc", intermediate, Buffer.alloc(16), ue);
    return (s, data) => (skipped(s, encryptMetadata) ? null : aesDecrypt("aes-256-cbc", fileKey, data));
  }

  const id = idOf(pdf);
  const lengthBits = num(enc.get("Length"), 40);
  const n = r === 2 ? 5 : Math.min(16, Math.max(5, Math.floor(lengthBits / 8)));
  const p = Buffer.alloc(4);
  p.writeInt32LE(num(enc.get("P"), 0) | 0);
  const h = createHash("md5").update(PADDING).update(o.subarray(0, 32)).update(p).update(id);
  if (r >= 4 && !encryptMetadata) h.update(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  let key = h.digest().subarray(0, n);
  if (r >= 3) for (let i = 0; i < 50; i++) key = createHash("md5").update(key).digest().subarray(0, n);
  return (s, data) => {
    if (skipped(s, encryptMetadata) || s.num === null) return null;
    const salt = Buffer.from([s.num & 0xff, (s.num >> 8) & 0xff, (s.num >> 16) & 0xff, s.gen & 0xff, (s.gen >> 8) & 0xff]);
    const hash = createHash("md5").update(key).update(salt);
    if (cipher === "aes") hash.update("sAlT");
    const objectKey = hash.digest().subarray(0, Math.min(16, n + 5));
    return cipher === "aes" ? aesDecrypt("aes-128-cbc", objectKey, data) : rc4(objectKey, data);
  };
}

/** Which cipher streams use: V1/V2 RC4; V4 and V5 by the crypt filter their StmF names. */
function streamCipher(enc: PdfDict, v: number): "rc4" | "aes" | "none" {
  if (v < 4) return "rc4";
  const stmF = nameOf(enc.get("StmF")) ?? "Identity";
  if (stmF === "Identity") return "none";
  const cf = enc.get("CF");
  const filter = cf instanceof Map ? cf.get(stmF) : undefined;
  const cfm = filter instanceof Map ? nameOf(filter.get("CFM")) : undefined;
  return cfm === "AESV2" || cfm === "AESV3" ? "aes" : cfm === "V2" ? "rc4" : "none";
}

/** Streams the standard handler leaves in the clear: xref streams, and metadata when EncryptMetadata is false. */
function skipped(s: PdfStream, encryptMetadata: boolean): boolean {
  const type = nameOf(s.dict.get("Type"));
  return type === "XRef" || (type === "Metadata" && !encryptMetadata);
}

function idOf(pdf: ScannedPdf): Buffer {
  for (const t of pdf.trailers) {
    const id = resolve(t.get("ID"), pdf.objects);
    if (Array.isArray(id) && id[0] instanceof PdfString) return id[0].bytes;
  }
  return Buffer.alloc(0);
}

const num = (v: unknown, fallback: number) => (typeof v === "number" ? v : fallback);
const bytesOf = (v: unknown) => (v instanceof PdfString ? v.bytes : null);

export function rc4(key: Buffer, data: Buffer): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.allocUnsafe(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

/** AES-CBC with the IV in the first 16 bytes and PKCS#5 padding (tolerated when damaged). */
function aesDecrypt(algorithm: "aes-128-cbc" | "aes-256-cbc", key: Buffer, data: Buffer): Buffer {
  if (data.length < 32) return Buffer.alloc(0);
  const body = data.subarray(16, 16 + Math.floor((data.length - 16) / 16) * 16);
  const out = aesNoPadding(algorithm, key, data.subarray(0, 16), body);
  const pad = out[out.length - 1]!;
  return pad >= 1 && pad <= 16 ? out.subarray(0, out.length - pad) : out;
}

function aesNoPadding(algorithm: string, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const d = createDecipheriv(algorithm, key, iv);
  d.setAutoPadding(false);
  return Buffer.concat([d.update(data), d.final()]);
}

/** ISO 32000-2 algorithm 2.B: the R6 password hash. */
export function hash2B(password: Buffer, salt: Buffer, userKey: Buffer): Buffer {
  let k = createHash("sha256").update(password).update(salt).update(userKey).digest();
  for (let i = 0; ; i++) {
    const block = Buffer.concat([password, k, userKey]);
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => block));
    const c = createCipheriv("aes-128-cbc", k.subarray(0, 16), k.subarray(16, 32));
    c.setAutoPadding(false);
    const e = Buffer.concat([c.update(k1), c.final()]);
    let mod = 0;
    for (let j = 0; j < 16; j++) mod += e[j]!;
    k = createHash(["sha256", "sha384", "sha512"][mod % 3]!).update(e).digest();
    if (i >= 63 && e[e.length - 1]! <= i + 1 - 32) break;
  }
  return k.subarray(0, 32);
}
