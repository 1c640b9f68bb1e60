// A scan's pages read over worker threads (ocr-page-pool.ts) come back as read in turn: the
// same tables, cells and text, page by page, in page order. Two real table pages of ../shared
// as office scans.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ocrUnavailable } from "../extract/ocr/tools.ts";
import { readPdfTables } from "../extract/pdf/pdf-tables.ts";
import { ocrScannedPages, DEFAULT_OCR_PDF_OPTIONS } from "../extract/ocr/ocr-pdf.ts";
import { scanPdf } from "../pipelines/bench/ocr-scan-kinds.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REAL = path.join(repoRoot, "..", "shared", "corpus", "real", "sh-putuo_wanli-jiedao_2024_dept-budget.pdf");
const missing = ocrUnavailable("chi_sim") ?? (existsSync(REAL) ? null : `${REAL} absent (../shared not beside the checkout)`);

test("a scan's pages read by two page workers give what one thread reading them in turn gives", { skip: missing ? `skipped: ${missing}` : false, timeout: 600_000 }, async () => {
  const scan = await scanPdf(REAL, "office", [21, 22], "wanli");
  const pdf = await readPdfTables(scan);
  const inTurn = await ocrScannedPages(scan, pdf, undefined, { ...DEFAULT_OCR_PDF_OPTIONS, pageWorkers: 1 });
  const inWorkers = await ocrScannedPages(scan, pdf, undefined, { ...DEFAULT_OCR_PDF_OPTIONS, pageWorkers: 2 });
  assert.ok(inTurn && inWorkers);
  assert.deepEqual(inTurn.ocrPages, [1, 2]);
  assert.ok(inTurn.tables.length >= 2 && inTurn.tables.every((t) => t.method === "ocr"), `tables: ${inTurn.tables.length}`);
  assert.ok(inTurn.tables.every((t) => t.cells.some((c) => /^\d{1,3}(,\d{3})+$/.test(c.text))), "figures read on both pages");
  assert.deepEqual(inWorkers.ocrPages, inTurn.ocrPages);
  assert.deepEqual(inWorkers.pageText, inTurn.pageText);
  assert.deepEqual(inWorkers.tables, inTurn.tables);
});
