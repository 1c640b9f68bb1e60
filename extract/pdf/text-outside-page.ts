// Text drawn outside the page: pdf.js leaves glyphs outside a page's box out of its text
// content, so a document whose tables were placed off the MediaBox (a producer's wrong
// offset, or hidden on purpose) reads as blank pages, silently. For a page that gave no
// words, its operator list is walked — the text matrix and the current transform followed
// through BT/Tm/Td/T*/cm/q/Q and forms — and every text-showing operator placed outside
// the page box is counted, so that the document can say why it yields nothing.
import { pdfjs, type PDFDocumentProxy } from "./open-pdf.ts";

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
/** Tolerance around the page box, in points: a glyph touching the edge is on the page. */
const EDGE = 2;

export interface TextPlacement { outside: number; total: number }

/** Text-showing operators of a page, and how many of them start outside its box. */
export async function textOutsidePage(doc: PDFDocumentProxy, pageNumber: number): Promise<TextPlacement> {
  const page = await doc.getPage(pageNumber);
  try {
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const ops = await page.getOperatorList();
    return countOutside(ops.fnArray, ops.argsArray as unknown[][], [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)]);
  } finally {
    page.cleanup();
  }
}

/** Pure: the walk over an operator list (pdf.js's OPS codes). */
export function countOutside(fn: ArrayLike<number>, args: unknown[][], box: [number, number, number, number]): TextPlacement {
  const O = pdfjs.OPS;
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  let tm: Matrix = IDENTITY, line: Matrix = IDENTITY;
  let leading = 0;
  let outside = 0, total = 0;
  const moveLine = (tx: number, ty: number) => { line = multiply([1, 0, 0, 1, tx, ty], line); tm = line; };
  const show = () => {
    total++;
    const [, , , , x, y] = multiply(tm, ctm);
    if (x < box[0] - EDGE || x > box[2] + EDGE || y < box[1] - EDGE || y > box[3] + EDGE) outside++;
  };
  for (let i = 0; i < fn.length; i++) {
    const a = (args[i] ?? []) as number[];
    switch (fn[i]) {
      case O.save: stack.push(ctm); break;
      case O.restore: ctm = stack.pop() ?? ctm; break;
      case O.transform: ctm = multiply(a.slice(0, 6) as Matrix, ctm); break;
      case O.paintFormXObjectBegin: {
        stack.push(ctm);
        const m = a[0] as unknown as number[] | null;
        if (Array.isArray(m) && m.length === 6) ctm = multiply(m as Matrix, ctm);
        break;
      }
      case O.paintFormXObjectEnd: ctm = stack.pop() ?? ctm; break;
      case O.beginText: tm = line = IDENTITY; break;
      case O.setTextMatrix: tm = line = a.slice(0, 6) as Matrix; break;
      case O.moveText: moveLine(a[0]!, a[1]!); break;
      case O.setLeadingMoveText: leading = -a[1]!; moveLine(a[0]!, a[1]!); break;
      case O.setLeading: leading = a[0]!; break;
      case O.nextLine: moveLine(0, -leading); break;
      case O.nextLineShowText: case O.nextLineSetSpacingShowText: moveLine(0, -leading); show(); break;
      case O.showText: case O.showSpacedText: show(); break;
    }
  }
  return { outside, total };
}
