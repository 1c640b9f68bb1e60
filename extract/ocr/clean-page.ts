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
  const w = new Uint8Array(9);
  for (let y = 1; y < height - 1; y++)
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      // A pixel whose whole neighbourhood is paper stays as it is (most of a page): cheap exit.
      let k = 0, min = 255, max = 0;
      for (let dy = -width; dy <= width; dy += width)
        for (let dx = -1; dx <= 1; dx++) { const v = pixels[i + dy + dx]!; w[k++] = v; if (v < min) min = v; if (v > max) max = v; }
      if (max - min < 8) continue;
      out[i] = median9(w);
    }
  return { width, height, pixels: out };
}

/** The classic 19-exchange median-of-9 network (Paeth): pairs of positions. */
const NETWORK = [1, 2, 4, 5, 7, 8, 0, 1, 3, 4, 6, 7, 1, 2, 4, 5, 7, 8, 0, 3, 5, 8, 4, 7, 3, 6, 1, 4, 2, 5, 4, 7, 4, 2, 6, 4, 4, 2];

/** The median of 9 values, in place. */
function median9(p: Uint8Array): number {
  for (let k = 0; k < NETWORK.length; k += 2) {
    const a = NETWORK[k]!, b = NETWORK[k + 1]!;
    if (p[a]! > p[b]!) { const t = p[a]!; p[a] = p[b]!; p[b] = t; }
  }
  return p[4]!;
}
