// The limits as the readers enforce them while they read: the document's deadline (a
// cooperative watchdog inside their loops), cells with merged ranges by area, rows,
// nesting, text; spans clipped; large inputs read in loops (no spread, no recursion); and
// what the readers note instead of failing: charsets repaired, sheets missing or hidden,
// members listed twice.
import { test } from "node:test";
import assert from "node:assert/strict";
import iconv from "iconv-lite";
import { LimitError, ReadBudget } from "../extract/readers/read-budget.ts";
import { DEFAULT_READER_LIMITS, type ReaderLimits } from "../extract/readers/limits.ts";
import { readHtml } from "../extract/readers/html-reader.ts";
import { readXlsx } from "../extract/readers/xlsx-reader.ts";
import { readDocx } from "../extract/readers/docx-reader.ts";
import { sheetTables } from "../extract/readers/sheet-tables.ts";
import { placeRows, spanTable } from "../extract/readers/span-grid.ts";
import { scanXml, decodeEntities } from "../extract/readers/xml-scanner.ts";
import { archiveMembers, PackageParts, ZipReader } from "../extract/readers/zip-archive.ts";
import { decodeHtml } from "../extract/formats/html-charset.ts";
import { tableGrid } from "../extract/table-ir.ts";
import { writeZip } from "../samples/generate/formats/zip-write.ts";
import { BUDGET_TABLE, budgetSheetRows, docxPackage, htmlPage, sheetXml, xlsxPackage } from "./hostile-inputs.ts";

const limits = (o: Partial<ReaderLimits>) => ({ ...DEFAULT_READER_LIMITS, ...o });
/** A clock that moves one second at every look. */
const ticking = () => { let t = 0; return () => (t += 1000); };

test("the deadline: checked inside the readers' loops, the document fails naming the limit", async () => {
  const budget = new ReadBudget(limits({ maxSecondsPerDocument: 5 }), ticking());
  assert.throws(() => { for (let i = 0; i < 10; i++) budget.checkTime("row 3"); },
    (e: unknown) => e instanceof LimitError && e.limit === "maxSecondsPerDocument" && /^reading took longer than 5 s \(limit maxSecondsPerDocument\), stopped while reading row 3$/.test(e.message));
  // Each reader gives up at its deadline instead of running on: 20 s allowed, the clock moving 1 s a look.
  const long = htmlPage("", `<table>${"<tr><td>201</td><td>x</td><td>1.00</td></tr>".repeat(40_000)}</table>`);
  assert.throws(() => readHtml(Buffer.from(long), new ReadBudget(limits({ maxSecondsPerDocument: 20 }), ticking())), /limit maxSecondsPerDocument/);
  const rows = Array.from({ length: 30_000 }, (_, r) => [r, r + 1, r + 2]);
  await assert.rejects(readXlsx(xlsxPackage([{ name: "表1", xml: sheetXml(rows) }]), new ReadBudget(limits({ maxSecondsPerDocument: 20 }), ticking())), /limit maxSecondsPerDocument/);
  const paragraphs = "<w:p><w:r><w:t>x</w:t></w:r></w:p>".repeat(40_000);
  assert.throws(() => readDocx(docxPackage(paragraphs, true), new ReadBudget(limits({ maxSecondsPerDocument: 20 }), ticking())), /limit maxSecondsPerDocument/);
});

test("cells count merged ranges by area, the document's cells and text have their own limits, rows and nesting too", async () => {
  const merged = xlsxPackage([{ name: "表1", xml: sheetXml([["标题"]], ["A1:Z1000"]) }]);
  await assert.rejects(readXlsx(merged, new ReadBudget(limits({ maxSheetCells: 20_000 }))), /表1 holds more than 20,000 cells counting merged ranges by their area \(limit maxSheetCells\), passed at merged range A1:Z1000 \(26,000 cells\)/);
  const read = await readXlsx(merged, new ReadBudget(limits({ maxSheetCells: 30_000 })));
  assert.deepEqual([read.tables.length, read.notes], [0, []]);
  const budget = new ReadBudget(limits({ maxDocumentCells: 10, maxDocumentChars: 100 }));
  budget.addCells(10, "table 1");
  assert.throws(() => budget.addCells(1, "table 2"), /^LimitError: the document holds more than 10 cells \(limit maxDocumentCells\), reached in table 2$/);
  budget.addText(100, "page 1");
  assert.throws(() => budget.addText(1, "page 2"), /more than 100 characters of text \(limit maxDocumentChars\), reached in page 2/);
  assert.throws(() => new ReadBudget().checkTableGrid(60_000, 2, "table 4"), /^LimitError: table 4 has 60,000 rows, more than the limit of 50,000 \(maxRows\)$/);
  assert.throws(() => new ReadBudget().checkTableGrid(1000, 1000, "table 4"), /table 4 spans 1,000×1,000 cells, more than the limit of 500,000 \(maxTableCells\)/);
  assert.throws(() => readHtml(Buffer.from(`${"<div>".repeat(101)}x`), new ReadBudget(limits({ maxNestingDepth: 100 }))), /HTML nests elements more than 100 deep \(limit maxNestingDepth\)/);
});

