// PDFium (WebAssembly) behind the engine interface: characters grouped into words as
// pdf.js groups glyphs into text items, rulings from the painted paths of the page and of
// the form XObjects it draws, everything placed on the page as pdf.js's viewport places it
// (the CropBox ∩ MediaBox, /Rotate applied, y down), so that both engines feed the table
// finders the same PageContent.
import { IDENTITY, multiply, viewportOf, type Matrix } from "./geometry.ts";
import { PdfOpenError } from "./pdf-open-error.ts";
import { glyphInside, type OutsideBox, type UserBox } from "./page-crop.ts";
import { mayHoldTable, type PageContent, type PageReadOptions } from "./page-content.ts";
import { wordOnBaseline, type Word, type WordOptions } from "./page-words.ts";
import { addPaintedPath, type RulingOptions, type Segment } from "./ruling-segments.ts";
import { guarded, overMemoryLimit, pdfium, releaseIfLarge, type PdfiumExports, type PdfiumInstance } from "./pdfium-module.ts";
import type { PdfEngine, PdfPages } from "./pdf-engine.ts";
import { DEFAULT_PDF_LIMITS } from "./pdf-limits.ts";
import { LimitError } from "../readers/read-budget.ts";
import { count as thousands } from "../readers/limits.ts";

/** FPDF_GetLastError codes (fpdfview.h). */
const LOAD_ERRORS: Record<number, string> = {
  1: "not a valid PDF (unknown error)",
  2: "not a valid PDF (file not found or could not be opened)",
  3: "not a valid PDF (not in PDF format or corrupted)",
  4: "encrypted (password required)",
  5: "encrypted (unsupported security scheme)",
  6: "not a valid PDF (page not found or content error)",
};

const OBJ_PATH = 2, OBJ_FORM = 5;
const SEG_LINETO = 0, SEG_BEZIERTO = 1, SEG_MOVETO = 2;

/**
 * pdf.js starts a new word where a glyph begins further than this (× font size) from the
 * end of the one before (it inserts a space there: SPACE_IN_FLOW_MIN_FACTOR), or further
 * back than the other bound, or off the baseline.
 */
export interface PdfiumWordOptions {
  maxGap: number;
  maxBacktrack: number;
  maxBaselineShift: number;
}

export const DEFAULT_PDFIUM_WORD_OPTIONS: PdfiumWordOptions = { maxGap: 0.102, maxBacktrack: 0.5, maxBaselineShift: 0.1 };

/** Scratch memory for out-parameters, allocated once per instance. */
const scratch = new WeakMap<PdfiumInstance, number>();
const SCRATCH_BYTES = 64;

/**
 * Typed views of the scratch memory, made again only when the memory grew (its buffer is
 * then a new one): a view per call would be most of the engine's garbage.
 */
class Out {
  private buffer: ArrayBufferLike | null = null;
  f32!: Float32Array; f64!: Float64Array; i32!: Int32Array;
  constructor(private readonly memory: WebAssembly.Memory, readonly ptr: number) {}
  get(): this {
    if (this.memory.buffer !== this.buffer) {
      this.buffer = this.memory.buffer;
      this.f32 = new Float32Array(this.buffer, this.ptr, SCRATCH_BYTES / 4);
      this.f64 = new Float64Array(this.buffer, this.ptr, SCRATCH_BYTES / 8);
      this.i32 = new Int32Array(this.buffer, this.ptr, SCRATCH_BYTES / 4);
    }
    return this;
  }
}

class PdfiumPages implements PdfPages {
  readonly pageCount: number;
  private closed = false;
  constructor(private readonly inst: PdfiumInstance, private readonly doc: number, private readonly data: number, private readonly buf: number) {
    this.pageCount = guarded(inst, () => inst.exports.FPDF_GetPageCount(doc));
  }

  async readPage(n: number, o: PageReadOptions): Promise<PageContent> {
    const content = guarded(this.inst, () => readPage(this.inst.exports, new Out(this.inst.memory(), this.buf), this.doc, n, o));
    const over = overMemoryLimit(this.inst);
    if (over) throw new Error(over);
    return content;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.inst.broken) return; // its memory is gone with it
    guarded(this.inst, () => {
      this.inst.exports.FPDF_CloseDocument(this.doc);
      this.inst.exports.free(this.data);
    });
    releaseIfLarge(this.inst);
  }
}

