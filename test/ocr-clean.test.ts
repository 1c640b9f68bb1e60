// Page cleaning before OCR, on constructed pages: a ruled table with text-like strokes,
// skewed by a known angle, blurred and noised as an office scan, or with a red seal over it.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { GrayImage } from "../extract/ocr/gray-image.ts";
import { rotate, skewAngle } from "../extract/ocr/deskew.ts";
import { cleanPage } from "../extract/ocr/clean-page.ts";
import { removeColourStamps, type RgbImage } from "../extract/ocr/colour-stamps.ts";
import { rasterRulings } from "../extract/ocr/raster-rulings.ts";
import { inkLines } from "../extract/ocr/ink-lines.ts";
import { blur, seededRandom, stampSeal } from "../pipelines/bench/ocr-scan-kinds.ts";

const SCALE = 72 / 200;
const ROWS = [300, 368, 436, 504, 572, 640, 708, 776], COLS = [150, 450, 750, 1050, 1350];

/** A 200 dpi page: a ruled grid (2 px lines) and in each cell a "word" of glyph-like strokes. */
function tablePage(): GrayImage {
  const width = 1500, height = 1000;
  const pixels = new Uint8Array(width * height).fill(255);
  const box = (x0: number, y0: number, x1: number, y1: number, v = 0) => { for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) pixels[y * width + x] = v; };
  for (const y of ROWS) box(COLS[0]!, y, COLS[COLS.length - 1]! + 2, y + 2);
  for (const x of COLS) box(x, ROWS[0]!, x + 2, ROWS[ROWS.length - 1]! + 2);
  for (let r = 0; r + 1 < ROWS.length; r++)
    for (let c = 0; c + 1 < COLS.length; c++)
      for (let g = 0; g < 6; g++) {
        // A glyph: a box outline 24 px tall with a middle stroke, 6 to a cell.
        const x = COLS[c]! + 40 + g * 34, y = ROWS[r]! + 22;
        box(x, y, x + 26, y + 3); box(x, y + 22, x + 26, y + 25); box(x, y, x + 3, y + 25); box(x + 23, y, x + 26, y + 25); box(x + 11, y + 11, x + 26, y + 13);
      }
  // A title above the table: a row of large glyphs.
  for (let g = 0; g < 14; g++) { const x = 400 + g * 48; box(x, 200, x + 40, 204); box(x + 18, 185, x + 22, 230); }
  return { width, height, pixels };
}

const horizontals = (img: GrayImage) => rasterRulings(img, SCALE).segments.filter((s) => s.y0 === s.y1).length;
const verticals = (img: GrayImage) => rasterRulings(img, SCALE).segments.filter((s) => s.x0 === s.x1).length;

test("deskew: the skew of a constructed page is found to ±0.05° for angles of an office scan, either way", () => {
  const page = tablePage();
  assert.ok(Math.abs(skewAngle(page)) <= 0.05, "a straight page");
  for (const angle of [0.3, -0.55, 0.8, -1.2]) {
    const skewed = rotate(page, angle);
    const found = skewAngle(skewed);
    assert.ok(Math.abs(found + angle) <= 0.05, `rotated ${angle}°, found ${found}°`);
  }
});

test("raster rulings: on a skewed, blurred, noisy page they are gone; after cleaning every ruling is found again", () => {
  const page = tablePage();
  assert.equal(horizontals(page), ROWS.length);
  assert.equal(verticals(page), COLS.length);
  const random = seededRandom(7);
  const skewed = blur(rotate(page, 0.9), 0.7);
  for (let i = 0; i < skewed.pixels.length; i++) skewed.pixels[i] = Math.max(0, Math.min(255, skewed.pixels[i]! + Math.round((random() - 0.5) * 30)));
  assert.ok(horizontals(skewed) < ROWS.length, "the skewed page loses its rulings");
  const clean = cleanPage({ gray: skewed });
  assert.ok(Math.abs(clean.angle + 0.9) <= 0.05, `skew ${clean.angle}`);
  assert.equal(clean.smoothed, true, "noise measured and smoothed");
  assert.equal(horizontals(clean.image), ROWS.length);
  assert.equal(verticals(clean.image), COLS.length);
});

