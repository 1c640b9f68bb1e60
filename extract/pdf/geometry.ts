// Affine matrices as pdf.js and PDF use them: [a, b, c, d, e, f].
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 then m2 (apply m1 first): PDF's `cm` concatenation order is multiply(cm, ctm). */
export function multiply(m1: readonly number[], m2: readonly number[]): Matrix {
  const [a1, b1, c1, d1, e1, f1] = m1 as Matrix;
  const [a2, b2, c2, d2, e2, f2] = m2 as Matrix;
  return [
    a1 * a2 + b1 * c2,
    a1 * b2 + b1 * d2,
    c1 * a2 + d1 * c2,
    c1 * b2 + d1 * d2,
    e1 * a2 + f1 * c2 + e2,
    e1 * b2 + f1 * d2 + f2,
  ];
}

export function apply(m: readonly number[], x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

/** A page box [x0, y0, x1, y1] in PDF user space (the CropBox, or the MediaBox without one). */
export type PageBox = [number, number, number, number];

export interface Viewport {
  /** Maps user space to the displayed page: origin top-left, y down, /Rotate applied. */
  transform: Matrix;
  width: number;
  height: number;
}

/**
 * The displayed page at scale 1, as pdf.js's PageViewport computes it (so that both
 * engines place everything in one coordinate system): `box` turned clockwise by
 * `rotate` (a multiple of 90), y flipped, the box's corner at the origin.
 */
export function viewportOf(box: PageBox, rotate: number): Viewport {
  const [x0, y0, x1, y1] = [Math.min(box[0], box[2]), Math.min(box[1], box[3]), Math.max(box[0], box[2]), Math.max(box[1], box[3])];
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const r = ((Math.round(rotate / 90) * 90) % 360 + 360) % 360;
  const [a, b, c, d] = r === 90 ? [0, 1, 1, 0] : r === 180 ? [-1, 0, 0, 1] : r === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  const sideways = a === 0;
  const ox = sideways ? Math.abs(cy - y0) : Math.abs(cx - x0);
  const oy = sideways ? Math.abs(cx - x0) : Math.abs(cy - y0);
  return {
    transform: [a, b, c, d, ox - a * cx - c * cy, oy - b * cx - d * cy],
    width: sideways ? y1 - y0 : x1 - x0,
    height: sideways ? x1 - x0 : y1 - y0,
  };
}
