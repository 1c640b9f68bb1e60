// Scanned PDFs: which pages have no usable text layer, rulings found in a raster, Tesseract
// TSV into words, and (with Tesseract, poppler and ../shared) one real page rendered as an
// image-only PDF read back through the whole pipeline. The full six-document OCR run is
// `npm run bench -- --only ocr` (minutes).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hasUsableText } from "../extract/ocr/scanned-pages.ts";
import { scannedPages } from "../extract/ocr/ocr-pdf.ts";
import { rasterRulings } from "../extract/ocr/raster-rulings.ts";
import { parseTsv } from "../extract/ocr/tesseract.ts";
import { ocrWords } from "../extract/ocr/ocr-words.ts";
import { markOcrItems } from "../transform/ocr-items.ts";
import { ocrUnavailable } from "../extract/ocr/tools.ts";
import { imageOnlyPdf, pdfOfImages } from "../pipelines/bench/ocr-image-pdf.ts";
import { extractDocumentBytes, inspectDocumentBytes } from "../pipelines/extract-document.ts";
import type { Table } from "../extract/table-ir.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REAL = path.join(repoRoot, "..", "shared", "corpus", "real", "sh-putuo_wanli-jiedao_2024_dept-budget.pdf");
/** 2024年部门一般公共预算支出功能分类预算表, ruled, split 类/款/项 codes. */
const REAL_PAGE = 22;

test("usable text layer: real text yes; empty, private-use glyphs or symbol noise no", () => {
  assert.equal(hasUsableText("2024年部门支出预算总表 合计 156,211,123"), true);
  assert.equal(hasUsableText(""), false);
  assert.equal(hasUsableText("\n 12 \n"), false);
  assert.equal(hasUsableText("\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\ue00a 合计 预算表 单位"), false);
  assert.equal(hasUsableText("█▓▒░■□▪▫▬▲►▼◄◊○●◘◙◦ 合计 一般 公共 预算"), false);
});

test("scanned pages: the pages whose text outside and inside tables is not usable", () => {
  const table = (page: number, text: string): Table => ({ page, bbox: [0, 0, 1, 1], nRows: 1, nCols: 1, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1, text, page, bbox: [0, 0, 1, 1] }], method: "lattice", before: [], after: [] });
  const pdf = { pageCount: 3, tables: [table(2, "一般公共服务支出 2,932,700 统计信息事务")], pageText: ["2024年部门预算 目录 说明", "", ""] };
  assert.deepEqual(scannedPages(pdf), [3]);
  // Pages 2 and 3 read: pageText[0] belongs to page 2, pageText[1] to page 3.
  assert.deepEqual(scannedPages({ ...pdf, pageText: ["", ""] }, [2, 3]), [3]);
});

test("raster rulings: a drawn grid gives its lines (points) and is whitened; short strokes are not rulings", () => {
  const width = 400, height = 200;
  const pixels = new Uint8Array(width * height).fill(255);
  const h = (y: number) => { for (let x = 20; x < 380; x++) pixels[y * width + x] = 0; };
  const v = (x: number) => { for (let y = 20; y < 180; y++) pixels[y * width + x] = 0; };
  [20, 100, 179].forEach(h);
  [20, 200, 379].forEach(v);
  for (let x = 50; x < 60; x++) pixels[60 * width + x] = 0; // a glyph stroke, 10 px
  const scale = 72 / 200;
  const { segments, cleaned } = rasterRulings({ width, height, pixels }, scale);
  const hs = segments.filter((s) => s.y0 === s.y1).map((s) => Math.round(s.y0 / scale));
  const vs = segments.filter((s) => s.x0 === s.x1).map((s) => Math.round(s.x0 / scale));
  assert.deepEqual(hs.sort((a, b) => a - b), [21, 101, 180]);
  assert.deepEqual(vs.sort((a, b) => a - b), [21, 201, 380]);
  assert.equal(cleaned.pixels[100 * width + 150], 255, "ruling whitened");
  assert.equal(cleaned.pixels[60 * width + 55], 0, "glyph stroke kept");
});

