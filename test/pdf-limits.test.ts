// PDFs past the size or page limits are refused before any page is read, with the figures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pdfOverLimit, DEFAULT_PDF_LIMITS } from "../extract/pdf/pdf-limits.ts";
import { readPdfTables, DEFAULT_PDF_TABLE_OPTIONS } from "../extract/pdf/pdf-tables.ts";

test("pdfOverLimit: bytes first, then pages; null within the limits", () => {
  const limits = { ...DEFAULT_PDF_LIMITS, maxBytes: 10 * 2 ** 20, maxPages: 100 };
  assert.equal(pdfOverLimit(5 * 2 ** 20, 100, limits), null);
  assert.equal(pdfOverLimit(11 * 2 ** 20, 3, limits), "file of 11 MiB is over the limit of 10 MiB");
  assert.equal(pdfOverLimit(1000, 101, limits), "101 pages, more than the limit of 100");
  assert.equal(pdfOverLimit(1000, null, limits), null);
  assert.deepEqual([DEFAULT_PDF_LIMITS.maxBytes, DEFAULT_PDF_LIMITS.maxPages], [500 * 2 ** 20, 5000]);
});

test("readPdfTables refuses a sample PDF over a page limit and reads it under one", async () => {
  const bytes = readFileSync(join(import.meta.dirname, "..", "samples", "documents", "beilin-yibao_2022_dept-budget_unruled.pdf"));
  const read = await readPdfTables(bytes);
  assert.ok(read.pageCount > 3);
  await assert.rejects(readPdfTables(bytes, { ...DEFAULT_PDF_TABLE_OPTIONS, limits: { ...DEFAULT_PDF_LIMITS, maxBytes: 2 ** 30, maxPages: 3 } }), new RegExp(`^Error: ${read.pageCount} pages, more than the limit of 3$`));
  await assert.rejects(readPdfTables(bytes, { ...DEFAULT_PDF_TABLE_OPTIONS, limits: { ...DEFAULT_PDF_LIMITS, maxBytes: 1000, maxPages: 5000 } }), /^Error: file of 0.\d\d MiB is over the limit of 0.00 MiB$/);
});
