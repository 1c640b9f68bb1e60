// Parts of a page read again by Tesseract in one call: the crops are stacked one under the
// other into one image (with `gap` white pixels around and between them), read once, and each
// word is given back to the crop its centre falls in, in page pixel coordinates.
import { writeFile } from "node:fs/promises";
import { writePgm, type GrayImage } from "./gray-image.ts";
import { tesseractWords, type TesseractOptions, type TesseractWord } from "./tesseract.ts";

/** A crop of the page, in pixels (end exclusive). */
export interface Crop { x0: number; x1: number; y0: number; y1: number }

/** Words read in each crop (page pixel coordinates); `file` is where the stacked image is written. */
export async function readStackedCrops(image: GrayImage, crops: Crop[], gap: number, file: string, tesseract: TesseractOptions): Promise<TesseractWord[][]> {
  if (crops.length === 0) return [];
  const width = Math.max(...crops.map((c) => c.x1 - c.x0)) + 2 * gap;
  const height = crops.reduce((s, c) => s + (c.y1 - c.y0) + gap, gap);
  const pixels = new Uint8Array(width * height).fill(255);
  let y = gap;
  const bands = crops.map((c) => {
    for (let r = c.y0; r < c.y1; r++) pixels.set(image.pixels.subarray(r * image.width + c.x0, r * image.width + c.x1), (y + r - c.y0) * width + gap);
    const band = { crop: c, from: y, to: y + (c.y1 - c.y0) };
    y += c.y1 - c.y0 + gap;
    return band;
  });
  const stacked = writePgm({ width, height, pixels });
  await writeFile(file, stacked);
  const words = await tesseractWords(file, { ...tesseract, psm: 6 }, stacked);
  return bands.map((b) => words
    .filter((w) => w.top + w.height / 2 >= b.from - gap / 2 && w.top + w.height / 2 < b.to + gap / 2)
    .map((w) => ({ ...w, left: w.left - gap + b.crop.x0, top: w.top - b.from + b.crop.y0 })));
}
