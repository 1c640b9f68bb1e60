// Regression tests pinning how pdf.js (v5) hands paths and text to extract/pdf/:
// a tiny PDF written by hand (test/fixtures/mini-pdf.ts) is opened with openPdf and
// read with readPdfPage; the segments and words must come out exactly where drawn,
// in viewport coordinates (top-left origin, page rotation applied).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { miniPdf } from "./fixtures/mini-pdf.ts";
import { openPdf, pdfjs, PdfOpenError, type PDFDocumentProxy } from "../extract/pdf/open-pdf.ts";
import { readPdfPage, DEFAULT_PAGE_READ_OPTIONS, type PageReadOptions } from "../extract/pdf/read-pdf-page.ts";
import { DRAW_OPS, extractRulings, pathToPolylines } from "../extract/pdf/page-rulings.ts";
import { itemsToWords } from "../extract/pdf/page-words.ts";

/**
 * Page 300 × 200 pt. Drawn:
 *  - a filled rectangle 100 × 1 at (50, 50) via `cm` inside q/Q → a horizontal ruling (thickness ≤ 3);
 *  - a stroked line from (10, 10) to (200, 10);
 *  - two clip paths (`W n`, one square, one thin): paint nothing, must be ignored;
 *  - a filled 40 × 20 rectangle: a shaded area, not a ruling;
 *  - filled rectangles 3 pt wide (a ruling: thickness ≤ 3) and 3.5 pt wide (not one).
 */
const RULINGS = [
  "q 1 0 0 1 50 50 cm 0 0 100 1 re f Q",
  "10 10 m 200 10 l S",
  "0 0 50 50 re W n",
  "0 100 80 0.5 re W n",
  "q 0.9 g 200 120 40 20 re f Q",
  "250 20 3 60 re f",
  "270 20 3.5 60 re f",
].join("\n");

const ALWAYS_RULINGS: PageReadOptions = { ...DEFAULT_PAGE_READ_OPTIONS, rulingsOnlyWhereTables: false };

