// Broken inputs of every format in one `lines` run beside a good file: each gives
// exactly one stderr line with its own reason, the good file is still written, exit 1.
// Not applicable, so not generated: encrypted HTML (no such thing), zip bombs in HTML,
// XLS and DOC (not ZIP containers). Encrypted PDF, XLS and DOC and PDFs over the page
// limit are cases of the reliability corpus (test/reliability/malformed-corpus.ts), and of
// test/legacy-encryption.test.ts and test/pdf-limits.test.ts; PDF bombs, limits of every
// kind and charset repairs are the hostile inputs (test/hostile-inputs.ts, formats-hostile.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { writeZip } from "../samples/generate/formats/zip-write.ts";
import { findLibreOffice } from "../extract/readers/libreoffice.ts";
import { oleWithStream, xlsxPackage } from "./hostile-inputs.ts";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const docs = path.join(repoRoot, "samples", "documents");
const SAMPLE = "jiyuan-yibao_2022_dept-budget_ruled";
const sample = (dir: string, ext: string) => readFileSync(path.join(docs, dir, `${SAMPLE}.${ext}`));
const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));
/** A compound file whose directory names the stream, and nothing else in it. */
const ole = (stream: string) => oleWithStream(stream);
const whitespace = (n: number) => Buffer.alloc(n, 0x20);
const DOCX_PARTS = (documentXml: Buffer, store = false) => writeZip([
  { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
  { name: "word/document.xml", data: documentXml, store },
]);

/** A sheet of 20,000 rows of 30 cells: 600,000 cells, past the sheet limit. */
async function oversizedXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("表1");
  for (let r = 1; r <= 20_000; r++) ws.addRow(Array.from({ length: 30 }, (_, c) => r * 30 + c));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function hugeDocxTable(): Buffer {
  const row = `<w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p/></w:tc></w:tr>`;
  return Buffer.from(`<w:document xmlns:w="w"><w:body><w:tbl>${row.repeat(1001)}</w:tbl></w:body></w:document>`);
}

const hasLibreOffice = findLibreOffice() !== null;

/** name → [bytes, what its one stderr line must say]. */
async function brokenInputs(): Promise<Array<[string, Buffer, RegExp]>> {
  const lo = hasLibreOffice ? /LibreOffice could not convert this/ : /needs LibreOffice to be converted, and it is not installed/;
  return [
    ["pdf-corrupt.pdf", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4000, 0x41)]), /PDF unreadable/],
    ["pdf-truncated.pdf", half(readFileSync(path.join(docs, `${SAMPLE}.pdf`))), /PDF unreadable/],
    ["pdf-error-page.pdf", Buffer.from("<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>"), /not a PDF but HTML: HTML page with no tables \("404 Not Found"\)/],
    ["xlsx-corrupt.xlsx", writeZip([{ name: "xl/workbook.xml", data: Buffer.from("\x00\x01garbage<") }]), /corrupt XML in xl\/workbook.xml: a tag is cut off/],
    ["xlsx-truncated.xlsx", half(sample("xlsx", "xlsx")), /corrupt or truncated ZIP: no end-of-central-directory record/],
    ["xlsx-encrypted.xlsx", ole("EncryptedPackage"), /encrypted \(password-protected\) Office document/],
    ["xlsx-oversized.xlsx", await oversizedXlsx(), /sheet 表1 holds more than 500,000 cells counting merged ranges by their area \(limit maxSheetCells\)/],
    // A bomb in a part the workbook reads (a part it never names is never inflated, so costs nothing).
    ["xlsx-bomb.xlsx", xlsxPackage([{ name: "表1", xml: " ".repeat(20_000_000) }]), /zip bomb: member xl\/worksheets\/sheet1.xml inflates \d+× \(limit 200×\)/],
    ["docx-corrupt.docx", DOCX_PARTS(Buffer.from("\x00\x07binary junk where XML should be")), /corrupt DOCX: word\/document.xml does not end with <\/w:body><\/w:document>/],
    ["docx-truncated.docx", half(sample("docx", "docx")), /corrupt or truncated ZIP/],
    ["docx-encrypted.docx", ole("EncryptedPackage"), /encrypted \(password-protected\) Office document/],
    ["docx-oversized.docx", DOCX_PARTS(hugeDocxTable(), true), /the document holds more than 500,000 cells \(limit maxDocumentCells\)/],
    ["docx-bomb.docx", DOCX_PARTS(Buffer.concat([Buffer.from("<w:document><w:body>"), whitespace(20_000_000), Buffer.from("</w:body></w:document>")])), /zip bomb: member word\/document.xml inflates/],
    ["html-corrupt.html", Buffer.concat([Buffer.from("<html><body>"), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256))]), /HTML page with no tables/],
    ["html-truncated.html", half(sample("html", "html")), /truncated HTML: 1 of \d+ tables never closed/],
    ["html-oversized.html", Buffer.from(`<html><body><table>${`<tr><td colspan="1000">x</td></tr>`.repeat(1001)}</table></body></html>`), /the document holds more than 500,000 cells \(limit maxDocumentCells\)/],
    ["zip-corrupt.zip", Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(3000, 0x33)]), /corrupt or truncated ZIP: no end-of-central-directory record/],
    ["zip-truncated.zip", half(sample("zip", "zip")), /corrupt or truncated ZIP/],
    ["zip-encrypted.zip", writeZip([{ name: "表.html", data: Buffer.from("<table></table>"), flags: 0x801 }]), /encrypted ZIP member 表.html/],
    ["zip-oversized.zip", writeZip([{ name: "big.xlsx", data: Buffer.from("x"), store: true, declaredSize: 300 * 2 ** 20 }]), /ZIP member big.xlsx declares 300 MiB, more than the limit of 200 MiB \(maxEntryBytes\)/],
    ["zip-bomb.zip", writeZip([{ name: "bomb.html", data: whitespace(20_000_000) }]), /zip bomb: member bomb.html inflates \d+×/],
    ["zip-traversal.zip", writeZip([{ name: "../../evil.html", data: Buffer.from("<table></table>") }]), /unsafe ZIP member path "..\/..\/evil.html"/],
    ["xls-corrupt.xls", ole("Workbook"), lo],
    ["xls-truncated.xls", half(sample("xls", "xls")), /OLE2 compound file with no Excel \(Workbook\) or Word \(WordDocument\) stream|LibreOffice/],
    ["doc-corrupt.doc", ole("WordDocument"), lo],
  ];
}

