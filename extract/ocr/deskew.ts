// The skew of a scanned page and its correction. The angle is the one at which the page's
// ink, projected onto the vertical axis, is most concentrated: rulings and text lines then
// fall into few rows (the sum of squared row counts is largest). Searched coarse to fine,
// to a few hundredths of a degree, on the dark pixels' coordinates. Pure.
import type { GrayImage } from "./gray-image.ts";

export interface DeskewOptions {
  /** A pixel darker than this is ink. */
  darkThreshold: number;
  /** Largest skew looked for, degrees either way. */
  maxAngle: number;
  /** Finest step of the search, degrees: the angle is found to about half of it. */
  finestStep: number;
  /** Skews smaller than this (degrees) are left alone: rotating costs sharpness. */
  minCorrection: number;
  /** Ink pixels sampled at most (evenly): enough for the estimate, bounded in time. */
  maxSamples: number;
}
export const DEFAULT_DESKEW_OPTIONS: DeskewOptions = { darkThreshold: 128, maxAngle: 5, finestStep: 0.01, minCorrection: 0.05, maxSamples: 400_000 };

/** The page's skew in degrees: rotate(img, angle) straightens it (positive: the lines rise to the right); 0 for a page without ink. */
export function skewAngle(img: GrayImage, o: DeskewOptions = DEFAULT_DESKEW_OPTIONS): number {
  const { width, height, pixels } = img;
  let dark = 0;
  for (let i = 0; i < pixels.length; i++) if (pixels[i]! < o.darkThreshold) dark++;
  if (dark < 100) return 0;
  const step = Math.max(1, Math.ceil(dark / o.maxSamples));
  const xs: number[] = [], ys: number[] = [];
  let k = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (pixels[y * width + x]! < o.darkThreshold && k++ % step === 0) { xs.push(x - width / 2); ys.push(y); }
  const rows = new Float64Array(height + width);
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    rows.fill(0);
    const shift = width / 2;
    for (let i = 0; i < xs.length; i++) {
      const r = Math.round(ys[i]! - xs[i]! * t + shift);
      if (r >= 0 && r < rows.length) rows[r]!++;
    }
    let s = 0;
    for (let r = 0; r < rows.length; r++) s += rows[r]! * rows[r]!;
    return s;
  };
  // The first step must be finer than a ruling's peak is wide (2 px over half a page: ~0.15°).
  let best = 0, span = o.maxAngle, stepDeg = 0.1;
  for (;;) {
    let bestScore = -1, tied: number[] = [];
    for (let k = -Math.round(span / stepDeg); k <= Math.round(span / stepDeg); k++) {
      const a = best + k * stepDeg, s = score(a);
      if (s > bestScore) { bestScore = s; tied = [a]; } else if (s === bestScore) tied.push(a);
    }
    // A plateau of equal scores (whole-pixel rows cannot tell its angles apart: ±0.035° on a page 1,650 px wide): its middle.
    best = tied.reduce((x, y) => x + y, 0) / tied.length;
    if (stepDeg <= o.finestStep + 1e-9) break;
    span = stepDeg;
    stepDeg = Math.max(o.finestStep, stepDeg / 5);
  }
  return Math.round(best * 1000) / 1000;
}

/** The image rotated by `deg` degrees about its centre (positive: counter-clockwise on screen), bilinear, white outside. */
export function rotate(img: GrayImage, deg: number): GrayImage {
  const { width, height, pixels } = img;
  const out = new Uint8Array(width * height);
  const a = (deg * Math.PI) / 180, cos = Math.cos(a), sin = Math.sin(a);
  const cx = (width - 1) / 2, cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      // Source of this output pixel: the inverse rotation (y grows downwards).
      const sx = cx + dx * cos - dy * sin, sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= width - 1 || y0 >= height - 1) { out[y * width + x] = 255; continue; }
      const fx = sx - x0, fy = sy - y0, i = y0 * width + x0;
      const top = pixels[i]! + (pixels[i + 1]! - pixels[i]!) * fx;
      const bottom = pixels[i + width]! + (pixels[i + width + 1]! - pixels[i + width]!) * fx;
      out[y * width + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { width, height, pixels: out };
}

/** The page straightened: rotated back by its skew when that is worth correcting. */
export function deskew(img: GrayImage, o: DeskewOptions = DEFAULT_DESKEW_OPTIONS): { image: GrayImage; angle: number } {
  const angle = skewAngle(img, o);
  return { image: Math.abs(angle) < o.minCorrection ? img : rotate(img, angle), angle };
}
