// The pieces of the non-PDF readers on hand-made inputs: number formats, format
// sniffing by bytes, HTML/Word span placement, the sheet splitter, ZIP limits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatNumber } from "../extract/readers/number-format.ts";
import { readableFormat } from "../extract/formats/format-registry.ts";
import { ReadBudget } from "../extract/readers/read-budget.ts";
import { DEFAULT_READER_LIMITS } from "../extract/readers/limits.ts";
import { oleWithStream } from "./hostile-inputs.ts";
import { readHtml } from "../extract/readers/html-reader.ts";
import { sheetTables } from "../extract/readers/sheet-tables.ts";
import { readZip } from "../extract/readers/zip-archive.ts";
import { crossCheck, rank } from "../transform/renditions.ts";
import { tableGrid } from "../extract/table-ir.ts";
import { writeZip } from "../samples/generate/formats/zip-write.ts";

test("number formats: as Excel displays them", () => {
  const cases: Array<[number, string | undefined, string]> = [
    [1081.1, "#,##0.00", "1,081.10"], [12186500, "#,##0.00", "12,186,500.00"], [12186500, "0.00", "12186500.00"],
    [19.2, "General", "19.2"], [5, undefined, "5"], [0.1 + 0.2, "General", "0.3"], [1.005, "0.00", "1.01"],
    [0, '_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-', "-"], [-3.5, "#,##0.00;[Red]-#,##0.00", "-3.50"],
    [-3.5, "#,##0.00", "-3.50"], [0.125, "0.0%", "12.5%"], [1234.5, '#,##0.0"元"', "1,234.5元"], [42, "#,##0", "42"],
  ];
  for (const [v, f, want] of cases) assert.equal(formatNumber(v, f), want, `${v} under ${f}`);
});

