// The two PDF engines behind one interface (extract/pdf/pdf-engine.ts): on hand-written
// PDFs whose every word and ruling is known, PDFium must hand back what pdf.js hands back
// (the reference), and both what was drawn. Then what only the shared page geometry does
// (page box, overprinting, reading direction) and what only PDFium does (a fresh instance
// after a WebAssembly trap).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { miniPdf, type MiniPage } from "./fixtures/mini-pdf.ts";
import { pdfEngine, PDF_ENGINE_NAMES, type PdfEngineName } from "../extract/pdf/pdf-engine.ts";
import { DEFAULT_PAGE_READ_OPTIONS, type PageContent } from "../extract/pdf/page-content.ts";
import { pageAsRead } from "../extract/pdf/page-as-read.ts";
import { PdfOpenError } from "../extract/pdf/pdf-open-error.ts";
import { guarded, pdfium } from "../extract/pdf/pdfium-module.ts";
import type { Word } from "../extract/pdf/page-words.ts";

const ALWAYS_RULINGS = { ...DEFAULT_PAGE_READ_OPTIONS, rulingsOnlyWhereTables: false };

async function readAll(engine: PdfEngineName, pages: MiniPage[]): Promise<PageContent[]> {
  const doc = await (await pdfEngine(engine)).open(miniPdf(pages));
  try {
    const out: PageContent[] = [];
    for (let n = 1; n <= doc.pageCount; n++) out.push(await doc.readPage(n, ALWAYS_RULINGS));
    return out;
  } finally {
    await doc.close();
  }
}

const round = (n: number) => Math.round(n * 100) / 100 || 0; // no -0
const box = (w: Word) => ({ text: w.text, x0: round(w.x0), top: round(w.top), x1: round(w.x1), bottom: round(w.bottom), size: round(w.size), upright: w.upright, angle: round(w.angle ?? 0) });

/** Both engines, page by page: the same sizes, words (to 0.01 pt) and segments. */
async function sameOnBoth(pages: MiniPage[]): Promise<PageContent[]> {
  const [pdfjs, pdfiumPages] = [await readAll("pdfjs", pages), await readAll("pdfium", pages)];
  pdfjs.forEach((p, i) => {
    const q = pdfiumPages[i]!;
    assert.deepEqual([round(q.width), round(q.height), q.rotation], [round(p.width), round(p.height), p.rotation], `page ${i + 1} size`);
    assert.deepEqual(q.words.map(box), p.words.map(box), `page ${i + 1} words`);
    assert.deepEqual(q.segments.map((s) => ({ ...s, x0: round(s.x0), y0: round(s.y0), x1: round(s.x1), y1: round(s.y1) })),
      p.segments.map((s) => ({ ...s, x0: round(s.x0), y0: round(s.y0), x1: round(s.x1), y1: round(s.y1) })), `page ${i + 1} segments`);
  });
  return pdfjs;
}

const TABLE = [
  "0.5 w 50 150 m 250 150 l S 50 120 m 250 120 l S",
  "50 120 m 50 150 l S 150 120 m 150 150 l S 250 120 m 250 150 l S",
  "BT /F1 10 Tf 60 130 Td (Total) Tj ET",
  "BT /F1 10 Tf 160 130 Td (2,082.85) Tj ET",
  "BT /F1 10 Tf 210 130 Td (171.07) Tj ET",
].join("\n");

describe("PDFium and pdf.js read the same words and rulings", () => {
  test("engines are named pdfium and pdfjs", () => assert.deepEqual([...PDF_ENGINE_NAMES], ["pdfium", "pdfjs"]));

  test("an upright ruled table: words split at whitespace, stroked rulings", async () => {
    const [p] = await sameOnBoth([{ content: TABLE }]);
    assert.deepEqual(p!.words.map((w) => w.text), ["Total", "2,082.85", "171.07"]);
    assert.equal(p!.segments.length, 5);
  });

  test("one Tj holding two figures three spaces apart: two words, each where its glyphs are", async () => {
    const [p] = await sameOnBoth([{ content: "BT /F1 10 Tf 160 130 Td (2,082.85   171.07) Tj ET" }]);
    // Helvetica: "2,082.85" is 6 digits × 0.556 em + 2 × 0.278 em, then 3 spaces × 0.278 em.
    assert.deepEqual(p!.words.map((w) => [w.text, round(w.x0), round(w.x1)]), [["2,082.85", 160, 198.92], ["171.07", 207.26, 237.84]]);
  });

  test("/Rotate 90 and 270, a CropBox offset, a text matrix that carries the size (1 Tf, 12 Tm)", async () => {
    const pages = await sameOnBoth([
      { content: TABLE, rotate: 90 },
      { content: TABLE, rotate: 270 },
      { content: TABLE, mediaBox: [0, 0, 400, 300], cropBox: [20, 30, 320, 230] },
      { content: "BT /F1 1 Tf 12 0 0 12 40 100 Tm (Scaled) Tj ET" },
    ]);
    assert.deepEqual(pages.map((p) => [p.width, p.height]), [[200, 300], [200, 300], [300, 200], [300, 200]]);
    assert.equal(pages[0]!.words[0]!.angle, -90, "on a /Rotate 90 page the text runs top to bottom");
    assert.equal(pages[3]!.words[0]!.size, 12);
  });

  test("text drawn rotated (a cm turning the page's content) and rulings inside a form XObject, scaled by its /Matrix", async () => {
    const [turned, form] = await sameOnBoth([
      { content: `q 0 1 -1 0 300 0 cm ${TABLE} Q`, mediaBox: [0, 0, 300, 300] },
      { content: "q 1 0 0 1 20 10 cm /Fm1 Do Q", forms: { Fm1: { content: "10 10 m 110 10 l S 0 40 100 1 re f 0 0 20 20 re W n", matrix: [2, 0, 0, 2, 0, 0] } } },
    ]);
    assert.equal(turned!.words[0]!.angle, 90);
    // (10,10)-(110,10) in the form → ×2, + (20, 10) → (40,30)-(240,30) → y = 200 − 30 on the page.
    assert.deepEqual(form!.segments, [
      { x0: 40, y0: 170, x1: 240, y1: 170, from: "stroke" },
      { x0: 20, y0: 109, x1: 220, y1: 109, from: "fill" },
    ]);
  });

  test("glyphs whose origin lies outside the page box are left out by both", async () => {
    const [p] = await sameOnBoth([{ content: "BT /F1 10 Tf 20 100 Td (inside) Tj ET BT /F1 10 Tf 20 250 Td (above) Tj ET BT /F1 10 Tf -80 50 Td (left) Tj ET" }]);
    assert.deepEqual(p!.words.map((w) => w.text), ["inside"]);
  });
});

