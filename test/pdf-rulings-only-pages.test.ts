// A page without text that draws nothing but straight rulings (a table's empty last row alone on
// its page, as sh-putuo_caizhengju p. 14 prints) is known from its objects, so the OCR step does
// not render it. Anything else a rendering could show keeps the page for OCR: an image (a scan),
// a curve or a slanted stroke (text drawn as outlines), a ruling inside a form XObject is still a ruling.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readPdfTables, DEFAULT_PDF_TABLE_OPTIONS } from "../extract/pdf/pdf-tables.ts";
import { ocrScannedPages } from "../extract/ocr/ocr-pdf.ts";
import { miniPdf, type MiniPage } from "./fixtures/mini-pdf.ts";

const grid = (rows: number, cols: number) => {
  const ops: string[] = ["1 w"];
  for (let r = 0; r <= rows; r++) ops.push(`20 ${180 - r * 20} m ${20 + cols * 60} ${180 - r * 20} l S`);
  for (let c = 0; c <= cols; c++) ops.push(`${20 + c * 60} 180 m ${20 + c * 60} ${180 - rows * 20} l S`);
  return ops.join("\n");
};

const PAGES: Array<{ page: MiniPage; rulingsOnly: boolean; what: string }> = [
  { page: { content: grid(1, 4) }, rulingsOnly: true, what: "an empty ruled row" },
  { page: { content: "" }, rulingsOnly: true, what: "an empty page" },
  { page: { content: `${grid(1, 2)}\n50 50 100 20 re f` }, rulingsOnly: true, what: "rulings and a filled box" },
  { page: { content: "/X Do", forms: { X: { content: grid(2, 2), matrix: [1, 0, 0, 1, 5, 5] } } }, rulingsOnly: true, what: "rulings inside a form XObject" },
  { page: { content: `q 100 100 m 110 130 120 130 130 100 c h W n\n${grid(1, 2)}\nQ` }, rulingsOnly: true, what: "rulings under a curved clip path (it paints nothing)" },
  { page: { content: `${grid(1, 2)}\n100 100 m 110 130 120 130 130 100 c f` }, rulingsOnly: false, what: "a curve (an outlined glyph)" },
  { page: { content: `${grid(1, 2)}\n100 100 m 130 140 l 160 100 l h f` }, rulingsOnly: false, what: "a slanted stroke (an outlined glyph)" },
  { page: { content: "/X Do", forms: { X: { content: "10 10 m 40 60 l S" } } }, rulingsOnly: false, what: "a slanted line inside a form XObject" },
  { page: { content: "q 100 0 0 50 20 20 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \u0000\u00ff\u00ff\u0000 EI Q" }, rulingsOnly: false, what: "an inline image (a scan)" },
  { page: { content: "BT /F1 12 Tf 3 Tr 20 100 Td (hidden) Tj ET" }, rulingsOnly: false, what: "a text object (glyphs unread as words)" },
];

test("pages without words: those drawing only straight rulings and boxes are marked, any image, curve, slant or text object is not", async () => {
  const pdf = await readPdfTables(miniPdf(PAGES.map((p) => p.page)), { ...DEFAULT_PDF_TABLE_OPTIONS, engine: "pdfium" });
  const expected = PAGES.flatMap((p, i) => (p.rulingsOnly ? [i + 1] : []));
  // Page 9's invisible text (render mode 3) is still read as words: it is not a page without words.
  assert.deepEqual(pdf.rulingsOnlyPages, expected, PAGES.map((p, i) => `${i + 1}: ${p.what}`).join("; "));
});

test("the OCR step renders no page of rulings alone: it reads nothing and never touches the file", async () => {
  const bytes = miniPdf([{ content: "BT /F1 12 Tf 20 150 Td (Budget 2024 page with words) Tj ET" }, { content: grid(1, 4) }]);
  const pdf = await readPdfTables(bytes, { ...DEFAULT_PDF_TABLE_OPTIONS, engine: "pdfium" });
  assert.deepEqual(pdf.rulingsOnlyPages, [2]);
  // Bytes that are no PDF: rendering page 2 (or looking for the OCR tools) would fail or note it.
  const outcome = await ocrScannedPages(new TextEncoder().encode("not a pdf"), pdf);
  assert.ok(outcome);
  assert.deepEqual([outcome.scanned, outcome.ocrPages, outcome.notes], [[2], [], []]);
});
