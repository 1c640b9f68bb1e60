// The one format registry: what a body is from its bytes (for the crawler and the readers
// alike), the raw store's extensions and media types, which bodies are documents, the
// faithfulness order of renditions — and that the crawler's view and the readers' agree on
// every sample document.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import {
  CONTENT_FORMATS, FORMATS, contentMismatch, faithfulnessRank, formatOfExtension, isDocumentBody, mediaTypeOf, readableFormat, sniffFormat, storeExtension,
} from "../extract/formats/format-registry.ts";
import { writeZip } from "../samples/generate/formats/zip-write.ts";
import { BUDGET_TABLE, htmlPage, oleWithStream, xlsxPackage, sheetXml, docxPackage } from "./hostile-inputs.ts";

const DOCUMENTS = join(import.meta.dirname, "..", "samples", "documents");

test("one record per format, in sniffing order, with the raw store's extension and media type of old", () => {
  assert.deepEqual(FORMATS.map((f) => f.name), ["xlsx", "docx", "zip", "xls", "doc", "ole", "rar", "pdf", "html", "json", "text", "unknown"]);
  assert.deepEqual([...CONTENT_FORMATS].sort(), FORMATS.map((f) => f.name).sort());
  // Blobs already in data/raw keep their paths: the extensions are the ones content-sniff.ts gave.
  assert.deepEqual(Object.fromEntries(CONTENT_FORMATS.map((f) => [f, storeExtension(f)])),
    { pdf: "pdf", xlsx: "xlsx", xls: "xls", docx: "docx", doc: "doc", html: "html", zip: "zip", rar: "rar", ole: "bin", json: "json", text: "txt", unknown: "bin" });
  assert.equal(mediaTypeOf("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  assert.equal(mediaTypeOf("xls"), "application/vnd.ms-excel");
  assert.equal(mediaTypeOf("nonsense"), "application/octet-stream");
  assert.equal(formatOfExtension(".HTM"), "html");
  assert.equal(formatOfExtension("et"), "xls");
  assert.equal(formatOfExtension("ppt"), null);
});

test("bytes decide: containers before the %PDF- scan, OLE2 by its directory, HTML in any encoding", () => {
  const pdfInZip = writeZip([{ name: "a.pdf", data: Buffer.from("%PDF-1.4\n"), store: true }]);
  assert.equal(sniffFormat(pdfInZip), "zip", "a ZIP of a stored PDF holds %PDF- within its first KiB");
  assert.equal(sniffFormat(Buffer.from("garbage\r\n%PDF-1.7\n")), "pdf");
  assert.equal(sniffFormat(xlsxPackage([{ name: "表1", xml: sheetXml([["x"]]) }])), "xlsx");
  assert.equal(sniffFormat(docxPackage("")), "docx");
  const xlsx = xlsxPackage([{ name: "表1", xml: sheetXml([["x"]]) }]);
  assert.equal(sniffFormat(xlsx.subarray(0, xlsx.length - 40)), "xlsx", "a truncated package by its local headers");
  assert.equal(sniffFormat(oleWithStream("Workbook")), "xls");
  assert.equal(sniffFormat(oleWithStream("Book")), "xls");
  assert.equal(sniffFormat(oleWithStream("WordDocument")), "doc");
  assert.equal(sniffFormat(oleWithStream("EncryptedPackage")), "ole");
  // The stream's name in the file's content, not in a directory entry, is no stream.
  const wordy = Buffer.concat([oleWithStream("PowerPoint Document"), Buffer.from("xxWorkbook\0", "utf16le")]);
  assert.equal(sniffFormat(wordy), "ole");
  assert.equal(sniffFormat(Buffer.from("Rar!\x1a\x07\x00rest")), "rar");
  const page = htmlPage(`<meta charset="utf-8">`, BUDGET_TABLE);
  for (const [what, bytes] of [
    ["UTF-8 BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page)])],
    ["UTF-16LE BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page, "utf16-le")])],
    ["UTF-16BE, no BOM", iconv.encode(page, "utf16-be")],
    ["a comment first", Buffer.from(`<!-- saved by Excel -->${page}`)],
    ["Excel's web page", Buffer.from(`<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>${BUDGET_TABLE}</body></html>`)],
    ["a bare table", Buffer.from(BUDGET_TABLE)],
  ] as const) assert.equal(sniffFormat(bytes), "html", what);
  assert.equal(sniffFormat(Buffer.from(`  {"code": 403}`)), "json");
  assert.equal(sniffFormat(Buffer.from("Service Unavailable\n")), "text");
  assert.equal(sniffFormat(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff])), "unknown");
  assert.equal(sniffFormat(new Uint8Array()), "unknown");
});

test("the readers are told why a format is not read", () => {
  assert.throws(() => readableFormat(oleWithStream("PowerPoint Document")), /^ReaderError: PowerPoint presentation \(PPT\): not read/);
  assert.throws(() => readableFormat(oleWithStream("EncryptedPackage")), /encrypted \(password-protected\) Office document/);
  assert.throws(() => readableFormat(oleWithStream("Nothing")), /OLE2 compound file with no Excel \(Workbook\) or Word \(WordDocument\) stream/);
  assert.throws(() => readableFormat(Buffer.from("Service Unavailable")), /unrecognised format \(plain text, not PDF, XLSX, XLS, DOCX, DOC, HTML or ZIP; starts with "Service Unavaila"\)/);
  assert.equal(readableFormat(Buffer.from(BUDGET_TABLE)), "html");
});

test("a document link may serve HTML holding a data table; an error page in its place is refused", () => {
  const table = Buffer.from(htmlPage("", BUDGET_TABLE));
  const errorPage = Buffer.from(htmlPage("", "<h2>404</h2><table><tr><td>返回首页</td></tr></table>"));
  assert.equal(isDocumentBody("html", table), true);
  assert.equal(isDocumentBody("html", errorPage), false);
  assert.equal(isDocumentBody("html", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(htmlPage("", BUDGET_TABLE), "utf16-le")])), true, "UTF-16 too");
  assert.equal(isDocumentBody("pdf", Buffer.from("%PDF-")), true);
  assert.equal(isDocumentBody("json", Buffer.from("{}")), false);
  assert.equal(contentMismatch("html", true, "application/vnd.ms-excel", table), null);
  assert.equal(contentMismatch("html", true, "text/html; charset=utf-8", errorPage),
    "expected a document but got an HTML page (Content-Type text/html): an error or login page served in its place");
  assert.equal(contentMismatch("json", true, undefined, Buffer.from("{}")), "expected a document but the body is json (no Content-Type), not PDF/Office/ZIP");
  assert.equal(contentMismatch("html", false, "text/html"), null, "a page link may be a page");
});

test("renditions: spreadsheets, then HTML, Word, PDF, OCR'd PDF", () => {
  const order = [["xlsx", false], ["xls", false], ["html", false], ["docx", false], ["doc", false], ["pdf", false], ["pdf", true]] as const;
  const ranks = order.map(([f, ocr]) => faithfulnessRank(f, ocr));
  assert.deepEqual([...ranks].sort((a, b) => a - b), ranks);
  assert.equal(new Set(ranks).size, ranks.length);
  assert.equal(faithfulnessRank("zip", false), Number.POSITIVE_INFINITY);
});

test("the crawler's sniffing and the readers' agree on every sample document, whatever its name", () => {
  let n = 0;
  for (const dir of readdirSync(DOCUMENTS, { withFileTypes: true })) {
    const files = dir.isDirectory() ? readdirSync(join(DOCUMENTS, dir.name)).map((f) => join(dir.name, f)) : [dir.name];
    for (const f of files) {
      const bytes = readFileSync(join(DOCUMENTS, f));
      const expected = f.split(".").pop();
      assert.equal(sniffFormat(bytes), expected, f);
      assert.equal(readableFormat(bytes), expected, f);
      n++;
    }
  }
  assert.ok(n >= 30, `${n} sample documents`);
});
