// Scans made from real PDFs, for the OCR bench: each page rendered by pdftoppm, then
// degraded the way real scans of printed pages are, seeded so that a kind is the same every
// run. Six kinds, as seen on county portals:
//   clean-200      200 dpi gray rendering, no noise
//   clean-150      150 dpi gray
//   office         200 dpi, skewed 0.3–1.2° either way, slight blur, noise, JPEG quality 50
//   office-noskew  the same without the rotation
//   fax            200 dpi, 1-bit threshold
//   stamp          200 dpi colour, a red semi-transparent round seal over each page, JPEG quality 85
// Written as image-only PDFs (never committed: made at bench time from ../shared).
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { deflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import type { GrayImage } from "../../extract/ocr/gray-image.ts";
import { parsePnm, type RgbImage } from "../../extract/ocr/colour-stamps.ts";
import { rotate } from "../../extract/ocr/deskew.ts";

const run = promisify(execFile);

export const SCAN_KINDS = ["clean-200", "clean-150", "office", "office-noskew", "fax", "stamp"] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

/** One page of an image-only PDF: gray or RGB pixels, stored deflated or as a JPEG. */
export interface PdfPageImage { width: number; height: number; dpi: number; colour: "gray" | "rgb"; filter: "flate" | "dct"; data: Uint8Array }

export interface ScanOptions {
  seed: number;
  /** office: skew drawn uniformly from this range of degrees, either sign. */
  skew: [number, number];
  /** office: Gaussian blur sigma (pixels) and noise sigma (gray levels). */
  blurSigma: number;
  noiseSigma: number;
  jpegQuality: number;
  stampJpegQuality: number;
  faxThreshold: number;
}
export const DEFAULT_SCAN_OPTIONS: ScanOptions = { seed: 15, skew: [0.3, 1.2], blurSigma: 0.7, noiseSigma: 10, jpegQuality: 50, stampJpegQuality: 85, faxThreshold: 128 };

/** mulberry32: a small seeded generator, [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seed of one page of one document in one kind: every page degrades differently, every run the same. */
function pageSeed(seed: number, doc: string, kind: string, page: number): number {
  let h = 2166136261 ^ seed;
  for (const ch of `${doc}|${kind}|${page}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** The pages `pages` ([first, last], 1-based) of a PDF as a scan of `kind`. */
export async function scanPdf(pdfFile: string, kind: ScanKind, pages: [number, number], doc: string, o: ScanOptions = DEFAULT_SCAN_OPTIONS): Promise<Buffer> {
  const dpi = kind === "clean-150" ? 150 : 200;
  const work = await mkdtemp(join(tmpdir(), "scan-"));
  try {
    await run("pdftoppm", ["-r", String(dpi), ...(kind === "stamp" ? [] : ["-gray"]), "-f", String(pages[0]), "-l", String(pages[1]), pdfFile, join(work, "p")], { timeout: 600_000, maxBuffer: 1 << 20 });
    const files = (await readdir(work)).filter((f) => /\.p[gp]m$/.test(f)).sort();
    const images: PdfPageImage[] = [];
    for (const [i, f] of files.entries()) {
      const page = pages[0] + i;
      const random = seededRandom(pageSeed(o.seed, doc, kind, page));
      const pnm = parsePnm(await readFile(join(work, f)));
      images.push(degrade(kind, pnm, dpi, random, o));
    }
    return pdfOfPageImages(images);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function degrade(kind: ScanKind, pnm: { gray?: GrayImage; rgb?: RgbImage }, dpi: number, random: () => number, o: ScanOptions = DEFAULT_SCAN_OPTIONS): PdfPageImage {
  if (kind === "stamp") {
    const rgb = pnm.rgb ?? grayToRgb(pnm.gray!);
    stampSeal(rgb, random, dpi);
    return { width: rgb.width, height: rgb.height, dpi, colour: "rgb", filter: "dct", data: encodeJpeg(rgb, o.stampJpegQuality) };
  }
  let gray = pnm.gray!;
  if (kind === "clean-200" || kind === "clean-150") return { width: gray.width, height: gray.height, dpi, colour: "gray", filter: "flate", data: gray.pixels };
  if (kind === "fax") return { width: gray.width, height: gray.height, dpi, colour: "gray", filter: "flate", data: gray.pixels.map((v) => (v < o.faxThreshold ? 0 : 255)) };
  if (kind === "office") {
    const angle = (o.skew[0] + random() * (o.skew[1] - o.skew[0])) * (random() < 0.5 ? -1 : 1);
    gray = rotate(gray, angle);
  }
  gray = addNoise(blur(gray, o.blurSigma), o.noiseSigma, random);
  return { width: gray.width, height: gray.height, dpi, colour: "rgb", filter: "dct", data: encodeJpeg(grayToRgb(gray), o.jpegQuality) };
}

function grayToRgb(g: GrayImage): RgbImage {
  const rgb = new Uint8Array(g.width * g.height * 3);
  for (let i = 0; i < g.pixels.length; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = g.pixels[i]!;
  return { width: g.width, height: g.height, rgb };
}

function encodeJpeg(img: RgbImage, quality: number): Uint8Array {
  const rgba = new Uint8Array(img.width * img.height * 4);
  for (let i = 0, j = 0; j < img.rgb.length; i += 4, j += 3) { rgba[i] = img.rgb[j]!; rgba[i + 1] = img.rgb[j + 1]!; rgba[i + 2] = img.rgb[j + 2]!; rgba[i + 3] = 255; }
  return jpeg.encode({ width: img.width, height: img.height, data: rgba }, quality).data;
}

/** Separable Gaussian blur. */
export function blur(img: GrayImage, sigma: number): GrayImage {
  const r = Math.max(1, Math.ceil(2.5 * sigma));
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  const kernel = k.map((v) => v / sum);
  const { width, height } = img;
  const tmp = new Float32Array(width * height), out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += kernel[i + r]! * img.pixels[y * width + Math.min(width - 1, Math.max(0, x + i))]!;
      tmp[y * width + x] = s;
    }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += kernel[i + r]! * tmp[Math.min(height - 1, Math.max(0, y + i)) * width + x]!;
      out[y * width + x] = Math.round(s);
    }
  return { width, height, pixels: out };
}

function addNoise(img: GrayImage, sigma: number, random: () => number): GrayImage {
  const out = new Uint8Array(img.pixels.length);
  for (let i = 0; i < out.length; i++) {
    // Box–Muller.
    const n = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    out[i] = Math.max(0, Math.min(255, Math.round(img.pixels[i]! + n * sigma)));
  }
  return { width: img.width, height: img.height, pixels: out };
}

/**
 * A round red seal (公章) blended over the page at a seeded place in its middle: an outer ring,
 * a thin inner ring, a five-pointed star, and glyph-like strokes along the upper arc and on a
 * line under the star — alpha-blended, so print under it shows through, reddened.
 */
export function stampSeal(img: RgbImage, random: () => number, dpi: number): void {
  const R = Math.round((dpi / 25.4) * 20); // 40 mm across
  const cx = Math.round(img.width * (0.3 + 0.4 * random())), cy = Math.round(img.height * (0.35 + 0.35 * random()));
  const colour = [205 + Math.round(random() * 30), 20 + Math.round(random() * 30), 30 + Math.round(random() * 30)];
  const alpha = 0.55 + random() * 0.2;
  const ring = Math.max(4, Math.round(R * 0.06));
  const strokes: Array<[number, number, number, number, number]> = []; // x0 y0 x1 y1 width, relative to the centre
  // Glyph-like strokes: 12 characters along the arc from 200° to 340° (the top), 4 under the star.
  const glyph = (gx: number, gy: number, size: number, turn: number) => {
    for (let s = 0; s < 5; s++) {
      const horizontal = random() < 0.55;
      const a = (random() - 0.5) * size, b = (random() - 0.5) * size, len = size * (0.4 + 0.5 * random());
      const [dx, dy] = horizontal ? [len, 0] : [0, len];
      const c = Math.cos(turn), si = Math.sin(turn);
      const p = (x: number, y: number): [number, number] => [gx + x * c - y * si, gy + x * si + y * c];
      const [x0, y0] = p(a - dx / 2, b - dy / 2), [x1, y1] = p(a + dx / 2, b + dy / 2);
      strokes.push([x0, y0, x1, y1, Math.max(2, size * 0.09)]);
    }
  };
  for (let i = 0; i < 12; i++) {
    const t = ((200 + (140 * i) / 11) * Math.PI) / 180;
    glyph(Math.cos(t) * R * 0.74, Math.sin(t) * R * 0.74, R * 0.2, t + Math.PI / 2);
  }
  for (let i = 0; i < 4; i++) glyph((i - 1.5) * R * 0.22, R * 0.5, R * 0.18, 0);
  const star = Array.from({ length: 10 }, (_, i) => {
    const t = -Math.PI / 2 + (i * Math.PI) / 5, rr = i % 2 === 0 ? R * 0.28 : R * 0.11;
    return [Math.cos(t) * rr, Math.sin(t) * rr - R * 0.02] as [number, number];
  });
  const inStar = (x: number, y: number) => {
    let inside = false;
    for (let i = 0, j = star.length - 1; i < star.length; j = i++) {
      const [xi, yi] = star[i]!, [xj, yj] = star[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  const nearStroke = (x: number, y: number) => strokes.some(([x0, y0, x1, y1, w]) => {
    const vx = x1 - x0, vy = y1 - y0, l2 = vx * vx + vy * vy || 1;
    const t = Math.max(0, Math.min(1, ((x - x0) * vx + (y - y0) * vy) / l2));
    return Math.hypot(x - x0 - t * vx, y - y0 - t * vy) <= w / 2;
  });
  for (let y = Math.max(0, cy - R - 2); y < Math.min(img.height, cy + R + 2); y++)
    for (let x = Math.max(0, cx - R - 2); x < Math.min(img.width, cx + R + 2); x++) {
      const dx = x - cx, dy = y - cy, d = Math.hypot(dx, dy);
      if (d > R) continue;
      const inked = d > R - ring || (d > R * 0.86 && d < R * 0.86 + ring / 3) || inStar(dx, dy) || (d < R * 0.9 && nearStroke(dx, dy));
      if (!inked) continue;
      // Seal ink is uneven: some pixels take less of it.
      const a = alpha * (0.8 + 0.2 * random());
      const i = 3 * (y * img.width + x);
      for (let c = 0; c < 3; c++) img.rgb[i + c] = Math.round(img.rgb[i + c]! * (1 - a) + colour[c]! * a);
    }
}

/** An image-only PDF, one page per image, each page sized so that its image prints at its dpi. */
export function pdfOfPageImages(images: PdfPageImage[]): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (b: Buffer) => { parts.push(b); length += b.length; };
  const obj = (n: number, body: string, stream?: Uint8Array) => {
    offsets[n] = length;
    add(Buffer.from(`${n} 0 obj\n${body}`));
    if (stream) { add(Buffer.from("\nstream\n")); add(Buffer.from(stream)); add(Buffer.from("\nendstream")); }
    add(Buffer.from("\nendobj\n"));
  };
  add(Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1"));
  const pageIds = images.map((_, i) => 3 + i * 3);
  obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
  obj(2, `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${images.length} >>`);
  images.forEach((img, i) => {
    const [id, contentId, imageId] = [pageIds[i]!, pageIds[i]! + 1, pageIds[i]! + 2];
    const w = (img.width * 72) / img.dpi, h = (img.height * 72) / img.dpi;
    obj(id, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${imageId} 0 R >> >> /Contents ${contentId} 0 R >>`);
    const content = Buffer.from(`q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`);
    obj(contentId, `<< /Length ${content.length} >>`, content);
    const data = img.filter === "flate" ? deflateSync(img.data) : img.data;
    const space = img.colour === "gray" ? "/DeviceGray" : "/DeviceRGB";
    obj(imageId, `<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace ${space} /BitsPerComponent 8 /Filter ${img.filter === "flate" ? "/FlateDecode" : "/DCTDecode"} /Length ${data.length} >>`, data);
  });
  const xrefAt = length;
  const count = 3 + images.length * 3;
  const xref = ["xref", `0 ${count}`, "0000000000 65535 f ", ...Array.from({ length: count - 1 }, (_, i) => `${String(offsets[i + 1]).padStart(10, "0")} 00000 n `)];
  add(Buffer.from(`${xref.join("\n")}\ntrailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`));
  return Buffer.concat(parts);
}
