// Tables published as images inside an article, made into one document: an image-only PDF,
// one page per image in page order, each image embedded as it came (JPEG as DCTDecode, PNG's
// zlib stream as FlateDecode with its predictor; PNGs with alpha unfiltered and stripped), the
// page sized so that 200 dpi (the OCR's resolution) gives back the image's pixels. The
// extraction's OCR path then reads it like any scan. Pure.
import { deflateSync, inflateSync } from "node:zlib";

/** Pixels per inch the page size assumes (the OCR renders at this). */
export const IMAGE_PAGE_DPI = 200;

interface PdfImage { width: number; height: number; dict: string; data: Buffer }

export class ImageFormatError extends Error {
  override name = "ImageFormatError";
}

function jpeg(b: Buffer): PdfImage {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) { i++; continue; }
    const marker = b[i + 1]!;
    const len = b.readUInt16BE(i + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8), DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      const height = b.readUInt16BE(i + 5);
      const width = b.readUInt16BE(i + 7);
      const components = b[i + 9]!;
      const space = components === 1 ? "/DeviceGray" : components === 4 ? "/DeviceCMYK /Decode [1 0 1 0 1 0 1 0]" : "/DeviceRGB";
      return { width, height, dict: `/ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode`, data: b };
    }
    i += 2 + len;
  }
  throw new ImageFormatError("JPEG without a frame header");
}

function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const at = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[at + x - bpp]! : 0;
      const up = y > 0 ? out[at - stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[at - stride + x - bpp]! : 0;
      const p = a + up - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - up) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - up) <= Math.abs(p - c) ? up : c;
      const pred = type === 1 ? a : type === 2 ? up : type === 3 ? (a + up) >> 1 : type === 4 ? paeth : 0;
      out[at + x] = (line[x]! + pred) & 0xff;
    }
  }
  return out;
}

function png(b: Buffer): PdfImage {
  let i = 8;
  let ihdr: Buffer | null = null;
  let palette: Buffer | null = null;
  const idat: Buffer[] = [];
  while (i + 8 <= b.length) {
    const len = b.readUInt32BE(i);
    const type = b.toString("latin1", i + 4, i + 8);
    const data = b.subarray(i + 8, i + 8 + len);
    if (type === "IHDR") ihdr = data;
    else if (type === "PLTE") palette = data;
    else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    i += 12 + len;
  }
  if (!ihdr || idat.length === 0) throw new ImageFormatError("PNG without IHDR or IDAT");
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const [depth, colorType, , , interlace] = [ihdr[8]!, ihdr[9]!, ihdr[10], ihdr[11], ihdr[12]!];
  if (interlace !== 0) throw new ImageFormatError("interlaced PNG (not supported)");
  const stream = Buffer.concat(idat);
  const colors = colorType === 2 || colorType === 6 ? 3 : 1;
  if (colorType === 0 || colorType === 2 || colorType === 3) {
    const space = colorType === 3 && palette ? `[/Indexed /DeviceRGB ${palette.length / 3 - 1} <${palette.toString("hex")}>]` : colors === 3 ? "/DeviceRGB" : "/DeviceGray";
    return { width, height, data: stream, dict: `/ColorSpace ${space} /BitsPerComponent ${depth} /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors ${colorType === 3 ? 1 : colors} /BitsPerComponent ${depth} /Columns ${width} >>` };
  }
  if (depth !== 8) throw new ImageFormatError(`PNG with alpha at ${depth} bits (not supported)`);
  // Gray or RGB with alpha: unfiltered, the alpha dropped (tables are printed on white).
  const bpp = colors + 1;
  const pixels = unfilter(inflateSync(stream), width, height, bpp);
  const rgb = Buffer.alloc(width * height * colors);
  for (let p = 0, o = 0; p < pixels.length; p += bpp) {
    const alpha = pixels[p + colors]! / 255;
    for (let k = 0; k < colors; k++) rgb[o++] = Math.round(pixels[p + k]! * alpha + 255 * (1 - alpha));
  }
  return { width, height, data: deflateSync(rgb), dict: `/ColorSpace ${colors === 3 ? "/DeviceRGB" : "/DeviceGray"} /BitsPerComponent 8 /Filter /FlateDecode` };
}

/** The image's kind from its bytes, or null when it is neither JPEG nor PNG. */
export function imageKind(b: Uint8Array): "jpeg" | "png" | null {
  if (b[0] === 0xff && b[1] === 0xd8) return "jpeg";
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "png";
  return null;
}

/** One page per image; images that are neither JPEG nor PNG are refused by name. */
export function imagesToPdf(images: readonly Uint8Array[]): Buffer {
  const parsed = images.map((img) => {
    const b = Buffer.from(img);
    const kind = imageKind(b);
    if (!kind) throw new ImageFormatError("not a JPEG or PNG image");
    return kind === "jpeg" ? jpeg(b) : png(b);
  });
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (s: string | Buffer) => { const c = typeof s === "string" ? Buffer.from(s, "latin1") : s; chunks.push(c); size += c.length; };
  const object = (id: number, body: string, stream?: Buffer) => {
    offsets[id] = size;
    push(`${id} 0 obj\n${body}\n`);
    if (stream) { push("stream\n"); push(stream); push("\nendstream\n"); }
    push("endobj\n");
  };
  push("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  const pageIds = parsed.map((_, i) => 3 + i * 3);
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(2, `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${parsed.length} >>`);
  parsed.forEach((img, i) => {
    const [page, content, xobject] = [pageIds[i]!, pageIds[i]! + 1, pageIds[i]! + 2];
    const w = (img.width * 72) / IMAGE_PAGE_DPI;
    const h = (img.height * 72) / IMAGE_PAGE_DPI;
    const draw = Buffer.from(`q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q\n`, "latin1");
    object(page, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${xobject} 0 R >> >> /Contents ${content} 0 R >>`);
    object(content, `<< /Length ${draw.length} >>`, draw);
    object(xobject, `<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} ${img.dict} /Length ${img.data.length} >>`, img.data);
  });
  const count = 3 + parsed.length * 3;
  const xref = size;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let id = 1; id < count; id++) push(`${String(offsets[id]).padStart(10, "0")} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}
