// An 8-bit grayscale raster (as pdftoppm -gray writes it: binary PGM, "P5").
export interface GrayImage { width: number; height: number; /** Row-major, 0 = black, 255 = white. */ pixels: Uint8Array }

export function parsePgm(bytes: Uint8Array): GrayImage {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 64));
  const m = /^P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(head);
  if (!m || Number(m[3]) > 255) throw new Error("not an 8-bit binary PGM image");
  const width = Number(m[1]), height = Number(m[2]);
  const pixels = bytes.subarray(m[0].length, m[0].length + width * height);
  if (pixels.length !== width * height) throw new Error(`PGM image truncated (${pixels.length} of ${width * height} pixels)`);
  return { width, height, pixels };
}

export function writePgm(img: GrayImage): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(head.length + img.pixels.length);
  out.set(head);
  out.set(img.pixels, head.length);
  return out;
}

/** Share of pixels darker than mid-grey: a blank page stays under a percent. */
export function inkShare(img: GrayImage, threshold = 128): number {
  return boxInk(img, { x0: 0, top: 0, x1: img.width, bottom: img.height }, 0, threshold);
}

export type PixelBox = { x0: number; top: number; x1: number; bottom: number };

/** Dark-pixel share inside a box (inset), for telling an empty cell from a missed one. */
export function boxInk(img: GrayImage, b: PixelBox, inset: number, threshold = 128): number {
  let dark = 0, all = 0;
  for (let y = Math.max(0, Math.round(b.top + inset)); y < Math.min(img.height, Math.round(b.bottom - inset)); y++)
    for (let x = Math.max(0, Math.round(b.x0 + inset)); x < Math.min(img.width, Math.round(b.x1 - inset)); x++) {
      all++;
      if (img.pixels[y * img.width + x]! < threshold) dark++;
    }
  return all ? dark / all : 0;
}