test("Tesseract TSV → words in points: characters of a line joined, not across a ruling or a column gap; numbers cleaned", () => {
  const tsv = [
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "5\t1\t1\t1\t1\t1\t100\t50\t28\t30\t95.5\t统计",
    "5\t1\t1\t1\t1\t2\t130\t50\t28\t30\t90\t信息",
    "5\t1\t1\t1\t1\t3\t160\t50\t28\t30\t93\t事务",
    "5\t1\t1\t1\t1\t4\t400\t52\t90\t26\t61.2\t257，700",
    "5\t1\t1\t1\t1\t5\t600\t52\t10\t26\t30\t|",
    "5\t1\t1\t1\t1\t6\t700\t52\t20\t26\t80\t0",
    "5\t1\t1\t1\t1\t7\t722\t52\t20\t26\t80\t5",
  ].join("\n");
  const scale = 72 / 200;
  const ruling = { x0: 721 * scale, x1: 721 * scale, y0: 0, y1: 200, from: "stroke" as const };
  const words = ocrWords(parseTsv(tsv), scale, [ruling]);
  assert.deepEqual(words.map((w) => w.text), ["统计信息事务", "257,700", "0", "5"]);
  assert.equal(words[0]!.confidence, 0.9);
  assert.ok(Math.abs(words[0]!.x0 - 36) < 1e-9 && words[0]!.upright);
});

test("OCR'd amounts carry their cell's confidence; other items are untouched", () => {
  const cell = { row: 1, col: 2, rowSpan: 1, colSpan: 1, text: "257,700", page: 4, bbox: [10, 20, 30, 40] as [number, number, number, number], confidence: 0.61 };
  const ocr: Table = { page: 4, bbox: [0, 0, 50, 50], nRows: 2, nCols: 3, cells: [cell], method: "ocr", before: [], after: [] };
  const items = [{ page: 4, bbox: [10, 20, 30, 40] }, { page: 5, bbox: [10, 20, 30, 40] }];
  assert.deepEqual(markOcrItems(items, [{ table: ocr } as never]), [{ page: 4, bbox: [10, 20, 30, 40], ocrConfidence: 0.61 }, { page: 5, bbox: [10, 20, 30, 40] }]);
});

const missing = ocrUnavailable("chi_sim") ?? (existsSync(REAL) ? null : `${REAL} absent (../shared not beside the checkout)`);
test(`a real ruled table page rendered image-only (200 dpi) and read back by OCR`, { skip: missing ? `skipped: ${missing}` : false, timeout: 180_000 }, async () => {
  const image = await imageOnlyPdf(REAL, 200, [REAL_PAGE, REAL_PAGE]);
  const { extract: doc, recognised } = await inspectDocumentBytes(image, "wanli-page-22-scanned.pdf");
  const ocr = recognised.filter((t) => t.table.method === "ocr");
  assert.ok(ocr.length >= 1, "an OCR table");
  const cells = ocr.flatMap((t) => t.table.cells);
  const texts = cells.map((c) => c.text);
  for (const expected of ["专项普查活动", "一般行政管理事务", "257,700", "2,932,700", "201"]) assert.ok(texts.includes(expected), `${expected} read (cells: ${texts.slice(0, 60).join(" | ")})`);
  assert.ok(cells.every((c) => c.confidence !== undefined && c.confidence >= 0 && c.confidence <= 1), "every OCR cell has a confidence");
  assert.ok(ocr[0]!.table.nRows >= 15 && ocr[0]!.table.nCols === 7, `grid from the raster rulings: ${ocr[0]!.table.nRows}×${ocr[0]!.table.nCols}`);
  for (const i of doc.items) assert.ok(i.ocrConfidence !== undefined, "every item of a scanned page is flagged");
});

test("a blank scanned page: no text layer, too little ink for OCR, read as a document without tables", { skip: missing ? `skipped: ${missing}` : false }, async () => {
  const pdf = pdfOfImages([{ width: 100, height: 50, pixels: new Uint8Array(5000).fill(255) }], 100);
  assert.match(pdf.subarray(0, 8).toString("latin1"), /^%PDF-1\.4/);
  const d = await extractDocumentBytes(pdf, "blank-scan.pdf");
  assert.deepEqual([d.pageCount, d.tables.length, d.items.length], [1, 0, 0]);
});