export const PDFIUM_ENGINE: PdfEngine = {
  name: "pdfium",
  async open(bytes) {
    const inst = await pdfium();
    const x = inst.exports;
    const buf = scratch.get(inst) ?? guarded(inst, () => x.malloc(SCRATCH_BYTES));
    scratch.set(inst, buf);
    const data = guarded(inst, () => x.malloc(bytes.length));
    if (!data) throw new PdfOpenError(`no memory for a file of ${bytes.length} bytes`);
    // PDFium reads the file in place while it is open: the copy lives until close().
    new Uint8Array(inst.memory().buffer, data, bytes.length).set(bytes);
    const doc = guarded(inst, () => x.FPDF_LoadMemDocument(data, bytes.length, 0));
    if (!doc) {
      const code = guarded(inst, () => x.FPDF_GetLastError());
      guarded(inst, () => x.free(data));
      throw new PdfOpenError(LOAD_ERRORS[code] ?? `not a valid PDF (PDFium error ${code})`);
    }
    return new PdfiumPages(inst, doc, data, buf);
  },
};

function readPage(x: PdfiumExports, out: Out, doc: number, n: number, o: PageReadOptions): PageContent {
  const buf = out.ptr;
  const page = x.FPDF_LoadPage(doc, n - 1);
  if (!page) throw new Error(`page ${n} could not be loaded`);
  try {
    x.FPDF_GetPageBoundingBox(page, buf);
    const { f32 } = out.get();
    const left = f32[0]!, top = f32[1]!, right = f32[2]!, bottom = f32[3]!;
    const rotate = (x.FPDFPage_GetRotation(page) & 3) * 90;
    const viewport = viewportOf([left, bottom, right, top], rotate);
    const box: UserBox = [Math.min(left, right), Math.min(bottom, top), Math.max(left, right), Math.max(bottom, top)];
    const maxWords = o.maxWords ?? DEFAULT_PDF_LIMITS.maxPageWords;
    const read = (within: UserBox | null) => pageWords(x, out, page, n, viewport.transform, within, o.words, DEFAULT_PDFIUM_WORD_OPTIONS, maxWords);
    let { words, outside } = read(box);
    let outsideBox: OutsideBox | undefined = outside ? { glyphs: outside, readAsDrawn: false } : undefined;
    if (words.length === 0 && outside > 0) {
      words = read(null).words;
      outsideBox = { glyphs: outside, readAsDrawn: true };
    }
    const segments = !o.rulingsOnlyWhereTables || mayHoldTable(words) ? pageSegments(x, out, page, viewport.transform, o.rulings) : [];
    // Only a page without words can be a scan: whether it is worth rendering is read from its objects.
    const marks = words.length === 0 && !outsideBox ? { rulingsOnly: drawsOnlyRulings(x, out, page) } : {};
    return { page: n, width: viewport.width, height: viewport.height, rotation: rotate, words, segments, ...(outsideBox ? { outsideBox } : {}), ...marks };
  } finally {
    x.FPDF_ClosePage(page);
  }
}

/** A word being built: its first glyph's origin and baseline frame, and how far along the baseline its glyphs reach. */
interface OpenWord { text: string; ex: number; ey: number; ux: number; uy: number; vx: number; vy: number; size: number; end: number }

