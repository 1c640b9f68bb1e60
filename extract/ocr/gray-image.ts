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
  let dark = 0;
  for (let i = 0; i < img.pixels.length; i++) if (img.pixels[i]! < threshold) dark++;
  return dark / Math.max(1, img.pixels.length);
}