test("broken inputs of every format: one clear stderr line each, the good file still done", { timeout: 300_000 }, async (t) => {
  const tmp = await mkdtemp(path.join(tmpdir(), "formats-malformed-"));
  t.after(() => rm(tmp, { recursive: true, force: true }));
  const inputs = await brokenInputs();
  for (const [name, bytes] of inputs) await writeFile(path.join(tmp, name), bytes);
  const good = path.join(tmp, "good.xlsx");
  await writeFile(good, sample("xlsx", "xlsx"));
  const out = path.join(tmp, "out");
  const files = [...inputs.map(([name]) => path.join(tmp, name)), good];
  const run = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_NODE_ARGS, "lines", "--out", out, ...files], { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
  const lines = run.stderr.split("\n").filter((l) => l.trim() !== "");
  assert.equal(run.code, 1);
  for (const [name, , reason] of inputs) {
    const mine = lines.filter((l) => l.startsWith(`${path.join(tmp, name)}: `));
    assert.equal(mine.length, 1, `${name}: exactly one line (got ${mine.length}):\n${run.stderr}`);
    assert.match(mine[0]!, reason, name);
  }
  assert.equal(lines.length, inputs.length, `no other stderr lines:\n${run.stderr}`);
  assert.ok(existsSync(path.join(out, "good.csv")), "the good file is still written");
  assert.ok(readFileSync(path.join(out, "good.csv"), "utf8").split("\n").length > 100);
});
