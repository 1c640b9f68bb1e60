// The bound on what a PDF's streams inflate to, checked before pdf.js decodes any of them:
// pdf.js holds each stream it decodes whole in memory, so a 0.8 MB file whose content
// stream inflates to 800 MiB cost 1.8 GB. Every stream pdf.js would decode (page contents,
// fonts, forms, object and xref streams) is run through its filter chain here, counting
// the output against a limit per stream and one for the document (a plain Flate stream of
// at most WHOLE_INFLATE_BYTES is inflated whole, for speed; all others chunk by chunk, never held);
// images are never decoded for tables, so their declared size is checked instead.
// Engine-independent: it reads the bytes, not pdf.js's objects (PDFium may call it too).
import { inflateSync, constants } from "node:zlib";
import { LimitError, type ReadBudget } from "../readers/read-budget.ts";
import { count, mib } from "../readers/limits.ts";
import { DEFAULT_PDF_LIMITS, type PdfLimits } from "./pdf-limits.ts";
import { nameOf, resolve, scanPdf, endstreamAt, type PdfDict, type PdfStream, type PdfValue, type ScannedPdf } from "./pdf-lexer.ts";
import { ascii85, asciiHex, inflate, lzw, runLength, slices, type Chunks } from "./stream-decoders.ts";
import { streamDecryptor } from "./pdf-decryption.ts";
import { checkFormPaints, DoCounter, type DoCounts } from "./form-paints.ts";

export interface InflationTotals {
  /** Streams decoded and counted. */
  streams: number;
  /** Their inflated bytes together, and the largest one's. */
  bytes: number;
  largest: number;
}