test("sniffing goes by bytes: PDF, HTML, ZIP, XLSX/DOCX packages, OLE2 Word/Excel/encrypted, unknown", () => {
  assert.equal(readableFormat(Buffer.from("junk\n%PDF-1.7\n")), "pdf");
  assert.equal(readableFormat(Buffer.from("\ufeff  <!DOCTYPE html><html>")), "html");
  assert.equal(readableFormat(Buffer.from("<table><tr><td>1</td></tr></table>")), "html");
  assert.equal(readableFormat(writeZip([{ name: "a.txt", data: Buffer.from("x") }])), "zip");
  assert.equal(readableFormat(writeZip([{ name: "xl/workbook.xml", data: Buffer.from("<w/>") }])), "xlsx");
  assert.equal(readableFormat(writeZip([{ name: "word/document.xml", data: Buffer.from("<w/>") }])), "docx");
  assert.equal(readableFormat(oleWithStream("WordDocument")), "doc");
  assert.equal(readableFormat(oleWithStream("Workbook")), "xls");
  assert.throws(() => readableFormat(oleWithStream("EncryptedPackage")), /encrypted \(password-protected\) Office document/);
  assert.throws(() => readableFormat(Buffer.from("Rar!\x1a\x07\x00")), /RAR archive: not read/);
  assert.throws(() => readableFormat(Buffer.from("{\"code\": 403}")), /unrecognised format \(JSON/);
  assert.throws(() => readableFormat(new Uint8Array()), /empty file/);
});

test("HTML: rowspan/colspan placed as the HTML table model does; paragraphs before a table are its before lines", () => {
  const html = `<html><body><h2>2024年部门支出预算表</h2><p>单位：万元</p><table>
    <tr><th rowspan="2">科目编码</th><th rowspan="2">科目名称</th><th colspan="3">本年支出</th></tr>
    <tr><th>合计</th><th>基本支出</th><th>项目支出</th></tr>
    <tr><td>208</td><td>社会保障和<br>就业支出</td><td>1,081.10</td><td>1,000.00</td><td>81.10</td></tr>
  </table><p>注：本表无数据。</p></body></html>`;
  const { tables } = readHtml(Buffer.from(html));
  assert.equal(tables.length, 1);
  const t = tables[0]!;
  assert.deepEqual(t.before, ["2024年部门支出预算表", "单位：万元"]);
  assert.deepEqual(t.after, ["注：本表无数据。"]);
  assert.deepEqual([t.nRows, t.nCols, t.method], [3, 5, "html"]);
  assert.deepEqual(tableGrid(t), [
    ["科目编码", "科目名称", "本年支出", "本年支出", "本年支出"],
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["208", "社会保障和\n就业支出", "1,081.10", "1,000.00", "81.10"],
  ]);
  assert.deepEqual(t.cells.find((c) => c.text === "本年支出")!.bbox, [2, 0, 5, 1], "synthetic bbox [col, row, col+span, row+span]");
});

test("HTML in GBK: decoded by its meta charset", () => {
  const gbk = Buffer.concat([Buffer.from('<html><head><meta charset="gbk"></head><body><table><tr><td>'), Buffer.from([0xba, 0xcf, 0xbc, 0xc6]), Buffer.from("</td><td>1</td></tr></table></body></html>")]);
  assert.equal(readHtml(gbk).tables[0]!.cells[0]!.text, "合计");
});

test("sheet splitter: label, merged title and unit row before the table; a merged note after it", () => {
  const c = (row: number, col: number, text: string, colSpan = 1, rowSpan = 1) => ({ row, col, text, colSpan, rowSpan });
  const { tables, lines } = sheetTables([
    c(0, 0, "预算02表"), c(1, 0, "2024年收支总表", 4), c(2, 0, "编制单位：某局", 2), c(2, 2, "单位：万元", 2),
    c(3, 0, "项目", 1, 2), c(3, 1, "金额", 3), c(4, 1, "合计"), c(4, 2, "基本"), c(4, 3, "项目"),
    c(5, 0, "合计"), c(5, 1, "10.00"), c(5, 2, "6.00"), c(5, 3, "4.00"), c(6, 0, "其中：无"),
    c(7, 0, "注：数据为预算数。", 4),
  ], 2, new ReadBudget());
  assert.equal(tables.length, 1);
  const t = tables[0]!;
  assert.deepEqual(t.before, ["预算02表", "2024年收支总表", "编制单位：某局 单位：万元"]);
  assert.deepEqual(t.after, ["注：数据为预算数。"]);
  assert.deepEqual([t.nRows, t.nCols, t.page, t.method], [4, 4, 2, "spreadsheet"]);
  assert.deepEqual(tableGrid(t)[3], ["其中：无", "", "", ""], "a lone name inside the table stays a row of it");
  assert.equal(lines.length, 4);
});

test("ZIP: members inflated, GBK names, traversal and bombs refused", () => {
  const ok = readZip(writeZip([{ name: "预算/表1.html", data: Buffer.from("<table></table>") }]));
  assert.deepEqual([...ok.keys()], ["预算/表1.html"]);
  assert.throws(() => readZip(writeZip([{ name: "../../etc/passwd", data: Buffer.from("x") }])), /unsafe ZIP member path "..\/..\/etc\/passwd"/);
  assert.throws(() => readZip(writeZip([{ name: "big.xml", data: Buffer.alloc(5_000_000) }])), /zip bomb: member big.xml inflates \d+× \(limit 200×\)/);
  // A member that lies about its size: stopped while inflating, not trusted.
  const liar = writeZip([{ name: "liar.xml", data: Buffer.alloc(5_000_000), declaredSize: 10 }]);
  assert.throws(() => readZip(liar, { ...limitsSmall }), /zip bomb: member liar.xml inflates past/);
});
const limitsSmall = { ...DEFAULT_READER_LIMITS, maxZipEntries: 10, maxEntryBytes: 1_000_000, maxTotalUnzippedBytes: 2_000_000, maxCompressionRatio: 1e9 };

test("renditions: XLSX > HTML > DOCX > PDF > OCR; cross-check counts agreement by key and amount", () => {
  assert.ok(rank("xlsx", false) < rank("html", false) && rank("html", false) < rank("docx", false) && rank("docx", false) < rank("pdf", false) && rank("pdf", false) < rank("pdf", true));
  const i = (code: string, amount: string) => ({ table: "expenditure", code, measure: "total", amount });
  const r = crossCheck([i("", "10.00"), i("208", "6"), i("209", "4")], [i("", "10"), i("208", "8"), i("210", "1")]);
  assert.deepEqual(r, { agree: 1, disagree: 1, differ: ["expenditure|208|total 6≠8"], missing: 1, extra: 1 });
});
