// Ruling lines of a page from its operator list: stroked path segments and thin
// filled rectangles, in page (viewport) coordinates, origin top-left.
//
// pdf.js v5+ hands paths as `constructPath [paintOp, [Float32Array of DrawOPS], minMax]`
// with coordinates in user space: the current transformation matrix must be
// followed here through save/restore, `cm` and form XObjects. Clip paths
// (`W n` → constructPath with endPath) paint nothing and are ignored.
import { pdfjs } from "./open-pdf.ts";
import { multiply, IDENTITY, type Matrix } from "./geometry.ts";
import { addPaintedPath, DEFAULT_RULING_OPTIONS, type RulingOptions, type Segment } from "./ruling-segments.ts";

export { DEFAULT_RULING_OPTIONS, type RulingOptions, type Segment };

const OPS = pdfjs.OPS;

/** The DrawOPS codes inside a v5 path buffer (pdf.js src/shared/util.js). */
export const DRAW_OPS = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

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
        addPaintedPath(pathToPolylines(path), stroke, multiply(ctm, viewportTransform), segments, options);
        break;
      }
    }
  }
  return segments;
}