/** Filters that only image codecs use: the data is not inflated here (images are not decoded). */
const IMAGE_CODECS = new Set(["DCTDecode", "DCT", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode", "CCF"]);

export async function checkStreamInflation(bytes: Uint8Array, limits: PdfLimits = DEFAULT_PDF_LIMITS, budget?: ReadBudget): Promise<InflationTotals> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pdf = scanPdf(buf, budget);
  const decrypt = streamDecryptor(pdf);
  const totals: InflationTotals = { streams: 0, bytes: 0, largest: 0 };
  const doCounts = new Map<number, DoCounts>();
  const objectStreams: Buffer[] = [];
  let objectStreamBytes = 0;
  for (const s of pdf.streams) {
    budget?.checkTime("PDF streams");
    const image = imageBytes(s, pdf, limits);
    // An image may inflate to what its dimensions declare (pdf.js never decodes it; OCR renders it);
    // every other stream to maxStreamBytes, and all of them together to maxDocumentStreamBytes.
    const room = limits.maxDocumentStreamBytes - totals.bytes;
    const limit = image !== null ? Math.max(limits.maxStreamBytes, image) : Math.min(limits.maxStreamBytes, room);
    let data: Buffer = buf.subarray(s.start, streamEnd(buf, s, pdf));
    if (decrypt) data = decrypt(s, data) ?? data;
    // Content is scanned for the forms it paints; object streams are kept to find the pages and resources in them.
    const objectStream = nameOf(s.dict.get("Type")) === "ObjStm";
    const doCounter = image === null && !objectStream && s.num !== null ? new DoCounter() : null;
    const kept: Buffer[] = [];
    const size = await decodedSize(data, filtersOf(s.dict, pdf), limit, budget, (chunk) => {
      doCounter?.add(chunk);
      if (objectStream && objectStreamBytes < MAX_OBJECT_STREAM_BYTES) { kept.push(chunk); objectStreamBytes += chunk.length; }
    });
    if (doCounter && doCounter.counts.size) doCounts.set(s.num!, doCounter.counts);
    if (kept.length) objectStreams.push(objectStreamSource(s, Buffer.concat(kept), pdf));
    if (size.over) {
      if (image !== null) throw new LimitError("maxStreamBytes", `${describe(s)} inflates past the ${mib(limit)} its dimensions declare: refused before it is decoded`);
      throw limits.maxStreamBytes <= room
        ? new LimitError("maxStreamBytes", `${describe(s)} inflates past ${mib(limits.maxStreamBytes)} (limit maxStreamBytes): refused before it is decoded`)
        : new LimitError("maxDocumentStreamBytes", `the document's streams inflate past ${mib(limits.maxDocumentStreamBytes)} together (limit maxDocumentStreamBytes), passed at ${describe(s)}`);
    }
    totals.streams++;
    if (image === null) totals.bytes += size.bytes;
    if (size.bytes > totals.largest) totals.largest = size.bytes;
  }
  if (doCounts.size) {
    // Objects inside object streams (pages, resources) join the top-level ones, which take precedence.
    const inner = scanPdf(Buffer.concat(objectStreams), budget);
    for (const [num, v] of inner.objects) if (!pdf.objects.has(num)) pdf.objects.set(num, v);
    checkFormPaints(pdf, doCounts, limits.maxFormPaints);
  }
  return totals;
}

/** Object streams kept for the form-paint graph, at most this much decoded. */
const MAX_OBJECT_STREAM_BYTES = 64 * 2 ** 20;

/** An object stream's objects rewritten as `N 0 obj … endobj`, for the scanner. */
function objectStreamSource(s: PdfStream, data: Buffer, pdf: ScannedPdf): Buffer {
  const n = resolve(s.dict.get("N"), pdf.objects), first = resolve(s.dict.get("First"), pdf.objects);
  if (typeof n !== "number" || typeof first !== "number" || first > data.length) return Buffer.alloc(0);
  const header = data.toString("latin1", 0, first).trim().split(/\s+/).map(Number);
  const parts: Buffer[] = [];
  for (let i = 0; i < Math.min(n, header.length / 2); i++) {
    const num = header[2 * i]!, at = first + header[2 * i + 1]!, end = i + 1 < n && 2 * i + 3 < header.length ? first + header[2 * i + 3]! : data.length;
    if (!Number.isInteger(num) || !(at >= first && end >= at && end <= data.length)) continue;
    parts.push(Buffer.from(`\n${num} 0 obj\n`, "latin1"), data.subarray(at, end), Buffer.from("\nendobj\n", "latin1"));
  }
  return Buffer.concat(parts);
}

/**
 * For an image, the most its data may decode to: width × height × 4 components × its bits per
 * component (and a predictor byte a row), refused outright past maxImagePixels; null for other streams.
 */
function imageBytes(s: PdfStream, pdf: ScannedPdf, limits: PdfLimits): number | null {
  if (nameOf(s.dict.get("Subtype")) !== "Image") return null;
  const w = resolve(s.dict.get("Width") ?? s.dict.get("W"), pdf.objects);
  const h = resolve(s.dict.get("Height") ?? s.dict.get("H"), pdf.objects);
  if (typeof w !== "number" || typeof h !== "number" || w <= 0 || h <= 0) return 0;
  if (w * h > limits.maxImagePixels)
    throw new LimitError("maxImagePixels", `${describe(s)} declares ${count(w)}×${count(h)} pixels, more than the limit of ${count(limits.maxImagePixels)} (maxImagePixels)`);
  const bpc = resolve(s.dict.get("BitsPerComponent") ?? s.dict.get("BPC"), pdf.objects);
  const bits = typeof bpc === "number" && bpc > 0 && bpc <= 16 ? bpc : 8;
  return Math.ceil(h * (Math.ceil((w * 4 * bits) / 8) + 1) * 1.01) + 65_536;
}

/** An indirect /Length that lands on "endstream" ends the data there (the scan took the first "endstream"). */
function streamEnd(buf: Buffer, s: PdfStream, pdf: ScannedPdf): number {
  const length = resolve(s.dict.get("Length"), pdf.objects);
  if (s.dict.get("Length") !== length && typeof length === "number" && length >= 0 && endstreamAt(buf, s.start + length) >= 0) return s.start + length;
  return s.end;
}

function filtersOf(d: PdfDict, pdf: ScannedPdf): string[] {
  const f = resolve(d.get("Filter") ?? d.get("F"), pdf.objects);
  const list: PdfValue[] = Array.isArray(f) ? f : f === undefined ? [] : [f];
  return list.map((v) => nameOf(resolve(v, pdf.objects)) ?? "");
}

/** What `data` decodes to through `filters`, counted up to `limit` (then `over`). */
async function decodedSize(data: Buffer, filters: string[], limit: number, budget?: ReadBudget, sink?: (chunk: Buffer) => void): Promise<{ bytes: number; over: boolean }> {
  if (filters.length === 1 && isFlate(filters[0]!) && limit <= WHOLE_INFLATE_BYTES) {
    const whole = inflatedWhole(data, limit);
    if (whole === "over") return { bytes: limit + 1, over: true };
    if (whole) {
      budget?.checkTime("PDF stream decoding");
      sink?.(whole);
      return { bytes: whole.length, over: false };
    }
  }
  let chain: Chunks = slices(data);
  for (const f of filters) {
    if (IMAGE_CODECS.has(f)) break; // an image's data: pdf.js does not decode it for text
    if (isFlate(f)) chain = inflate(chain);
    else if (f === "LZWDecode" || f === "LZW") chain = lzw(chain);
    else if (f === "RunLengthDecode" || f === "RL") chain = runLength(chain);
    else if (f === "ASCIIHexDecode" || f === "AHx") chain = asciiHex(chain);
    else if (f === "ASCII85Decode" || f === "A85") chain = ascii85(chain);
    else if (f === "Crypt") continue;
    else return { bytes: data.length, over: data.length > limit }; // an unknown filter: pdf.js cannot decode it either
  }
  let bytes = 0;
  for await (const c of chain) {
    bytes += c.length;
    sink?.(c);
    budget?.tick("PDF stream decoding");
    if (bytes > limit) return { bytes, over: true };
  }
  return { bytes, over: false };
}

const isFlate = (filter: string) => filter === "FlateDecode" || filter === "Fl";

/**
 * The most a stream may be inflated to in one piece: the default maxStreamBytes. An image's own
 * limit (its declared size, up to hundreds of MiB) is counted chunk by chunk instead, never held.
 */
const WHOLE_INFLATE_BYTES = DEFAULT_PDF_LIMITS.maxStreamBytes;

/**
 * A Flate stream inflated in one native call, stopped one byte past `limit` ("over"); null when
 * the data is corrupt, for the chunked decoder to count what comes before the fault (as pdf.js
 * decodes up to it). Most streams are plain Flate: a stream pipeline each cost more than zlib.
 */
function inflatedWhole(data: Buffer, limit: number): Buffer | "over" | null {
  try {
    return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: limit + 1 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return "over";
    return null;
  }
}

function describe(s: PdfStream): string {
  const type = nameOf(s.dict.get("Type")), subtype = nameOf(s.dict.get("Subtype"));
  const what = subtype === "Image" ? "image" : subtype === "Form" ? "form XObject" : type === "ObjStm" ? "object stream" : type === "XRef" ? "xref stream"
    : type ? `${type} stream` : subtype ? `${subtype} stream` : "stream";
  return `${what} ${s.num !== null ? `(object ${s.num} ${s.gen})` : `at byte ${s.start}`}`;
}