/** The page's words; glyphs outside `box` (user space) are left out and counted, as pdf.js leaves them out. */
function pageWords(
  x: PdfiumExports, out: Out, page: number, pageNumber: number, m: Matrix, box: UserBox | null, wo: WordOptions, g: PdfiumWordOptions, maxWords: number,
): { words: Word[]; outside: number } {
  const buf = out.ptr;
  const text = x.FPDFText_LoadPage(page);
  if (!text) return { words: [], outside: 0 };
  const words: Word[] = [];
  let outside = 0;
  try {
    const count = x.FPDFText_CountChars(text);
    let obj = 0, font = 0, fontChanged = false, ux = 1, uy = 0, vx = 0, vy = 1, size = 1;
    let w: OpenWord | null = null;
    const flush = () => {
      if (w) words.push(wordOnBaseline(w.text, w.ex, w.ey, w.ux, w.uy, w.vx, w.vy, 0, w.end, w.size, m, wo));
      w = null;
      // Counted as they are built: a page of a million words stops at the limit instead of being collected.
      if (words.length > maxWords) throw new LimitError("maxPageWords", `page ${pageNumber} holds more than ${thousands(maxWords)} words (limit maxPageWords)`);
    };
    for (let i = 0; i < count; i++) {
      // Spaces PDFium infers from gaps are its guess; the gaps themselves are judged below, as pdf.js judges them.
      if (x.FPDFText_IsGenerated(text, i) === 1) continue;
      const u = x.FPDFText_GetUnicode(text, i);
      // A code PDFium could not map (or a broken one) is a replacement character, never an exception.
      const ch = u <= 0x10ffff ? String.fromCodePoint(u) : "\ufffd";
      if (/\s/.test(ch) || u === 0) { flush(); continue; }
      const o = x.FPDFText_GetTextObject(text, i);
      if (o !== obj) {
        obj = o;
        // pdf.js ends a text item at every font change (Tf): so does a word here.
        const f = x.FPDFTextObj_GetFont(o);
        fontChanged = f !== font;
        font = f;
        x.FPDFText_GetMatrix(text, i, buf);
        const { f32 } = out.get();
        const a = f32[0]!, b = f32[1]!, c = f32[2]!, d = f32[3]!;
        const along = Math.hypot(a, b), up = Math.hypot(c, d);
        ux = along ? a / along : 1; uy = along ? b / along : 0;
        vx = up ? c / up : 0; vy = up ? d / up : 1;
        size = x.FPDFText_GetFontSize(text, i) * (up || 1);
      }
      x.FPDFText_GetCharOrigin(text, i, buf, buf + 8);
      x.FPDFText_GetLooseCharBox(text, i, buf + 16);
      const { f32, f64 } = out.get();
      const ox = f64[0]!, oy = f64[1]!;
      const l = f32[4]!, t = f32[5]!, r = f32[6]!, b = f32[7]!;
      if (box && !glyphInside(ox, oy, Math.abs(ux) >= Math.abs(uy) ? r - l : Math.abs(t - b), box)) { outside++; continue; }
      const cur = w as OpenWord | null;
      if (cur) {
        const sameFrame = Math.abs(cur.ux - ux) < 1e-3 && Math.abs(cur.uy - uy) < 1e-3 && Math.abs(cur.size - size) <= 0.01 * size;
        const along = (ox - cur.ex) * ux + (oy - cur.ey) * uy;
        const across = (ox - cur.ex) * vx + (oy - cur.ey) * vy;
        const gap = along - cur.end;
        if (fontChanged || !sameFrame || Math.abs(across) > g.maxBaselineShift * size || gap > g.maxGap * size || gap < -g.maxBacktrack * size) flush();
      }
      fontChanged = false;
      if (!w) w = { text: "", ex: ox, ey: oy, ux, uy, vx, vy, size, end: 0 };
      const open = w as OpenWord;
      open.text += ch;
      // The glyph's advance: its loose box (origin to advance, font ascent to descent) projected on the baseline.
      const px = (open.ux >= 0 ? r : l) - open.ex, py = (open.uy >= 0 ? t : b) - open.ey;
      open.end = Math.max(open.end, px * open.ux + py * open.uy);
    }
    flush();
  } finally {
    x.FPDFText_ClosePage(text);
  }
  return { words, outside };
}

/**
 * Visits the page's objects, those inside form XObjects too, each with the matrix from its
 * parent's space to the page; a visit that returns false stops the walk (and the result is false).
 */
function everyPageObject(x: PdfiumExports, out: Out, page: number, m: Matrix, visit: (obj: number, type: number, toPage: Matrix) => boolean): boolean {
  const walk = (count: number, get: (i: number) => number, toPage: Matrix): boolean => {
    for (let i = 0; i < count; i++) {
      const obj = get(i);
      const type = x.FPDFPageObj_GetType(obj);
      if (type === OBJ_FORM) {
        if (!walk(x.FPDFFormObj_CountObjects(obj), (k) => x.FPDFFormObj_GetObject(obj, k), objectToPage(x, out, obj, toPage))) return false;
      } else if (!visit(obj, type, toPage)) return false;
    }
    return true;
  };
  return walk(x.FPDFPage_CountObjects(page), (i) => x.FPDFPage_GetObject(page, i), m);
}

/** An object's own matrix followed by its parent's to the page. */
function objectToPage(x: PdfiumExports, out: Out, obj: number, parentToPage: Matrix): Matrix {
  x.FPDFPageObj_GetMatrix(obj, out.ptr);
  const { f32 } = out.get();
  return multiply([f32[0]!, f32[1]!, f32[2]!, f32[3]!, f32[4]!, f32[5]!], parentToPage);
}

/** A path's draw mode: a clip path (neither filled nor stroked) paints nothing. */
function drawMode(x: PdfiumExports, out: Out, path: number): { fill: number; stroke: boolean } {
  x.FPDFPath_GetDrawMode(path, out.ptr, out.ptr + 4);
  const { i32 } = out.get();
  return { fill: i32[0]!, stroke: i32[1]! !== 0 };
}

