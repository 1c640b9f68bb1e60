// Ruling lines from painted paths, whatever engine read the paths: stroked axis-aligned
// segments and thin filled rectangles, in page (viewport) coordinates, origin top-left.
import { apply } from "./geometry.ts";

export interface Segment {
  x0: number; y0: number; x1: number; y1: number;
  /** How it was drawn, for debugging. */
  from: "stroke" | "fill";
}

export interface RulingOptions {
  /** A filled rectangle thinner than this (points) is a ruling line, not a shaded area. */
  maxFilledLineThickness: number;
  /** Segments whose direction deviates more than this (points over their length) from axis-aligned are dropped. */
  axisTolerance: number;
}

export const DEFAULT_RULING_OPTIONS: RulingOptions = { maxFilledLineThickness: 3, axisTolerance: 1 };

/**
 * The rulings of one painted path (its polylines in user space, `m` mapping them to the
 * page): every axis-aligned segment of a stroked path; a filled path only when it is a thin
 * rectangle. Shared by both engines, so that they find the same rulings.
 */
export function addPaintedPath(polylines: Array<Array<[number, number]>>, stroke: boolean, m: readonly number[], out: Segment[], o: RulingOptions): void {
  for (const poly of polylines) {
    const pts = poly.map(([x, y]) => apply(m, x, y));
    if (stroke) addPolylineSegments(pts, "stroke", out, o);
    else addFilledShape(pts, out, o);
  }
}

function addPolylineSegments(pts: Array<[number, number]>, from: Segment["from"], out: Segment[], o: RulingOptions) {
  for (let i = 1; i < pts.length; i++) {
    const [x0, y0] = pts[i - 1]!;
    const [x1, y1] = pts[i]!;
    const horizontal = Math.abs(y1 - y0) <= o.axisTolerance;
    const vertical = Math.abs(x1 - x0) <= o.axisTolerance;
    if (!horizontal && !vertical) continue;
    if (horizontal && vertical) continue; // a point
    out.push(normalise({ x0, y0, x1, y1, from }));
  }
}

/** A filled closed shape: when it is an axis-aligned thin rectangle, it is a line. */
function addFilledShape(pts: Array<[number, number]>, out: Segment[], o: RulingOptions) {
  // Loops, not Math.min(...): a hostile path may have millions of points.
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const [x, y] of pts) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  // Only rectangles: every point lies on the bounding box corners.
  const onCorners = pts.every(([x, y]) => (near(x, x0) || near(x, x1)) && (near(y, y0) || near(y, y1)));
  if (!onCorners) return;
  const w = x1 - x0, h = y1 - y0;
  // A square (a dot where rulings cross) has no direction: which way a rounding error tips
  // it must not decide, so it is no ruling (the lines through it are drawn on their own).
  if (Math.abs(w - h) < SQUARE_TOLERANCE) return;
  if (h <= o.maxFilledLineThickness && w > h) out.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2, from: "fill" });
  else if (w <= o.maxFilledLineThickness && h > w) out.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1, from: "fill" });
}

const near = (a: number, b: number) => Math.abs(a - b) < 0.01;

/** Sides closer than this (points) make a square: PDFium's 32-bit coordinates differ from pdf.js's by less. */
const SQUARE_TOLERANCE = 0.01;

function normalise(s: Segment): Segment {
  const { x0, y0, x1, y1, from } = s;
  return { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1), from };
}