test("a red seal over the table: taken out by colour, the print under it kept, every ruling still found", () => {
  const page = tablePage();
  const rgb: RgbImage = { width: page.width, height: page.height, rgb: new Uint8Array(page.width * page.height * 3) };
  page.pixels.forEach((v, i) => { rgb.rgb[3 * i] = rgb.rgb[3 * i + 1] = rgb.rgb[3 * i + 2] = v; });
  stampSeal(rgb, seededRandom(3), 200);
  // The seal lies over the table: some of its pixels are red now.
  const red = Array.from({ length: page.width * page.height }, (_, i) => rgb.rgb[3 * i]! - rgb.rgb[3 * i + 1]! > 80).filter(Boolean).length;
  assert.ok(red > 5000, `seal pixels ${red}`);
  const out = removeColourStamps(rgb);
  assert.ok(out.stampShare > 0.003, String(out.stampShare));
  let printKept = 0, printUnder = 0, paperBack = 0, paperUnder = 0;
  for (let i = 0; i < page.pixels.length; i++) {
    const reddened = rgb.rgb[3 * i]! - rgb.rgb[3 * i + 1]! > 60;
    if (!reddened) continue;
    if (page.pixels[i]! === 0) { printUnder++; if (out.image.pixels[i]! < 128) printKept++; } else { paperUnder++; if (out.image.pixels[i]! > 200) paperBack++; }
  }
  assert.ok(printKept >= 0.9 * printUnder, `print under the seal kept: ${printKept} of ${printUnder}`);
  assert.ok(paperBack >= 0.95 * paperUnder, `paper under the seal white again: ${paperBack} of ${paperUnder}`);
  assert.equal(horizontals(out.image), ROWS.length);
  assert.equal(verticals(out.image), COLS.length);
});

test("raster rulings: a ruling broken where something lies over it is one ruling; one that ends on clean paper is two", () => {
  const width = 1200, height = 300;
  const pixels = new Uint8Array(width * height).fill(255);
  for (let x = 50; x < 1150; x++) for (let y = 100; y < 102; y++) pixels[y * width + x] = 0;
  for (const x of [50, 1148]) for (let y = 100; y < 200; y++) { pixels[y * width + x] = 0; pixels[y * width + x + 1] = 0; }
  // A gap of 150 px at 500: first clean paper, then a gray blot over it (a seal, lightened).
  for (let x = 500; x < 650; x++) for (let y = 100; y < 102; y++) pixels[y * width + x] = 255;
  const hs = (img: GrayImage) => rasterRulings(img, SCALE).segments.filter((s) => s.y0 === s.y1 && s.y0 < 110 * SCALE);
  assert.equal(hs({ width, height, pixels }).length, 2);
  for (let x = 490; x < 660; x++) for (let y = 80; y < 125; y++) pixels[y * width + x] = Math.min(pixels[y * width + x]!, 215);
  const bridged = hs({ width, height, pixels });
  assert.equal(bridged.length, 1);
  assert.ok(bridged[0]!.x0 <= 51 * SCALE && bridged[0]!.x1 >= 1149 * SCALE);
});

test("ink lines: a cell's wrapped text is two lines; a glyph with white rows inside (二) is one; far pieces of a line are two", () => {
  const width = 400, height = 200;
  const pixels = new Uint8Array(width * height).fill(255);
  const box = (x0: number, y0: number, x1: number, y1: number) => { for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) pixels[y * width + x] = 0; };
  box(20, 20, 200, 48); box(20, 60, 120, 88); // two lines, 28 px tall
  box(20, 120, 48, 124); box(20, 140, 48, 146); // 二: two strokes 16 px apart
  box(250, 120, 300, 148); // far to the right on the same line
  const img = { width, height, pixels };
  const lines = inkLines(img, { x0: 0, top: 0, x1: width, bottom: 100 }, 28);
  assert.deepEqual(lines.map((l) => [l.ink.top, l.ink.bottom]), [[20, 48], [60, 88]]);
  const er = inkLines(img, { x0: 0, top: 100, x1: width, bottom: 200 }, 28);
  assert.deepEqual(er.map((l) => [l.ink.x0, l.ink.top, l.ink.x1, l.ink.bottom]), [[20, 120, 48, 148], [250, 120, 300, 148]]);
});
