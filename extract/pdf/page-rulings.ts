// Ruling lines of a page from its operator list: stroked path segments and thin
// filled rectangles, in page (viewport) coordinates, origin top-left.
//
// pdf.js v5+ hands paths as `constructPath [paintOp, [Float32Array of DrawOPS], minMax]`
// with coordinates in user space: the current transformation matrix must be
// followed here through save/restore, `cm` and form XObjects. Clip paths
// (`W n` → constructPath with endPath) paint nothing and are ignored.
import { pdfjs } from "./open-pdf.ts";
import { apply, multiply, IDENTITY, type Matrix } from "./geometry.ts";

const OPS = pdfjs.OPS;

/** The DrawOPS codes inside a v5 path buffer (pdf.js src/shared/util.js). */
export const DRAW_OPS = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

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

const STROKE_OPS = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill]);

/** Split a v5 path buffer into polylines of points (curves become their end points). */
export function pathToPolylines(path: ArrayLike<number>): Array<Array<[number, number]>> {
  const lines: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  let start: [number, number] | null = null;
  for (let i = 0; i < path.length; ) {
    const op = path[i++];
    switch (op) {
      case DRAW_OPS.moveTo:
        if (current.length > 1) lines.push(current);
        start = [path[i]!, path[i + 1]!];
        current = [start];
        i += 2;
        break;
      case DRAW_OPS.lineTo:
        current.push([path[i]!, path[i + 1]!]);
        i += 2;
        break;
      case DRAW_OPS.curveTo:
        // A curve is never a table ruling: break the polyline there.
        if (current.length > 1) lines.push(current);
        current = [[path[i + 4]!, path[i + 5]!]];
        i += 6;
        break;
      case DRAW_OPS.quadraticCurveTo:
        if (current.length > 1) lines.push(current);
        current = [[path[i + 2]!, path[i + 3]!]];
        i += 4;
        break;
      case DRAW_OPS.closePath:
        if (start && current.length > 1) current.push(start);
        if (current.length > 1) lines.push(current);
        current = start ? [start] : [];
        break;
      default:
        throw new Error(`unknown path op ${op} at ${i - 1}: pdf.js path format changed?`);
    }
  }
  if (current.length > 1) lines.push(current);
  return lines;
}

/**
 * Walk the operator list and collect axis-aligned segments in viewport coordinates.
 * `viewportTransform` maps PDF user space to the (rotated, top-left origin) page.
 */
export function extractRulings(
  opList: { fnArray: number[]; argsArray: unknown[][] },
  viewportTransform: readonly number[],
  options: RulingOptions = DEFAULT_RULING_OPTIONS,
): Segment[] {
  const segments: Segment[] = [];
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  const { fnArray, argsArray } = opList;
  for (let k = 0; k < fnArray.length; k++) {
    const fn = fnArray[k]!;
    const args = argsArray[k]!;
    switch (fn) {
      case OPS.save: stack.push(ctm); break;
      case OPS.restore: ctm = stack.pop() ?? IDENTITY; break;
      case OPS.transform: ctm = multiply(args as number[], ctm); break;
      case OPS.paintFormXObjectBegin: {
        stack.push(ctm);
        const m = args[0] as number[] | null;
        if (m && m.length === 6) ctm = multiply(m, ctm);
        break;
      }
      case OPS.paintFormXObjectEnd: ctm = stack.pop() ?? IDENTITY; break;
      case OPS.constructPath: {
        const paintOp = args[0] as number;
        const path = (args[1] as Array<ArrayLike<number> | null>)[0];
        if (!path) break;
        const stroke = STROKE_OPS.has(paintOp);
        const fill = FILL_OPS.has(paintOp);
        if (!stroke && !fill) break; // endPath after a clip: nothing painted
        const m = multiply(ctm, viewportTransform);
        for (const poly of pathToPolylines(path)) {
          const pts = poly.map(([x, y]) => apply(m, x, y));
          if (stroke) addPolylineSegments(pts, "stroke", segments, options);
          else addFilledShape(pts, segments, options);
        }
        break;
      }
    }
  }
  return segments;
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
  if (h <= o.maxFilledLineThickness && w > h) out.push({ x0, y0: (y0 + y1) / 2, x1, y1: (y0 + y1) / 2, from: "fill" });
  else if (w <= o.maxFilledLineThickness && h > w) out.push({ x0: (x0 + x1) / 2, y0, x1: (x0 + x1) / 2, y1, from: "fill" });
}

const near = (a: number, b: number) => Math.abs(a - b) < 0.01;

function normalise(s: Segment): Segment {
  const { x0, y0, x1, y1, from } = s;
  return { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1), from };
}
