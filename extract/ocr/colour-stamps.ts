// A colour scan → the gray page OCR reads, with coloured marks taken out. Seals (红章), and
// any other coloured overprint, are ink of one strong hue laid over black print: in the
// brightest channel of a pixel the coloured ink nearly vanishes while black print stays
// dark. Pixels of strong colour are read from that channel, stretched so that paper under
// the seal is white again and print under it black; every other pixel keeps its luminance.
// Pure.
import type { GrayImage } from "./gray-image.ts";

/** An 8-bit RGB raster (binary PPM, "P6"), row-major, 3 bytes a pixel. */
export interface RgbImage { width: number; height: number; rgb: Uint8Array }

/** A binary PGM (P5) or PPM (P6): gray images come back with `gray`, colour ones with `rgb`. */
export function parsePnm(bytes: Uint8Array): { gray?: GrayImage; rgb?: RgbImage } {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 64));
  const m = /^P([56])\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(head);
  if (!m || Number(m[4]) > 255) throw new Error("not an 8-bit binary PGM/PPM image");
  const width = Number(m[2]), height = Number(m[3]), channels = m[1] === "6" ? 3 : 1;
  const data = bytes.subarray(m[0].length, m[0].length + width * height * channels);
  if (data.length !== width * height * channels) throw new Error(`image truncated (${data.length} of ${width * height * channels} bytes)`);
  return channels === 3 ? { rgb: { width, height, rgb: data } } : { gray: { width, height, pixels: data } };
}

export interface StampOptions {
  /** A pixel whose channels differ by more than this is coloured ink. */
  minChroma: number;
  /** A page with less than this share of coloured pixels has no stamp: plain luminance. */
  minStampShare: number;
  /** Percentiles of the coloured pixels' brightest channel taken as print under the stamp, and as paper under it. */
  printPercentile: number;
  paperPercentile: number;
  /** Under this spread (paper − print) nothing is printed under the stamp: it becomes paper. */
  minSpread: number;
}
export const DEFAULT_STAMP_OPTIONS: StampOptions = { minChroma: 60, minStampShare: 0.0005, printPercentile: 0.03, paperPercentile: 0.9, minSpread: 50 };

export interface DestampedPage {
  image: GrayImage;
  /** Share of the page's pixels that were coloured ink (0 on a gray scan). */
  stampShare: number;
  /** Per pixel, 1 where coloured ink was taken out (for telling a ruling broken by a seal from one that ends). */
  mask: Uint8Array | null;
}

export function removeColourStamps(img: RgbImage, o: StampOptions = DEFAULT_STAMP_OPTIONS): DestampedPage {
  const { width, height, rgb } = img;
  const n = width * height;
  const gray = new Uint8Array(n);
  const mask = new Uint8Array(n);
  const hist = new Uint32Array(256);
  let coloured = 0;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const r = rgb[j]!, g = rgb[j + 1]!, b = rgb[j + 2]!;
    const max = Math.max(r, g, b), min = Math.min(r, g, b);
    gray[i] = (r * 299 + g * 587 + b * 114 + 500) / 1000;
    if (max - min > o.minChroma) { mask[i] = 1; coloured++; hist[max]!++; }
  }
  const share = coloured / n;
  if (share < o.minStampShare) return { image: { width, height, pixels: gray }, stampShare: share, mask: null };
  const print = percentile(hist, coloured, o.printPercentile), paper = percentile(hist, coloured, o.paperPercentile);
  const spread = paper - print;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    if (!mask[i]) continue;
    const max = Math.max(rgb[j]!, rgb[j + 1]!, rgb[j + 2]!);
    gray[i] = spread < o.minSpread ? 255 : Math.max(0, Math.min(255, Math.round(((max - print) * 255) / spread)));
  }
  return { image: { width, height, pixels: gray }, stampShare: share, mask };
}

function percentile(hist: Uint32Array, total: number, p: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v++) { seen += hist[v]!; if (seen >= p * total) return v; }
  return 255;
}
