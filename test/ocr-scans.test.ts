// A real ruled table page (../shared) made into scans by the bench's generator — an office
// scan skewed 0.3–1.2° with blur, noise and JPEG 50, and a colour page with a red seal — and
// read back through the whole pipeline: every line item of the page as its text layer gives
// it, read by PaddleOCR; and the same page read by Tesseract alone (the fallback).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ocrUnavailable } from "../extract/ocr/tools.ts";
import { paddleUnavailable } from "../extract/ocr/paddle-ocr.ts";
import { ocrPage, DEFAULT_OCR_PAGE_OPTIONS } from "../extract/ocr/ocr-page.ts";
import { scanPdf } from "../pipelines/bench/ocr-scan-kinds.ts";
import { extractDocumentBytes, extractDocumentFile } from "../pipelines/extract-document.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REAL = path.join(repoRoot, "..", "shared", "corpus", "real", "sh-putuo_wanli-jiedao_2024_dept-budget.pdf");
/** 2024年部门一般公共预算支出功能分类预算表, ruled, split 类/款/项 codes, 元. */
const PAGE = 22;

const missing = ocrUnavailable("chi_sim") ?? (existsSync(REAL) ? null : `${REAL} absent (../shared not beside the checkout)`);
const key = (i: { table: string; code: string; measure: string; amount: string }) => `${i.table}|${i.code}|${i.measure}|${Number(i.amount)}`;

test("PaddleOCR loads from the installed packages (no download)", async () => {
  assert.equal(await paddleUnavailable(), null);
});

for (const kind of ["office", "stamp"] as const) {
  test(`a real table page as a ${kind} scan: every item of its text layer read, by PaddleOCR, none wrong without a flag`, { skip: missing ? `skipped: ${missing}` : false, timeout: 300_000 }, async () => {
    const truth = (await extractDocumentFile(REAL, { pages: [PAGE] })).items;
    assert.ok(truth.length >= 30, `the text layer's items: ${truth.length}`);
    const scan = await scanPdf(REAL, kind, [PAGE, PAGE], "wanli");
    const doc = await extractDocumentBytes(scan, `wanli-${kind}.pdf`);
    const got = new Map(doc.items.map((i) => [key({ ...i, amount: i.repairedAmount ?? i.amount }), i]));
    const lost = truth.filter((t) => !got.has(key(t)));
    assert.deepEqual(lost.map(key), [], "items lost or misread");
    assert.ok(doc.tables.every((t) => t.method === "ocr" && t.engine === "paddle"), "PaddleOCR read the page");
    const truthKeys = new Set(truth.map(key));
    const wrong = doc.items.filter((i) => !truthKeys.has(key({ ...i, amount: i.repairedAmount ?? i.amount })) && (i.ocrFlags ?? []).length === 0);
    assert.deepEqual(wrong.map(key), [], "wrong numbers without a flag");
    assert.ok(doc.items.every((i) => i.ocrEngine === "paddle" && i.ocrConfidence !== undefined && Array.isArray(i.ocrFlags)));
  });
}

test("the same page read by Tesseract alone (PaddleOCR switched off): the fallback still reads the table, its engine recorded", { skip: missing ? `skipped: ${missing}` : false, timeout: 300_000 }, async () => {
  const work = await mkdtemp(path.join(tmpdir(), "ocr-fallback-"));
  try {
    const file = path.join(work, "scan.pdf");
    await writeFile(file, await scanPdf(REAL, "clean-200", [PAGE, PAGE], "wanli"));
    const r = await ocrPage(file, 1, work, { ...DEFAULT_OCR_PAGE_OPTIONS, engine: "tesseract" });
    assert.equal(r.engine, "tesseract");
    assert.ok(r.tables.length >= 1 && r.tables.every((t) => t.engine === "tesseract"));
    const texts = r.tables.flatMap((t) => t.cells.map((c) => c.text));
    for (const expected of ["专项普查活动", "2,932,700"]) assert.ok(texts.includes(expected), `${expected} read`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