test("spans are clipped to maxSpan; a grid past its limit is refused before it is built", () => {
  const budget = new ReadBudget(limits({ maxSpan: 3 }));
  const cells = placeRows([[{ text: "标题", rowSpan: 1, colSpan: 1000 }], [{ text: "a", rowSpan: 1, colSpan: 1 }]], budget, "t");
  assert.deepEqual(cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]), [[0, 0, 1, 3], [1, 0, 1, 1]]);
  const t = spanTable(cells, 1, "html", [], budget);
  assert.deepEqual(tableGrid(t), [["标题", "标题", "标题"], ["a", "", ""]]);
  assert.throws(() => spanTable([{ row: 0, col: 0, rowSpan: 1, colSpan: 1, text: "x" }, { row: 9_999, col: 999, rowSpan: 1, colSpan: 1, text: "y" }], 1, "html", [], new ReadBudget()),
    /table 1 spans 10,000×1,000 cells, more than the limit of 500,000 \(maxTableCells\)/);
});

test("a sheet of 150,000 cells is split into tables in loops (no argument spread, no recursion)", () => {
  const cells = [];
  for (let r = 0; r < 50_000; r++) for (let c = 0; c < 3; c++) cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, text: String(r * 3 + c) });
  const { tables } = sheetTables(cells, 1, new ReadBudget());
  assert.equal(tables.length, 1);
  assert.deepEqual([tables[0]!.nRows, tables[0]!.nCols, tables[0]!.cells.length], [50_000, 3, 150_000]);
});

test("the XML scanner: entities and CDATA decoded, no DOCTYPE, nesting counted, a cut-off tag named", () => {
  const seen: string[] = [];
  scanXml(Buffer.from(`<?xml version="1.0"?><a x="1&amp;2"><b>&lt;&#x5408;&#35745;&gt;</b><![CDATA[<raw>]]><!-- no --><c/></a>`), "p.xml", new ReadBudget(), {
    open: (name, attrs, selfClosing) => seen.push(`open ${name} ${JSON.stringify(attrs())}${selfClosing ? " /" : ""}`),
    close: (name) => seen.push(`close ${name}`),
    text: (t) => seen.push(`text ${t}`),
  });
  assert.deepEqual(seen, ['open a {"x":"1&2"}', "open b {}", "text <合计>", "close b", "text <raw>", "open c {} /", "close c", "close a"]);
  assert.throws(() => scanXml(Buffer.from(`<!DOCTYPE x [<!ENTITY e "e">]><x/>`), "p.xml", new ReadBudget(), {}), /p.xml declares a DOCTYPE/);
  assert.throws(() => scanXml(Buffer.from("<a><b"), "p.xml", new ReadBudget(), {}), /corrupt XML in p.xml: a tag is cut off at byte 3/);
  assert.throws(() => scanXml(Buffer.from("<a>".repeat(51)), "p.xml", new ReadBudget(limits({ maxNestingDepth: 50 })), {}), /p.xml nests elements more than 50 deep/);
  assert.equal(decodeEntities("&unknown; &#0; &amp;"), "&unknown; &#0; &");
});

