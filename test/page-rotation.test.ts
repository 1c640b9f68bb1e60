// Page geometry (issue 10): a page turned by /Rotate 90, 180 or 270, or drawn rotated and
// turned upright again by /Rotate (how landscape tables are often printed), reads as the
// upright original does; text outside the MediaBox is said, never silently lost. The
// variants of the ruled sample are written here as incremental updates of its page
// objects (test/fixtures/turn-pdf.ts); both engines must give the original's line items.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { extractDocumentBytes } from "../pipelines/extract-document.ts";
import { toGoldenCsv } from "../transform/golden-csv.ts";
import { turnPdf, type Turn } from "./fixtures/turn-pdf.ts";
import { PDF_ENGINE_NAMES } from "../extract/pdf/pdf-engine.ts";

const SAMPLE = join(import.meta.dirname, "..", "samples", "documents", "jiyuan-yibao_2022_dept-budget_ruled.pdf");
const bytes = new Uint8Array(readFileSync(SAMPLE));
const PAGES = 18;
const all = Array.from({ length: PAGES }, (_, i) => i + 1).join(", ");

const TURNS: Array<{ name: string; turn: Turn; note: string | null }> = [
  { name: "/Rotate 90", turn: { kind: "rotate", degrees: 90 }, note: `pages ${all} read turned 270° clockwise (their text runs top to bottom); cell boxes are in the turned page` },
  { name: "/Rotate 270", turn: { kind: "rotate", degrees: 270 }, note: `pages ${all} read turned 90° clockwise (their text runs bottom to top); cell boxes are in the turned page` },
  { name: "/Rotate 180", turn: { kind: "rotate", degrees: 180 }, note: `pages ${all} read turned 180° clockwise (their text runs upside down); cell boxes are in the turned page` },
  { name: "drawn rotated, turned upright by /Rotate 90", turn: { kind: "drawn-rotated", degrees: 90 }, note: null },
  { name: "drawn rotated, turned upright by /Rotate 270", turn: { kind: "drawn-rotated", degrees: 270 }, note: null },
];

for (const engine of PDF_ENGINE_NAMES) {
  describe(`${engine}: the ruled sample turned`, { timeout: 300_000 }, () => {
    let original: string;
    test("the original gives its line items", async () => {
      const doc = await extractDocumentBytes(bytes, "original.pdf", { engine });
      original = toGoldenCsv(doc.items);
      assert.ok(doc.items.length > 400, `${doc.items.length} items`);
      assert.deepEqual(doc.notes, []);
    });
    for (const { name, turn, note } of TURNS) {
      test(`${name}: the same line items as the original`, async () => {
        const doc = await extractDocumentBytes(turnPdf(bytes, turn), "turned.pdf", { engine });
        assert.equal(doc.pageCount, PAGES);
        assert.equal(toGoldenCsv(doc.items), original);
        assert.deepEqual(doc.notes ?? [], note ? [note] : []);
      });
    }
    test("page 5's MediaBox moved off its content: the note names the page", async () => {
      const doc = await extractDocumentBytes(turnPdf(bytes, { kind: "shift-box", dx: 0, dy: 2000, pages: [5] }), "shifted.pdf", { engine });
      if (engine === "pdfium") {
        // Read as drawn: nothing is lost.
        assert.deepEqual(doc.notes, ["page 5: all its text (557 characters) lies outside its CropBox/MediaBox; read as drawn"]);
        assert.equal(toGoldenCsv(doc.items), original);
      } else {
        // pdf.js's text content never holds those glyphs: the page's items are missing, and the note says why.
        assert.deepEqual(doc.notes, ["page 5: its text is drawn outside its CropBox/MediaBox and was not read (pdf.js drops such text; the PDFium engine reads it as drawn)"]);
        assert.ok(doc.items.length < original.split("\n").length - 2);
        assert.ok(doc.items.every((i) => i.page !== 5));
      }
    });
  });
}
