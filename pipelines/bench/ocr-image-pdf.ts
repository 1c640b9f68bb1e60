// An image-only PDF of a real PDF: every page rasterised by pdftoppm (grayscale) and
// wrapped, one image per page, in a PDF with no text layer — the input of a scanned
// document, made at test or bench time from ../shared (never committed).
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { deflateSync } from "node:zlib";
import { parsePgm, type GrayImage } from "../../extract/ocr/gray-image.ts";

const run = promisify(execFile);

/** `pages`: first and last page (1-based, inclusive); all when absent. */
export async function imageOnlyPdf(pdfFile: string, dpi: number, pages?: [number, number]): Promise<Buffer> {
  const work = await mkdtemp(join(tmpdir(), "image-pdf-"));
  try {
    const range = pages ? ["-f", String(pages[0]), "-l", String(pages[1])] : [];
    await run("pdftoppm", ["-r", String(dpi), "-gray", ...range, pdfFile, join(work, "p")], { timeout: 600_000 });
    const files = (await readdir(work)).filter((f) => f.endsWith(".pgm")).sort();
    const images = await Promise.all(files.map(async (f) => parsePgm(await readFile(join(work, f)))));
    return pdfOfImages(images, dpi);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** One page per image, sized so the image prints at `dpi`. */
export function pdfOfImages(images: GrayImage[], dpi: number): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (b: Buffer) => { parts.push(b); length += b.length; };
  const obj = (n: number, body: Buffer | string, stream?: Buffer) => {
    offsets[n] = length;
    add(Buffer.from(`${n} 0 obj\n`));
    add(typeof body === "string" ? Buffer.from(body) : body);
    if (stream) { add(Buffer.from("\nstream\n")); add(stream); add(Buffer.from("\nendstream")); }
    add(Buffer.from("\nendobj\n"));
  };
  add(Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1"));
  const pageIds = images.map((_, i) => 3 + i * 3);
  obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
  obj(2, `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${images.length} >>`);
  images.forEach((img, i) => {
    const [id, contentId, imageId] = [pageIds[i]!, pageIds[i]! + 1, pageIds[i]! + 2];
    const w = (img.width * 72) / dpi, h = (img.height * 72) / dpi;
    obj(id, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${imageId} 0 R >> >> /Contents ${contentId} 0 R >>`);
    const content = Buffer.from(`q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`);
    obj(contentId, `<< /Length ${content.length} >>`, content);
    const data = deflateSync(img.pixels);
    obj(imageId, `<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>`, data);
  });
  const xrefAt = length;
  const count = 3 + images.length * 3;
  const xref = ["xref", `0 ${count}`, "0000000000 65535 f ", ...Array.from({ length: count - 1 }, (_, i) => `${String(offsets[i + 1]).padStart(10, "0")} 00000 n `)];
  add(Buffer.from(`${xref.join("\n")}\ntrailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`));
  return Buffer.concat(parts);
}
