// An image-only PDF of a real PDF: every page rasterised by pdftoppm (grayscale) and
// wrapped, one image per page, in a PDF with no text layer — the input of a scanned
// document, made at test or bench time from ../shared (never committed).
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parsePgm, type GrayImage } from "../../extract/ocr/gray-image.ts";
import { pdfOfPageImages } from "./ocr-scan-kinds.ts";

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
  return pdfOfPageImages(images.map((img) => ({ width: img.width, height: img.height, dpi, colour: "gray", filter: "flate", data: img.pixels })));
}