describe("the page as read (both engines)", () => {
  for (const engine of PDF_ENGINE_NAMES) {
    test(`${engine}: a page of text turned by /Rotate 90 is turned back; the words read left to right again`, async () => {
      const [upright, rotated] = await readAll(engine, [{ content: TABLE }, { content: TABLE, rotate: 90 }]);
      const a = pageAsRead(upright!).content, b = pageAsRead(rotated!).content;
      assert.equal(b.turn, 270);
      assert.deepEqual([b.width, b.height], [a.width, a.height]);
      assert.deepEqual(b.words.map(box), a.words.map(box));
      assert.deepEqual(b.segments.map((s) => [round(s.x0), round(s.y0), round(s.x1), round(s.y1)]), a.segments.map((s) => [round(s.x0), round(s.y0), round(s.x1), round(s.y1)]));
    });

    test(`${engine}: fake bold (the same text overprinted 0.3 pt to the right) is read once`, async () => {
      const [p] = await readAll(engine, [{ content: "BT /F1 10 Tf 50 100 Td (Bold) Tj ET BT /F1 10 Tf 50.3 100 Td (Bold) Tj ET BT /F1 10 Tf 150 100 Td (Bold) Tj ET" }]);
      const read = pageAsRead(p!).content.words;
      assert.deepEqual(read.map((w) => [w.text, round(w.x0)]), [["Bold", 50], ["Bold", 150]], "the copy 0.3 pt away goes, the word 100 pt away stays");
    });
  }

  test("a page whose text lies wholly outside its MediaBox: PDFium reads it as drawn, pdf.js cannot; both say so", async () => {
    const page: MiniPage = { content: TABLE, mediaBox: [0, 1000, 300, 1200] };
    const [viaPdfium] = await readAll("pdfium", [page]);
    const [viaPdfjs] = await readAll("pdfjs", [page]);
    const a = pageAsRead(viaPdfium!), b = pageAsRead(viaPdfjs!);
    assert.deepEqual(a.content.words.map((w) => w.text), ["Total", "2,082.85", "171.07"]);
    assert.equal(a.note, "page 1: all its text (19 characters) lies outside its CropBox/MediaBox; read as drawn");
    assert.deepEqual(b.content.words, []);
    assert.match(b.note ?? "", /^page 1: its text is drawn outside its CropBox\/MediaBox and was not read \(pdf\.js drops such text/);
  });

  test("PDFium counts the characters it leaves outside a CropBox", async () => {
    const [p] = await readAll("pdfium", [{ content: "BT /F1 10 Tf 20 100 Td (inside) Tj ET BT /F1 10 Tf 20 190 Td (cut) Tj ET", cropBox: [0, 0, 300, 150] }]);
    const read = pageAsRead(p!);
    assert.deepEqual(read.content.words.map((w) => w.text), ["inside"]);
    assert.equal(read.note, "page 1: 3 characters outside its CropBox/MediaBox not read");
  });
});

describe("PDFium instance", () => {
  test("bytes that are not a PDF → PdfOpenError with the reason", async () => {
    const engine = await pdfEngine("pdfium");
    await assert.rejects(engine.open(new TextEncoder().encode("<html><body>not found</body></html>")), (e: unknown) => {
      assert.ok(e instanceof PdfOpenError);
      assert.equal((e as Error).message, "not a valid PDF (not in PDF format or corrupted)");
      return true;
    });
  });

  test("after a WebAssembly trap the instance is dropped and the next document gets a fresh one", async () => {
    const before = await pdfium();
    // A real trap: PDFium dereferences a pointer past the end of its memory.
    const bad = before.memory().buffer.byteLength + 4096;
    assert.throws(() => guarded(before, () => before.exports.FPDFText_CountChars(bad)), /^Error: PDFium aborted \(.+\); a fresh instance reads the next document$/);
    assert.equal(before.broken, true);
    const after = await pdfium();
    assert.notEqual(after, before);
    const [p] = await readAll("pdfium", [{ content: TABLE }]);
    assert.deepEqual(p!.words.map((w) => w.text), ["Total", "2,082.85", "171.07"]);
  });
});
