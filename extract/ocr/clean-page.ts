// A rendered scan page made fit to read, before rulings are looked for or text is read:
// coloured seals taken out (colour scans), levels stretched so that paper is white and print
// black, scanner noise and JPEG ringing smoothed away where there is any (a 3×3 median), and
// the skew measured and corrected. Each step is measured on the page itself. Pure.
import type { GrayImage } from "./gray-image.ts";
import { removeColourStamps, DEFAULT_STAMP_OPTIONS, type RgbImage, type StampOptions } from "./colour-stamps.ts";
import { deskew, DEFAULT_DESKEW_OPTIONS, type DeskewOptions } from "./deskew.ts";

export interface CleanPageOptions {
  stamps: StampOptions;
  deskew: DeskewOptions;
  /** Percentile of the page's pixels taken as print (black) when stretching levels. */
  printPercentile: number;
  /** Mean deviation of paper pixels (gray levels) above which the page is smoothed. */
  maxPaperNoise: number;
}
export const DEFAULT_CLEAN_PAGE_OPTIONS: CleanPageOptions = { stamps: DEFAULT_STAMP_OPTIONS, deskew: DEFAULT_DESKEW_OPTIONS, printPercentile: 0.002, maxPaperNoise: 3 };

export interface CleanPage {
  image: GrayImage;
  /** Skew found, degrees (corrected when over the deskew minimum). */
  angle: number;
  /** Share of the page's pixels that were seal (coloured) ink. */
  stampShare: number;
  /** Paper noise measured before smoothing, gray levels; 0 on a clean rendering. */
  noise: number;
  smoothed: boolean;
}

export function cleanPage(page: { gray?: GrayImage; rgb?: RgbImage }, o: CleanPageOptions = DEFAULT_CLEAN_PAGE_OPTIONS): CleanPage {
  const destamped = page.rgb ? removeColourStamps(page.rgb, o.stamps) : { image: page.gray!, stampShare: 0 };
  let image = stretchLevels(destamped.image, o.printPercentile);
  const noise = paperNoise(image);
  const smoothed = noise > o.maxPaperNoise;
  if (smoothed) image = median3(image);
  const straight = deskew(image, o.deskew);
  return { image: straight.image, angle: straight.angle, stampShare: destamped.stampShare, noise: Math.round(noise * 10) / 10, smoothed };
}

/** Paper (the brightest common level) to 255, print (a low percentile) to 0, linearly. */
export function stretchLevels(img: GrayImage, printPercentile: number): GrayImage {
  const hist = new Uint32Array(256);
  for (const v of img.pixels) hist[v]!++;
  // Paper: the most frequent level in the bright half.
  let paper = 255;
  for (let v = 128, best = -1; v < 256; v++) if (hist[v]! > best) { best = hist[v]!; paper = v; }
  let print = 0;
  for (let v = 0, seen = 0; v < 256; v++) { seen += hist[v]!; if (seen >= printPercentile * img.pixels.length) { print = v; break; } }
  if (paper - print < 64 || (paper >= 250 && print <= 5)) return img;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - print) * 255) / (paper - print))));
  const out = new Uint8Array(img.pixels.length);
  for (let i = 0; i < out.length; i++) out[i] = lut[img.pixels[i]!]!;
  return { width: img.width, height: img.height, pixels: out };
}

/** Mean distance from white of the pixels that are paper (lighter than 200), sampled. */
export function paperNoise(img: GrayImage): number {
  let sum = 0, n = 0;
  for (let i = 0; i < img.pixels.length; i += 7) {
    const v = img.pixels[i]!;
    if (v > 200) { sum += 255 - v; n++; }
  }
  return n ? sum / n : 0;
}

/** 3×3 median (edges copied): takes out salt-and-pepper noise and JPEG ringing, keeps strokes 2 px and wider. */
export function median3(img: GrayImage): GrayImage {
  const { width, height, pixels } = img;
  const out = new Uint8Array(pixels);
  for (let y = 1; y < height - 1; y++)
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x, u = i - width, d = i + width;
      // Locals, not an array: this runs on every pixel of a noisy page.
      let p0 = pixels[u - 1]!, p1 = pixels[u]!, p2 = pixels[u + 1]!, p3 = pixels[i - 1]!, p4 = pixels[i]!, p5 = pixels[i + 1]!, p6 = pixels[d - 1]!, p7 = pixels[d]!, p8 = pixels[d + 1]!;
      // A pixel whose whole neighbourhood is paper stays as it is (most of a page): cheap exit.
      const min = Math.min(p0, p1, p2, p3, p4, p5, p6, p7, p8), max = Math.max(p0, p1, p2, p3, p4, p5, p6, p7, p8);
      if (max - min < 8) continue;
      // The classic 19-exchange median-of-9 network (Paeth), each exchange as min/max.
      let t: number;
      t = Math.min(p1, p2); p2 = Math.max(p1, p2); p1 = t;
      t = Math.min(p4, p5); p5 = Math.max(p4, p5); p4 = t;
      t = Math.min(p7, p8); p8 = Math.max(p7, p8); p7 = t;
      t = Math.min(p0, p1); p1 = Math.max(p0, p1); p0 = t;
      t = Math.min(p3, p4); p4 = Math.max(p3, p4); p3 = t;
      t = Math.min(p6, p7); p7 = Math.max(p6, p7); p6 = t;
      t = Math.min(p1, p2); p2 = Math.max(p1, p2); p1 = t;
      t = Math.min(p4, p5); p5 = Math.max(p4, p5); p4 = t;
      t = Math.min(p7, p8); p8 = Math.max(p7, p8); p7 = t;
      p3 = Math.max(p0, p3); // (0,3): only the larger is used again
      p5 = Math.min(p5, p8); // (5,8): only the smaller
      t = Math.min(p4, p7); p7 = Math.max(p4, p7); p4 = t;
      p6 = Math.max(p3, p6); // (3,6): only the larger
      p4 = Math.max(p1, p4); // (1,4): only the larger
      p2 = Math.min(p2, p5); // (2,5): only the smaller
      p4 = Math.min(p4, p7); // (4,7): only the smaller
      t = Math.min(p4, p2); p2 = Math.max(p4, p2); p4 = t;
      p4 = Math.max(p6, p4); // (6,4): only the larger
      out[i] = Math.min(p4, p2); // (4,2): the median
    }
  return { width, height, pixels: out };
}