function pageSegments(x: PdfiumExports, scratchOut: Out, page: number, m: Matrix, o: RulingOptions): Segment[] {
  const out: Segment[] = [];
  everyPageObject(x, scratchOut, page, m, (obj, type, toPage) => {
    if (type !== OBJ_PATH) return true;
    const mode = drawMode(x, scratchOut, obj);
    if (mode.stroke || mode.fill) addPaintedPath(pathPolylines(x, scratchOut, obj), mode.stroke, objectToPage(x, scratchOut, obj, toPage), out, o);
    return true;
  });
  return out;
}

/**
 * Whether every object of the page (form XObjects walked) is a path of straight horizontal
 * and vertical strokes, or a clip path: no image or shading (a scan), no text object (glyphs
 * PDFium could not map), no curve or slanted line (text drawn as outlines).
 */
function drawsOnlyRulings(x: PdfiumExports, out: Out, page: number): boolean {
  return everyPageObject(x, out, page, IDENTITY, (obj, type, toPage) => {
    // Text, images, shadings: something a rendering shows that is not a ruling.
    if (type !== OBJ_PATH) return false;
    const mode = drawMode(x, out, obj);
    return (!mode.stroke && !mode.fill) || straightStrokes(x, out, obj, objectToPage(x, out, obj, toPage));
  });
}

/** Every segment of the path a line along one axis of the page (within a hundredth of its length): no curve, no diagonal. */
function straightStrokes(x: PdfiumExports, scratchOut: Out, path: number, m: Matrix): boolean {
  const buf = scratchOut.ptr;
  let prev: [number, number] | null = null, start: [number, number] | null = null;
  const axial = (a: [number, number], b: [number, number]) => {
    const dx = Math.abs(b[0] - a[0]), dy = Math.abs(b[1] - a[1]);
    return Math.min(dx, dy) <= 0.01 * Math.max(dx, dy);
  };
  const n = x.FPDFPath_CountSegments(path);
  for (let i = 0; i < n; i++) {
    const seg = x.FPDFPath_GetPathSegment(path, i);
    const type = x.FPDFPathSegment_GetType(seg);
    if (type === SEG_BEZIERTO) return false;
    x.FPDFPathSegment_GetPoint(seg, buf, buf + 4);
    const { f32 } = scratchOut.get();
    const px = f32[0]!, py = f32[1]!;
    const pt: [number, number] = [m[0] * px + m[2] * py + m[4], m[1] * px + m[3] * py + m[5]];
    if (type === SEG_MOVETO) start = pt;
    else if (prev && !axial(prev, pt)) return false;
    if (x.FPDFPathSegment_GetClose(seg) && start && !axial(pt, start)) return false;
    prev = pt;
  }
  return true;
}

/** A path's subpaths as polylines, as pathToPolylines splits pdf.js's: curves break them at their end points. */
function pathPolylines(x: PdfiumExports, scratchOut: Out, path: number): Array<Array<[number, number]>> {
  const buf = scratchOut.ptr;
  const lines: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  let start: [number, number] | null = null;
  let curvePoints = 0;
  const n = x.FPDFPath_CountSegments(path);
  for (let i = 0; i < n; i++) {
    const seg = x.FPDFPath_GetPathSegment(path, i);
    x.FPDFPathSegment_GetPoint(seg, buf, buf + 4);
    const { f32 } = scratchOut.get();
    const pt: [number, number] = [f32[0]!, f32[1]!];
    const type = x.FPDFPathSegment_GetType(seg);
    if (type === SEG_MOVETO) {
      if (current.length > 1) lines.push(current);
      start = pt;
      current = [pt];
    } else if (type === SEG_LINETO) {
      current.push(pt);
    } else if (type === SEG_BEZIERTO) {
      // Three points per curve: the polyline ends before it and starts again at its end.
      if (curvePoints === 0 && current.length > 1) lines.push(current);
      curvePoints = (curvePoints + 1) % 3;
      current = curvePoints === 0 ? [pt] : [];
    }
    if (type !== SEG_BEZIERTO) curvePoints = 0;
    if (x.FPDFPathSegment_GetClose(seg)) {
      if (start && current.length > 1) current.push(start);
      if (current.length > 1) lines.push(current);
      current = start ? [start] : [];
    }
  }
  if (current.length > 1) lines.push(current);
  return lines;
}