test("charset by validity: a UTF-8 claim on GBK bytes is corrected and noted, UTF-16 found without a BOM", () => {
  const page = htmlPage("", BUDGET_TABLE);
  const gbk = iconv.encode(page, "gbk");
  const behindBom = decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk]));
  assert.deepEqual([behindBom.text, behindBom.charset], [page, "gb18030"]);
  assert.match(behindBom.note!, /UTF-8 byte-order mark on bytes that are not valid UTF-8; read as GB18030/);
  assert.equal(decodeHtml(gbk, "text/html; charset=utf-8").note, "charset: declared UTF-8 (by the Content-Type header) but the bytes are not valid UTF-8; read as GB18030 (GBK)");
  const utf8Declared = decodeHtml(Buffer.from(page.replace("<head>", '<head><meta charset="gb2312">')));
  assert.deepEqual([utf8Declared.charset, utf8Declared.note], ["utf8", "charset: declared GBK (by the <meta>) but the bytes are valid UTF-8; read as UTF-8"]);
  assert.deepEqual(decodeHtml(iconv.encode(page, "utf16-be")), { text: page, charset: "utf-16be", from: "detected" });
  assert.deepEqual(decodeHtml(Buffer.from(page)), { text: page, charset: "utf8", from: "detected" });
  // The reader passes the note on with what it read.
  const read = readHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk]));
  assert.equal(read.tables.length, 1);
  assert.match(read.notes[0]!, /read as GB18030/);
});

test("XLSX read from its parts: formats, dates, shared strings without phonetics, hidden and missing sheets noted", async () => {
  const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>1081.1</v></c><c r="C1" s="2"><v>45292</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#DIV/0!</v></c></row>
    <row r="2"><c t="inlineStr"><is><t>行</t></is></c><c><v>2</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A3:B4"/></mergeCells></worksheet>`;
  const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
  const strings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>合</t></r><r><t>计</t></r><rPh><t>ごうけい</t></rPh></si></sst>`;
  const book = xlsxPackage([{ name: "表1", xml: sheet }, { name: "隐藏", xml: sheetXml([["x"]]), hidden: true }, { name: "缺失" }], {
    extra: [{ name: "xl/styles.xml", data: Buffer.from(styles) }, { name: "xl/sharedStrings.xml", data: Buffer.from(strings) }],
  });
  // The workbook's relationships name the styles and strings parts only when told: add them.
  const withRels = writeZip([...new ZipReader(book).entries.map((e) => ({ name: e.name, data: new ZipReader(book).inflate(e) }))
    .map((m) => m.name === "xl/_rels/workbook.xml.rels" ? { ...m, data: Buffer.from(m.data.toString().replace("</Relationships>", '<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')) } : m)]);
  const read = await readXlsx(withRels);
  assert.equal(read.pageCount, 3);
  assert.deepEqual(read.notes, ["sheet 隐藏 is hidden: not read", "sheet 缺失: its part xl/worksheets/sheet3.xml is missing from the workbook: not read"]);
  const t = read.tables[0]!;
  assert.deepEqual(tableGrid(t), [["合计", "1,081.10", "2024-01-01", "TRUE", "#DIV/0!"], ["行", "2", "", "", ""]]);
});

test("ZIP members of one name: all read, named apart, noted; in a package such a part is refused", () => {
  const zip = writeZip([{ name: "表.html", data: Buffer.from("a") }, { name: "b.html", data: Buffer.from("b") }, { name: "表.html", data: Buffer.from("c") }, { name: "__MACOSX/x", data: Buffer.from("d") }]);
  const { members, notes } = archiveMembers(new ZipReader(zip), (n) => n.startsWith("__MACOSX/"));
  assert.deepEqual(members.map((m) => m.name), ["b.html", "表.html", "表.html (copy 2)"]);
  assert.match(notes[0]!, /^duplicate member names: the archive lists 表.html 2 times/);
  const pkg = new PackageParts(writeZip([{ name: "word/document.xml", data: Buffer.from("1") }, { name: "word/document.xml", data: Buffer.from("2") }]));
  assert.throws(() => pkg.get("word/document.xml"), /corrupt package: part word\/document.xml is listed 2 times/);
});

test("sheet rows of a budget table read as one table with its title lines", async () => {
  const read = await readXlsx(xlsxPackage([{ name: "表1", xml: sheetXml(budgetSheetRows()) }]));
  assert.equal(read.tables.length, 1);
  assert.deepEqual(read.tables[0]!.before, ["一般公共预算支出表", "单位：万元"]);
  assert.deepEqual(read.notes, []);
});