const near = (actual: number, expected: number, what: string, tol = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} ≠ ${expected}`);

describe("pdf.js path format (v5)", () => {
  let doc: PDFDocumentProxy;
  before(async () => {
    doc = await openPdf(
      miniPdf([
        { content: RULINGS },
        { content: RULINGS, rotate: 90 },
        { content: "BT /F1 12 Tf 50 100 Td (2,082.85   171.07) Tj ET" },
        { content: "BT /F1 12 Tf 50 100 Td (2,082.85 171.07) Tj ET" },
      ]),
    );
  });
  after(async () => {
    await doc?.destroy();
  });

  test("the hand-written PDF opens: 4 pages, sizes and rotation", async () => {
    assert.equal(doc.numPages, 4);
    const p1 = await readPdfPage(doc, 1, ALWAYS_RULINGS);
    assert.deepEqual([p1.width, p1.height, p1.rotation], [300, 200, 0]);
    const p2 = await readPdfPage(doc, 2, ALWAYS_RULINGS);
    assert.deepEqual([p2.width, p2.height, p2.rotation], [200, 300, 90]);
  });

  test("operator list: constructPath [paintOp, [Float32Array of DrawOPS], minMax]", async () => {
    const page = await doc.getPage(1);
    const ops = await page.getOperatorList();
    const paths = ops.fnArray.flatMap((fn, k) => (fn === pdfjs.OPS.constructPath ? [ops.argsArray[k] as unknown[]] : []));
    assert.equal(paths.length, 7);
    const [paintOp, buffers, minMax] = paths[0]! as [number, Array<Float32Array | null>, Float32Array | number[]];
    assert.equal(paintOp, pdfjs.OPS.fill);
    assert.ok(buffers[0] instanceof Float32Array, "path buffer is a Float32Array");
    // `re` → moveTo, three lineTo, closePath, in user space (the `cm` is not applied).
    assert.deepEqual([...buffers[0]!], [0, 0, 0, 1, 100, 0, 1, 100, 1, 1, 0, 1, 4]);
    assert.deepEqual([...minMax], [0, 0, 100, 1]);
    assert.deepEqual(paths.map((p) => p[0]), [pdfjs.OPS.fill, pdfjs.OPS.stroke, pdfjs.OPS.endPath, pdfjs.OPS.endPath, pdfjs.OPS.fill, pdfjs.OPS.fill, pdfjs.OPS.fill]);
    assert.deepEqual([...(paths[1]![1] as Float32Array[])[0]!], [DRAW_OPS.moveTo, 10, 10, DRAW_OPS.lineTo, 200, 10]);
  });

  test("segments of an unrotated page: thin filled rects and the stroked line; clips and shaded areas ignored", async () => {
    const { segments } = await readPdfPage(doc, 1, ALWAYS_RULINGS);
    assert.deepEqual(segments, [
      { x0: 50, y0: 149.5, x1: 150, y1: 149.5, from: "fill" },
      { x0: 10, y0: 190, x1: 200, y1: 190, from: "stroke" },
      { x0: 251.5, y0: 120, x1: 251.5, y1: 180, from: "fill" },
    ]);
  });

  test("segments of a /Rotate 90 page are rotated onto the viewport", async () => {
    const { segments } = await readPdfPage(doc, 2, ALWAYS_RULINGS);
    assert.deepEqual(segments, [
      { x0: 50.5, y0: 50, x1: 50.5, y1: 150, from: "fill" },
      { x0: 10, y0: 10, x1: 10, y1: 200, from: "stroke" },
      { x0: 20, y0: 251.5, x1: 80, y1: 251.5, from: "fill" },
    ]);
  });

  test("by default a page without figures or 表 is not searched for rulings", async () => {
    const { segments, words } = await readPdfPage(doc, 1);
    assert.deepEqual(words, []);
    assert.deepEqual(segments, []);
  });

  test("extractRulings: maxFilledLineThickness decides which filled rectangles are rulings", async () => {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: 1 });
    const segs = extractRulings(await page.getOperatorList(), viewport.transform, { maxFilledLineThickness: 25, axisTolerance: 1 });
    // Now the 40 × 20 area (user y 120..140 → viewport 60..80) and the 3.5 pt bar count too.
    assert.deepEqual(segs.filter((s) => s.from === "fill"), [
      { x0: 50, y0: 149.5, x1: 150, y1: 149.5, from: "fill" },
      { x0: 200, y0: 70, x1: 240, y1: 70, from: "fill" },
      { x0: 251.5, y0: 120, x1: 251.5, y1: 180, from: "fill" },
      { x0: 271.75, y0: 120, x1: 271.75, y1: 180, from: "fill" },
    ]);
  });

  test("text: \"2,082.85   171.07\" in one Tj → two words, left to right, not overlapping", async () => {
    const { words } = await readPdfPage(doc, 3, ALWAYS_RULINGS);
    assert.deepEqual(words.map((w) => w.text), ["2,082.85", "171.07"]);
    const [a, b] = words as [typeof words[0], typeof words[0]];
    assert.ok(a.x1 < b.x0, `first word ends (${a.x1}) before the second starts (${b.x0})`);
    near(a.x0, 50, "first x0");
    // Baseline at y = 100 on a 200 pt page: top = 200 − 100 − 0.85 × 12, bottom = 200 − 100 + 0.15 × 12.
    for (const w of words) {
      near(w.top, 89.8, `${w.text} top`);
      near(w.bottom, 101.8, `${w.text} bottom`);
      assert.equal(w.size, 12);
      assert.equal(w.upright, true);
    }
    // The last word ends where the Tj ends: Helvetica widths, 11 digits × 0.556 em + 3 punctuation and 3 spaces × 0.278 em.
    near(b.x1, 50 + (0.556 * 11 + 0.278 * 6) * 12, "second x1", 0.01);
  });

  test("text: one space between the figures (pdf.js keeps one item) still gives two words", async () => {
    const page = await doc.getPage(4);
    const items = (await page.getTextContent()).items.filter((i) => "str" in i);
    assert.equal(items.length, 1, "pdf.js merges the two figures into one item");
    const { words } = await readPdfPage(doc, 4, ALWAYS_RULINGS);
    assert.deepEqual(words.map((w) => w.text), ["2,082.85", "171.07"]);
    assert.ok(words[0]!.x1 < words[1]!.x0);
    near(words[0]!.x0, 50, "first x0");
  });
});

describe("pathToPolylines", () => {
  const { moveTo: M, lineTo: L, curveTo: C, quadraticCurveTo: Q, closePath: Z } = DRAW_OPS;

  test("DRAW_OPS match the codes pdf.js's worker uses", () => {
    const require = createRequire(import.meta.url);
    const worker = readFileSync(join(dirname(require.resolve("pdfjs-dist/package.json")), "legacy/build/pdf.worker.mjs"), "utf8");
    const block = worker.match(/const DrawOPS = \{([^}]*)\}/);
    assert.ok(block, "pdf.worker.mjs defines DrawOPS");
    const codes = Object.fromEntries([...block[1]!.matchAll(/(\w+):\s*(\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
    assert.deepEqual(codes, { ...DRAW_OPS });
  });

  test("moveTo, lineTo, closePath: a closed rectangle returns to its start", () => {
    assert.deepEqual(pathToPolylines(new Float32Array([M, 0, 0, L, 10, 0, L, 10, 5, L, 0, 5, Z])), [
      [[0, 0], [10, 0], [10, 5], [0, 5], [0, 0]],
    ]);
  });

  test("a new moveTo starts a new polyline; a lone moveTo is dropped", () => {
    assert.deepEqual(pathToPolylines(new Float32Array([M, 0, 0, L, 1, 0, M, 3, 3, M, 5, 5, L, 5, 9])), [
      [[0, 0], [1, 0]],
      [[5, 5], [5, 9]],
    ]);
  });

  test("lineTo after closePath continues from the subpath's start", () => {
    assert.deepEqual(pathToPolylines(new Float32Array([M, 0, 0, L, 4, 0, L, 4, 4, Z, L, 0, 4])), [
      [[0, 0], [4, 0], [4, 4], [0, 0]],
      [[0, 0], [0, 4]],
    ]);
  });

  test("curveTo breaks the polyline at its end point (control points skipped)", () => {
    assert.deepEqual(pathToPolylines(new Float32Array([M, 0, 0, L, 5, 0, C, 6, 0, 7, 1, 8, 2, L, 8, 10])), [
      [[0, 0], [5, 0]],
      [[8, 2], [8, 10]],
    ]);
  });

  test("quadraticCurveTo likewise", () => {
    assert.deepEqual(pathToPolylines(new Float32Array([M, 0, 0, L, 3, 0, Q, 4, 0, 5, 1, L, 5, 6])), [
      [[0, 0], [3, 0]],
      [[5, 1], [5, 6]],
    ]);
  });

  test("an unknown op code says the format changed", () => {
    assert.throws(() => pathToPolylines(new Float32Array([M, 0, 0, 9, 1, 1])), /unknown path op 9 at 3: pdf.js path format changed\?/);
  });
});

describe("itemsToWords", () => {
  test("an item holding two figures is cut at its whitespace", () => {
    const words = itemsToWords([{ str: "2,082.85   171.07", width: 93.4, height: 12, transform: [12, 0, 0, 12, 50, 100] }], [1, 0, 0, -1, 0, 200]);
    assert.deepEqual(words.map((w) => w.text), ["2,082.85", "171.07"]);
    near(words[0]!.x0, 50, "first x0");
    near(words[0]!.x1, 98, "first x1 (8 × 0.5 em)");
    near(words[1]!.x1, 143.4, "second x1 (item end)");
    assert.ok(words[0]!.x1 < words[1]!.x0);
  });

  test("blank items give no words", () => {
    assert.deepEqual(itemsToWords([{ str: "   ", width: 10, height: 12, transform: [12, 0, 0, 12, 0, 0] }], [1, 0, 0, -1, 0, 200]), []);
  });
});

describe("openPdf", () => {
  test("bytes that are not a PDF → PdfOpenError with the reason", async () => {
    await assert.rejects(openPdf(new TextEncoder().encode("<html><body>not found</body></html>")), (e: unknown) => {
      assert.ok(e instanceof PdfOpenError);
      assert.match((e as Error).message, /not a valid PDF|Invalid PDF/i);
      return true;
    });
  });
});
