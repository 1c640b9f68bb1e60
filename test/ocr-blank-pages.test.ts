// A page with nothing to read is not sent to an OCR engine: one with no ink, and one whose only
// ink is the rulings of an empty table (sh-putuo_caizhengju p. 14 prints such a page). A page
// with a table and its figures is still read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ocrPage, DEFAULT_OCR_PAGE_OPTIONS } from "../extract/ocr/ocr-page.ts";
import { ocrUnavailable } from "../extract/ocr/tools.ts";
import { miniPdf } from "./fixtures/mini-pdf.ts";

const missing = ocrUnavailable("chi_sim");

/** A ruled grid of `rows` × `cols` cells, 80 × 20 pt each, from (20, 20) on a 400 × 300 page. */
function grid(rows: number, cols: number): string {
  const ops: string[] = ["1 w"];
  for (let r = 0; r <= rows; r++) ops.push(`20 ${280 - r * 20} m ${20 + cols * 80} ${280 - r * 20} l S`);
  for (let c = 0; c <= cols; c++) ops.push(`${20 + c * 80} 280 m ${20 + c * 80} ${280 - rows * 20} l S`);
  return ops.join("\n");
}

async function readPage(content: string) {
  const work = await mkdtemp(path.join(tmpdir(), "ocr-blank-"));
  try {
    const file = path.join(work, "page.pdf");
    await writeFile(file, miniPdf([{ content, mediaBox: [0, 0, 400, 300] }]));
    return await ocrPage(file, 1, work, { ...DEFAULT_OCR_PAGE_OPTIONS, engine: "tesseract" });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

test("a page of rulings only, and an empty page, are blank: no engine reads them", { skip: missing ? `skipped: ${missing}` : false, timeout: 120_000 }, async () => {
  for (const content of [grid(1, 4), grid(3, 4), ""]) {
    const r = await readPage(content);
    assert.deepEqual([r.blank, r.tables.length, r.words, r.engine], [true, 0, 0, undefined], content.slice(0, 40));
  }
});

test("the same grid with a row of small figures in its cells is read (a table's last row alone on its page)", { skip: missing ? `skipped: ${missing}` : false, timeout: 120_000 }, async () => {
  // 5-point text: far less ink than the rulings, and less than the blank-page share of the whole page.
  const figures = ["BT /F1 5 Tf 30 266 Td (Total) Tj ET", "BT /F1 5 Tf 110 266 Td (1,081.10) Tj ET", "BT /F1 5 Tf 190 266 Td (60.00) Tj ET", "BT /F1 5 Tf 270 266 Td (40.00) Tj ET"];
  const r = await readPage(`${grid(1, 4)}\n${figures.join("\n")}`);
  assert.equal(r.blank, false);
  assert.equal(r.engine, "tesseract");
  assert.ok(r.words >= 3, `${r.words} words read`);
});
