// Hostile and broken inputs of every format, generated (nothing committed), each with the
// outcome a reader must give: fail with a specific reason (the limit or damage named), or
// read — yielding line items, or yielding none and saying why in its notes. Used by
// test/formats-hostile.test.ts (through `lines`, each case's peak RSS measured in
// test/reliability/malformed-memory.test.ts) and test/reliability/malformed-corpus.ts (through
// `run`). As a script it writes them out, for measuring by hand:
//
//     npx tsx test/hostile-inputs.ts --out DIR [NAME...]
import { createDeflate, deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import iconv from "iconv-lite";
import { writeZip, type ZipMember } from "../samples/generate/formats/zip-write.ts";
import { encryption, type EncryptionMethod } from "./hostile-pdf-encryption.ts";

export type HostileExpectation =
  /** `lines` fails the file with one stderr line matching `reason`. */
  | { fails: RegExp }
  /** Read: at least `minItems` line items; `notes` (when given) must match one of the extract's notes. */
  | { minItems: number; notes?: RegExp }
  /** Read but yields nothing: its notes say why. */
  | { noItems: RegExp };

export interface HostileCase {
  /** File name, extension as a portal would name it. */
  name: string;
  /** What it is, for the report's table. */
  what: string;
  bytes: () => Promise<Buffer> | Buffer;
  expect: HostileExpectation;
  /** Seconds of work even when refused (it must be read that far): left out of the `run` corpus, measured one by one. */
  heavy?: boolean;
}

const MiB = 2 ** 20;

/** What an internal failure looks like: never acceptable as a document's reason. */
export const RAW_INTERNAL_ERROR = /Cannot read propert|Maximum call stack|is not a function|is not iterable|Invalid array length|Invalid string length|out of memory|undefined|\[object /;

// --- HTML -------------------------------------------------------------------------------------
export const BUDGET_TABLE = `<h2>一般公共预算支出表</h2><p>单位：万元</p><table border="1">
<tr><th>功能分类科目编码</th><th>科目名称</th><th>合计</th><th>基本支出</th><th>项目支出</th></tr>
<tr><td>201</td><td>一般公共服务支出</td><td>100.00</td><td>60.00</td><td>40.00</td></tr>
<tr><td>20101</td><td>人大事务</td><td>100.00</td><td>60.00</td><td>40.00</td></tr>
<tr><td>2010101</td><td>行政运行</td><td>70.00</td><td>50.00</td><td>20.00</td></tr>
<tr><td>2010102</td><td>一般行政管理事务</td><td>30.00</td><td>10.00</td><td>20.00</td></tr>
<tr><td></td><td>合计</td><td>100.00</td><td>60.00</td><td>40.00</td></tr></table>`;
/** Line items BUDGET_TABLE yields: 5 rows × 3 measures. */
export const BUDGET_TABLE_ITEMS = 15;
export const htmlPage = (head: string, body: string) =>
  `<!DOCTYPE html><html><head>${head}<title>某县财政局2024年部门预算</title></head><body><h1>某县财政局2024年部门预算</h1>${body}</body></html>`;

/** A 一般公共预算支出表 of `rows` coded rows (7-digit 项 codes), as HTML. */
function longBudgetTable(rows: number): string {
  const body: string[] = [];
  for (let i = 0; i < rows; i++) body.push(`<tr><td>${2010101 + (i % 90)}</td><td>项目${i}</td><td>${(i + 1).toFixed(2)}</td><td>${(i / 2).toFixed(2)}</td><td>${(i / 2 + 1).toFixed(2)}</td></tr>`);
  return `<h2>一般公共预算支出表</h2><p>单位：万元</p><table><tr><th>功能分类科目编码</th><th>科目名称</th><th>合计</th><th>基本支出</th><th>项目支出</th></tr>${body.join("")}</table>`;
}

// --- OOXML ------------------------------------------------------------------------------------
const SHEET_NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const rels = (list: Array<[string, string, string]>) =>
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${target}"/>`).join("")}</Relationships>`;

interface SheetSpec { name: string; xml?: string; hidden?: boolean }

/** An XLSX package: the sheets in order (a sheet without xml has its part missing), optional shared strings. */
export function xlsxPackage(sheets: SheetSpec[], o: { sharedStrings?: string[]; extra?: ZipMember[]; store?: boolean } = {}): Buffer {
  const members: ZipMember[] = [
    { name: "[Content_Types].xml", data: Buffer.from(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`) },
    { name: "_rels/.rels", data: Buffer.from(rels([["rId1", "officeDocument", "xl/workbook.xml"]])) },
    { name: "xl/workbook.xml", data: Buffer.from(`<workbook ${SHEET_NS} xmlns:r="${REL_NS}"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.hidden ? ` state="hidden"` : ""}/>`).join("")}</sheets></workbook>`) },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: Buffer.from(rels([...sheets.map((_, i): [string, string, string] => [`rId${i + 1}`, "worksheet", `worksheets/sheet${i + 1}.xml`]), ...(o.sharedStrings ? [["rIdS", "sharedStrings", "sharedStrings.xml"] as [string, string, string]] : [])])),
    },
  ];
  sheets.forEach((s, i) => { if (s.xml !== undefined) members.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(s.xml), store: o.store }); });
  if (o.sharedStrings) members.push({ name: "xl/sharedStrings.xml", data: Buffer.from(`<sst ${SHEET_NS}>${o.sharedStrings.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`) });
  return writeZip([...members, ...(o.extra ?? [])]);
}

/** `n` texts of `length` letters that do not compress away (so no zip-bomb ratio trips first). */
function pseudoRandomTexts(n: number, length: number): string[] {
  let x = 12345;
  const out: string[] = [];
  const buf = Buffer.alloc(length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < length; k++) { x = (x * 1103515245 + 12345) & 0x7fffffff; buf[k] = 97 + ((x >> 16) % 26); }
    out.push(buf.toString("latin1"));
  }
  return out;
}

const cellRef = (row: number, col: number) => `${String.fromCharCode(65 + col)}${row + 1}`;
/** Sheet XML with inline strings and numbers; `merges` as A1:B2 ranges. */
export function sheetXml(rows: Array<Array<string | number>>, merges: string[] = [], extra = ""): string {
  const body = rows.map((r, i) => `<row r="${i + 1}">${r.map((v, j) => v === "" ? "" : typeof v === "number"
    ? `<c r="${cellRef(i, j)}"><v>${v}</v></c>`
    : `<c r="${cellRef(i, j)}" t="inlineStr"><is><t>${v}</t></is></c>`).join("")}</row>`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet ${SHEET_NS}>${extra}<sheetData>${body}</sheetData>${merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : ""}</worksheet>`;
}

/** The budget table as sheet rows: title, unit, header, body, total. */
export function budgetSheetRows(bodyRows = 4): Array<Array<string | number>> {
  const codes = [201, 20101, 2010101, 2010102];
  const rows: Array<Array<string | number>> = [["一般公共预算支出表"], ["单位：万元"], ["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"]];
  for (let i = 0; i < bodyRows; i++) rows.push([String(codes[i % codes.length]! + (i >= codes.length ? 0 : 0)), `项目${i}`, 100 + i, 60, 40 + i]);
  rows.push(["", "合计", 100, 60, 40]);
  return rows;
}

const W_NS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`;
/** `store`: the part uncompressed, so that hostile XML reaches the reader rather than the zip-bomb ratio. */
export function docxPackage(bodyXml: string, store = false): Buffer {
  return writeZip([
    { name: "[Content_Types].xml", data: Buffer.from(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`) },
    { name: "word/document.xml", data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body>${bodyXml}</w:body></w:document>`), store },
  ]);
}
const wPara = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

// --- OLE2 -------------------------------------------------------------------------------------
/** A compound file whose directory names `stream` (a real directory entry, no content): what a damaged XLS/DOC/PPT looks like to a sniffer. */
export function oleWithStream(stream: string, tag = ""): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(9, 30); // 512-byte sectors
  const dir = Buffer.alloc(512);
  const name = Buffer.from(stream + "\0", "utf16le");
  name.copy(dir, 0);
  dir.writeUInt16LE(name.length, 64);
  dir[66] = 2; // a stream
  return Buffer.concat([header, dir, Buffer.alloc(2048, 0x5a), Buffer.from(tag)]);
}

// --- PDF --------------------------------------------------------------------------------------
type PdfObject = string | { dict: string; data: Buffer };

/** A PDF of the given objects (1-based; object 1 is the catalog), streams with their bytes as given. */
export function rawPdf(objects: PdfObject[], trailerExtra = ""): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let size = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(size);
    const body = typeof o === "string"
      ? Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, "latin1")
      : Buffer.concat([Buffer.from(`${i + 1} 0 obj\n${o.dict.replace(/>>\s*$/, ` /Length ${o.data.length} >>`)}\nstream\n`, "latin1"), o.data, Buffer.from("\nendstream\nendobj\n", "latin1")]);
    parts.push(body);
    size += body.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, "0")} 00000 n \n`).join("")}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${size}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}

/** One page (object 3) whose content is object 4; further objects follow. */
function onePagePdf(content: PdfObject, o: { mediaBox?: string; resources?: string; extra?: PdfObject[]; trailerExtra?: string } = {}): Buffer {
  return rawPdf([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [${o.mediaBox ?? "0 0 595 842"}] /Resources ${o.resources ?? "<< /Font << /F1 5 0 R >> >>"} /Contents 4 0 R >>`,
    content,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ...(o.extra ?? []),
  ], o.trailerExtra);
}

/** zlib data that inflates to `total` bytes of `fill`, made without holding them (a bomb of ~1/1000 its size). */
export async function deflatedRepeat(fill: number, total: number): Promise<Buffer> {
  const z = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  z.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((r) => z.on("end", r));
  const block = Buffer.alloc(MiB, fill);
  for (let left = total; left > 0; left -= MiB) {
    if (!z.write(left >= MiB ? block : block.subarray(0, left))) await new Promise((r) => z.once("drain", r));
  }
  z.end();
  await done;
  return Buffer.concat(out);
}

/** PDF LZW (9–12-bit codes, early change) of `data`, for the LZW bomb: a code is written as wide as the decoder will read it. */
export function lzwEncode(data: Buffer): Buffer {
  const widthFor = (next: number) => (next < 512 ? 9 : next < 1024 ? 10 : next < 2048 ? 11 : 12);
  const dict = new Map<number, number>(); // (prefix code << 8 | byte) → code
  const out: number[] = [];
  let acc = 0, nbits = 0, next = 258;
  const put = (code: number, width: number) => {
    acc = (acc * (1 << width)) + code; nbits += width;
    while (nbits >= 8) { out.push(Math.floor(acc / 2 ** (nbits - 8)) & 0xff); nbits -= 8; acc %= 2 ** nbits; }
  };
  put(256, 9);
  if (data.length === 0) { put(257, 9); return Buffer.from(out); }
  let w = data[0]!;
  for (let i = 1; i < data.length; i++) {
    const c = data[i]!;
    const known = dict.get(w * 256 + c);
    if (known !== undefined) { w = known; continue; }
    put(w, widthFor(next));
    if (next < 4094) dict.set(w * 256 + c, next++);
    else { put(256, widthFor(next)); dict.clear(); next = 258; }
    w = c;
  }
  put(w, widthFor(next));
  put(257, widthFor(next + 1));
  if (nbits > 0) out.push((acc * 2 ** (8 - nbits)) & 0xff);
  return Buffer.from(out);
}

/** A one-page PDF encrypted with `method` and an empty user password; its content stream `content` (already filtered) encrypted too. */
export function encryptedPdf(content: Buffer, filter: string, method: EncryptionMethod = "rc4-40"): Buffer {
  const e = encryption(method);
  return onePagePdf({ dict: `<< ${filter ? `/Filter ${filter}` : ""} >>`, data: e.encrypt(4, content) }, { extra: [e.dict], trailerExtra: `/Encrypt 6 0 R ${e.id}` });
}

/** A page painting form 1, each form k painting form k+1 twice: 2^depth paints, no form referring to itself. */
function formChainPdf(depth: number): Buffer {
  const forms: PdfObject[] = Array.from({ length: depth }, (_, k) => k + 1 < depth
    ? { dict: `<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 0 R >> >> >>`.replace("/X 0 R", `/X ${7 + k} 0 R`), data: Buffer.from("0 0 m 10 0 l S /X Do /X Do") }
    : { dict: "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] >>", data: Buffer.from("0 0 m 10 0 l S") });
  return onePagePdf({ dict: "<< >>", data: Buffer.from(`${textOps(["Table 1.00"])}\n/X Do`) }, { resources: "<< /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >>", extra: forms });
}

/** One page ruled by `n` + 1 horizontal and vertical lines `step` apart. */
function gridPdf(n: number, step: number): Buffer {
  const size = n * step;
  const ops = ["0.1 w", textOps(["Table 1.00"], 10, size - 20)];
  for (let i = 0; i <= n; i++) ops.push(`0 ${i * step} m ${size} ${i * step} l S`, `${i * step} 0 m ${i * step} ${size} l S`);
  return onePagePdf({ dict: "<< >>", data: Buffer.from(ops.join("\n")) }, { mediaBox: `0 0 ${size} ${size}` });
}

/** Text drawn with Helvetica: `lines` of text at y from the top. */
const textOps = (lines: string[], x = 72, top = 780) => lines.map((t, i) => `BT /F1 10 Tf ${x} ${top - 14 * i} Td (${t}) Tj ET`).join("\n");

// --- The cases --------------------------------------------------------------------------------
export function hostileInputs(): HostileCase[] {
  const utf8 = (s: string) => Buffer.from(s, "utf8");
  const good = htmlPage(`<meta charset="utf-8">`, BUDGET_TABLE);
  return [
    // Spreadsheets
    { name: "xlsx-merge-whole-sheet.xlsx", what: "one merged range over the whole sheet (A1:XFD1048576)", bytes: () => xlsxPackage([{ name: "表1", xml: sheetXml([["一般公共预算支出表"]], ["A1:XFD1048576"]) }]), expect: { fails: /more than 500,000 cells counting merged ranges by their area \(limit maxSheetCells\), passed at merged range A1:XFD1048576/ } },
    { name: "xlsx-merges-piled.xlsx", heavy: true, what: "20,000 merged ranges of 100 cells each (2 M cells by area)", bytes: () => xlsxPackage([{ name: "表1", xml: sheetXml([["x"]], Array.from({ length: 20_000 }, (_, i) => `A${i * 10 + 2}:J${i * 10 + 11}`)) }]), expect: { fails: /limit max(Sheet|Document)Cells/ } },
    { name: "xlsx-65536-rows.xlsx", heavy: true, what: "65,536 rows × 8 cells", bytes: () => xlsxPackage([{ name: "表1", xml: sheetXml(Array.from({ length: 65_536 }, (_, r) => Array.from({ length: 8 }, (_, c) => r * 8 + c))) }]), expect: { fails: /more than 50,000 rows \(limit maxRows\)/ } },
    { name: "xlsx-bad-shared-string.xlsx", what: "a cell pointing at shared string 999 of 2", bytes: () => xlsxPackage([{ name: "表1", xml: `<worksheet ${SHEET_NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>999</v></c></row></sheetData></worksheet>` }], { sharedStrings: ["合计", "100"] }), expect: { fails: /corrupt XLSX: sheet 表1 cell B1 refers to shared string 999, and the workbook has 2/ } },
    { name: "xlsx-missing-sheet-part.xlsx", what: "two sheets listed, the second's part missing", bytes: () => xlsxPackage([{ name: "支出表", xml: sheetXml(budgetSheetRows()) }, { name: "收入表" }]), expect: { minItems: 15, notes: /sheet 收入表: its part xl\/worksheets\/sheet2.xml is missing/ } },
    { name: "xlsx-all-sheet-parts-missing.xlsx", what: "the only sheet's part missing", bytes: () => xlsxPackage([{ name: "支出表" }]), expect: { noItems: /is missing from the workbook/ } },
    { name: "xlsx-doctype.xlsx", what: "a sheet declaring a DOCTYPE with an external entity", bytes: () => xlsxPackage([{ name: "表1", xml: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet ${SHEET_NS}><sheetData/></worksheet>` }]), expect: { fails: /declares a DOCTYPE/ } },
    { name: "xlsx-deep-nesting.xlsx", what: "sheet XML nested 20,000 elements deep", bytes: () => xlsxPackage([{ name: "表1", xml: `<worksheet ${SHEET_NS}><sheetData/>${"<x>".repeat(20_000)}${"</x>".repeat(20_000)}</worksheet>` }], { store: true }), expect: { fails: /nests elements more than 10,000 deep \(limit maxNestingDepth\)/ } },
    { name: "xlsx-duplicate-part.xlsx", what: "the sheet part listed twice in the package", bytes: () => xlsxPackage([{ name: "表1", xml: sheetXml(budgetSheetRows()) }], { extra: [{ name: "xl/worksheets/sheet1.xml", data: utf8(sheetXml([["x"]])) }] }), expect: { fails: /part xl\/worksheets\/sheet1.xml is listed 2 times/ } },
    { name: "xlsx-text-flood.xlsx", heavy: true, what: "12,000 shared strings of 2,000 characters (24 M characters)", bytes: () => xlsxPackage([{ name: "表1", xml: sheetXml([["x"]]) }], { sharedStrings: pseudoRandomTexts(12_000, 2_000) }), expect: { fails: /more than 20,000,000 characters of text \(limit maxDocumentChars\)/ } },
    { name: "xlsx-narrative-only.xlsx", what: "a sheet of text lines, no table", bytes: () => xlsxPackage([{ name: "说明", xml: sheetXml([["部门预算编制说明"], ["一、部门职责"], ["二、机构设置"]]) }]), expect: { noItems: /no table found: 3 lines of text/ } },
    // HTML
    { name: "html-200000-rows.html", heavy: true, what: "a table of 200,000 rows", bytes: () => utf8(htmlPage("", longBudgetTable(200_000))), expect: { fails: /HTML table 1 has more than 50,000 rows \(limit maxRows\)/ } },
    { name: "html-40000-rows.html", heavy: true, what: "a budget table of 40,000 rows (within the limits: read in full)", bytes: () => utf8(htmlPage("", longBudgetTable(40_000))), expect: { minItems: 100_000 } },
    { name: "html-gbk-behind-utf8-bom.html", what: "GBK bytes behind a UTF-8 byte-order mark", bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(htmlPage("", BUDGET_TABLE), "gbk")]), expect: { minItems: BUDGET_TABLE_ITEMS, notes: /UTF-8 byte-order mark on bytes that are not valid UTF-8; read as GB18030/ } },
    { name: "html-gbk-declared-utf8.html", what: "GBK bytes declared UTF-8 by <meta>", bytes: () => iconv.encode(htmlPage(`<meta charset="utf-8">`, BUDGET_TABLE), "gbk"), expect: { minItems: BUDGET_TABLE_ITEMS, notes: /declared UTF-8 \(by the <meta>\) but the bytes are not valid UTF-8/ } },
    { name: "html-utf16le-bom.html", what: "UTF-16LE with a byte-order mark (Excel's web page)", bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(good, "utf16-le")]), expect: { minItems: BUDGET_TABLE_ITEMS } },
    { name: "html-utf16be-no-bom.html", what: "UTF-16BE without a byte-order mark", bytes: () => iconv.encode(good, "utf16-be"), expect: { minItems: BUDGET_TABLE_ITEMS } },
    { name: "html-saved-as.xls", what: "an HTML table served as .xls (a portal's Excel export)", bytes: () => utf8(`<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>${BUDGET_TABLE}</body></html>`), expect: { minItems: BUDGET_TABLE_ITEMS } },
    { name: "html-deep-divs.html", what: "the table inside 20,000 nested <div>", bytes: () => utf8(htmlPage("", `${"<div>".repeat(20_000)}${BUDGET_TABLE}${"</div>".repeat(20_000)}`)), expect: { fails: /HTML nests elements more than 10,000 deep \(limit maxNestingDepth\)/ } },
    { name: "html-nested-5000-divs.html", what: "the table inside 5,000 nested <div> (within the limit)", bytes: () => utf8(htmlPage("", `${"<div>".repeat(5_000)}${BUDGET_TABLE}${"</div>".repeat(5_000)}`)), expect: { minItems: BUDGET_TABLE_ITEMS } },
    { name: "html-stray-closing-tags.html", what: "5,000 open <span> then 200,000 unmatched </b>", bytes: () => utf8(htmlPage("", `${"<span>".repeat(5_000)}${"</b>".repeat(200_000)}${BUDGET_TABLE}`)), expect: { minItems: BUDGET_TABLE_ITEMS } },
    { name: "html-huge-spans.html", what: "1,000 cells of rowspan=1000 colspan=1000", bytes: () => utf8(htmlPage("", `<table><tr>${`<td rowspan="1000" colspan="1000">1</td>`.repeat(1000)}</tr>${"<tr><td>1</td></tr>".repeat(999)}</table>`)), expect: { fails: /limit max(TableCells|DocumentCells)/ } },
    { name: "html-tables-in-tables.html", what: "tables nested 20,000 deep", bytes: () => utf8(htmlPage("", `${"<table><tr><td>".repeat(20_000)}x${"</td></tr></table>".repeat(20_000)}`)), expect: { fails: /limit maxNestingDepth/ } },
    { name: "html-narrative-only.html", what: "a page of paragraphs, no table", bytes: () => utf8(htmlPage(`<meta charset="utf-8">`, "<p>部门预算编制说明</p><p>一、部门职责</p>")), expect: { fails: /HTML page with no tables/ } },
    // Word
    { name: "docx-huge-gridspan.docx", what: "1,001 rows of one cell spanning 1,000 grid columns", bytes: () => docxPackage(`<w:tbl>${`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p/></w:tc></w:tr>`.repeat(1001)}</w:tbl>`), expect: { fails: /limit max(TableCells|DocumentCells)/ } },
    { name: "docx-nested-tables.docx", what: "tables nested 20,000 deep in cells", bytes: () => docxPackage(`${"<w:tbl><w:tr><w:tc>".repeat(20_000)}<w:p/>${"</w:tc></w:tr></w:tbl>".repeat(20_000)}`, true), expect: { fails: /nests elements more than 10,000 deep/ } },
    { name: "docx-narrative-only.docx", what: "paragraphs only, no table", bytes: () => docxPackage(wPara("部门预算编制说明") + wPara("一、部门职责")), expect: { noItems: /no table found: 2 lines of text/ } },
    { name: "docx-doctype.docx", what: "document.xml declaring a DOCTYPE (billion laughs)", bytes: () => writeZip([{ name: "word/document.xml", data: utf8(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol"><!ENTITY l1 "&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;">]><w:document ${W_NS}><w:body>${wPara("&l1;")}</w:body></w:document>`), store: true }]), expect: { fails: /declares a DOCTYPE/ } },
    // Archives
    { name: "zip-duplicate-names.zip", what: "two members of one name (a document and an empty page)", bytes: () => writeZip([{ name: "预算表.html", data: utf8(good) }, { name: "预算表.html", data: utf8(htmlPage("", "<p>空</p>")) }]), expect: { minItems: BUDGET_TABLE_ITEMS, notes: /duplicate member names: the archive lists 预算表.html 2 times/ } },
    { name: "zip-duplicate-names-both-empty.zip", what: "two members of one name, neither holding a table", bytes: () => writeZip([{ name: "预算表.html", data: utf8(htmlPage("", "<p>空</p>")) }, { name: "预算表.html", data: utf8(htmlPage("", "<p>无</p>")) }]), expect: { fails: /ZIP holds no readable document .*duplicate member names/ } },
    { name: "zip-nested-2-deep.zip", what: "a ZIP in a ZIP in a ZIP (2 deep: within the limit)", bytes: () => writeZip([{ name: "a.zip", data: writeZip([{ name: "b.zip", data: writeZip([{ name: "t.html", data: utf8(good) }]) }]) }]), expect: { minItems: BUDGET_TABLE_ITEMS } },
    { name: "zip-nested-3-deep.zip", what: "ZIPs nested 3 deep", bytes: () => writeZip([{ name: "a.zip", data: writeZip([{ name: "b.zip", data: writeZip([{ name: "c.zip", data: writeZip([{ name: "t.html", data: utf8(good) }]) }]) }]) }]), expect: { fails: /ZIP nested more than 2 deep \(limit maxZipDepth\)/ } },
    { name: "zip-too-many-members.zip", what: "3,000 members", bytes: () => writeZip(Array.from({ length: 3000 }, (_, i) => ({ name: `m${i}.txt`, data: utf8("x"), store: true }))), expect: { fails: /ZIP lists 3000 members, more than the limit of 2000/ } },
    { name: "zip-rar-inside.zip", what: "a RAR archive inside a ZIP", bytes: () => writeZip([{ name: "表.rar", data: Buffer.concat([Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00]), Buffer.alloc(100)]) }]), expect: { fails: /RAR archive: not read/ } },
    // PDF
    { name: "pdf-content-bomb-800mib.pdf", what: "a 0.8 MB PDF whose content stream inflates to 800 MiB", bytes: async () => onePagePdf({ dict: "<< /Filter /FlateDecode >>", data: await deflatedRepeat(0x20, 800 * MiB) }), expect: { fails: /stream \(object 4 0\) inflates past 32 MiB \(limit maxStreamBytes\)/ } },
    { name: "pdf-double-flate-bomb.pdf", what: "a content stream deflated twice ([/FlateDecode /FlateDecode]) to 1 GiB", bytes: async () => onePagePdf({ dict: "<< /Filter [/FlateDecode /FlateDecode] >>", data: deflateSync(await deflatedRepeat(0x20, 1024 * MiB)) }), expect: { fails: /inflates past 32 MiB \(limit maxStreamBytes\)/ } },
    { name: "pdf-many-streams-bomb.pdf", heavy: true, what: "30 content streams of 30 MiB each (900 MiB together)", bytes: async () => { const one = await deflatedRepeat(0x20, 30 * MiB); return rawPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [${Array.from({ length: 30 }, (_, i) => `${i + 4} 0 R`).join(" ")}] >>`, ...Array.from({ length: 30 }, () => ({ dict: "<< /Filter /FlateDecode >>", data: one }))]); }, expect: { fails: /inflate past 512 MiB together \(limit maxDocumentStreamBytes\)/ } },
    { name: "pdf-font-bomb.pdf", what: "an embedded font program inflating to 400 MiB", bytes: async () => onePagePdf({ dict: "<< >>", data: Buffer.from(textOps(["budget 1.00"])) }, { resources: "<< /Font << /F1 6 0 R >> >>", extra: ["<< /Type /Font /Subtype /TrueType /BaseFont /Evil /FirstChar 32 /LastChar 126 /FontDescriptor 7 0 R >>", "<< /Type /FontDescriptor /FontName /Evil /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>", { dict: "<< /Filter /FlateDecode >>", data: await deflatedRepeat(0, 400 * MiB) }] }), expect: { fails: /stream \(object 8 0\) inflates past 32 MiB/ } },
    { name: "pdf-lzw-bomb.pdf", what: "an LZW content stream expanding 64 MiB of spaces", bytes: () => onePagePdf({ dict: "<< /Filter /LZWDecode >>", data: lzwEncode(Buffer.alloc(64 * MiB, 0x20)) }), expect: { fails: /inflates past 32 MiB \(limit maxStreamBytes\)/ } },
    { name: "pdf-encrypted-bomb.pdf", what: "an RC4-encrypted PDF (empty user password) whose content inflates to 800 MiB", bytes: async () => encryptedPdf(await deflatedRepeat(0x20, 800 * MiB), "/FlateDecode"), expect: { fails: /stream \(object 4 0\) inflates past 32 MiB \(limit maxStreamBytes\)/ } },
    { name: "pdf-encrypted-readable.pdf", what: "the same encryption on a page of text (pdf.js reads it: the guard's key is its key)", bytes: () => encryptedPdf(Buffer.from(textOps(["Budget 2024", "narrative text only"])), ""), expect: { noItems: /no table found: 2 lines of text/ } },
    { name: "pdf-aes128-bomb.pdf", what: "an AES-128 PDF (V4, empty user password) whose content inflates to 800 MiB", bytes: async () => encryptedPdf(await deflatedRepeat(0x20, 800 * MiB), "/FlateDecode", "aes-128"), expect: { fails: /stream \(object 4 0\) inflates past 32 MiB \(limit maxStreamBytes\)/ } },
    { name: "pdf-aes128-readable.pdf", what: "AES-128 on a page of text", bytes: () => encryptedPdf(deflateSync(Buffer.from(textOps(["Budget 2024", "narrative text only"]))), "/FlateDecode", "aes-128"), expect: { noItems: /no table found: 2 lines of text/ } },
    { name: "pdf-aes256-bomb.pdf", what: "an AES-256 PDF (V5 R6, empty user password) whose content inflates to 800 MiB", bytes: async () => encryptedPdf(await deflatedRepeat(0x20, 800 * MiB), "/FlateDecode", "aes-256"), expect: { fails: /stream \(object 4 0\) inflates past 32 MiB \(limit maxStreamBytes\)/ } },
    { name: "pdf-aes256-readable.pdf", what: "AES-256 on a page of text", bytes: () => encryptedPdf(deflateSync(Buffer.from(textOps(["Budget 2024", "narrative text only"]))), "/FlateDecode", "aes-256"), expect: { noItems: /no table found: 2 lines of text/ } },
    { name: "pdf-image-huge.pdf", what: "an image declaring 200,000 × 200,000 pixels", bytes: () => onePagePdf({ dict: "<< >>", data: Buffer.from("q 100 0 0 100 0 0 cm /Im1 Do Q") }, { resources: "<< /XObject << /Im1 6 0 R >> >>", extra: [{ dict: "<< /Type /XObject /Subtype /Image /Width 200000 /Height 200000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode >>", data: deflateSync(Buffer.alloc(1000)) }] }), expect: { fails: /declares 200,000×200,000 pixels, more than the limit of 100,000,000 \(maxImagePixels\)/ } },
    { name: "pdf-narrative-only.pdf", what: "pages of text, no table", bytes: () => onePagePdf({ dict: "<< >>", data: Buffer.from(textOps(["Department budget 2024", "An account of the year in words only.", "No figures are given here."])) }), expect: { noItems: /no table found: 3 lines of text/ } },
    { name: "pdf-content-outside-page.pdf", what: "a table drawn entirely outside the MediaBox", bytes: () => onePagePdf({ dict: "<< >>", data: Buffer.from(textOps(["201 General 100.00 60.00", "20101 Affairs 100.00 60.00", "2010101 Running 70.00 50.00"], 2000, 3000)) }), expect: { noItems: /page 1: all its text \(\d+ characters\) lies outside its CropBox\/MediaBox/ } },
    { name: "pdf-form-self-reference.pdf", what: "a form that paints itself twice", bytes: () => onePagePdf({ dict: "<< >>", data: Buffer.from(`${textOps(["Table 1.00"])}\n/X1 Do`) }, { resources: "<< /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >>", extra: [{ dict: "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 6 0 R >> >> >>", data: Buffer.from("0 0 m 10 0 l S /X1 Do /X1 Do") }] }), expect: { fails: /paints a form XObject \(object 6\) that paints itself: a cycle, refused/ } },
    { name: "pdf-form-chain.pdf", what: "30 forms, each painting the next twice (2^30 paints)", bytes: () => formChainPdf(30), expect: { fails: /a page \(object 3\) paints forms more than 20,000 times \(limit maxFormPaints\)/ } },
    { name: "pdf-many-segments.pdf", heavy: true, what: "a page of 100,000 ruling segments", bytes: () => onePagePdf({ dict: "<< >>", data: Buffer.from(Array.from({ length: 100_000 }, (_, i) => `${i % 500} ${i % 700} m ${(i % 500) + 20} ${i % 700} l S`).join("\n") + "\n" + textOps(["Table 1.00"])) }), expect: { fails: /100,000 ruling segments, more than the limit of 50,000 \(maxPageSegments\)/ } },
    { name: "pdf-ruled-grid.pdf", what: "a grid of 1,001 × 1,001 ruling lines (2,002 segments, a million cells)", bytes: () => gridPdf(1000, 10), expect: { fails: /page 1: its ruling lines cross more than 40,000 times \(limit maxPageCrossings\)/ } },
    { name: "pdf-many-text-items.pdf", what: "a page of 50,400 words (pdf.js: 100,000 text items), stopped as the engine reads them", bytes: () => onePagePdf({ dict: "<< >>", data: Buffer.from(Array.from({ length: 700 }, (_, r) => `BT /F1 4 Tf 10 ${5 + r * 6} Td (${Array.from({ length: 72 }, (_, c) => (r * 72 + c).toFixed(2)).join("   ")}) Tj ET`).join("\n")) }, { mediaBox: "0 0 2100 4220" }), expect: { fails: /page 1 holds more than 50,000 (words|text items) \(limit maxPageWords\)/ } },
    { name: "pdf-many-words.pdf", heavy: true, what: "a page of 60,000 words", bytes: () => onePagePdf({ dict: "<< >>", data: Buffer.from(Array.from({ length: 600 }, (_, i) => `BT /F1 1 Tf 10 ${i} Td (${"1.00 ".repeat(100)}) Tj ET`).join("\n")) }), expect: { fails: /page 1 holds (more than 50,000 words \(limit maxPageWords\)|[\d,]+ words, more than the limit of 50,000 \(maxPageWords\))/ } },
    // Other containers
    { name: "ole-powerpoint.ppt", what: "a PowerPoint file", bytes: () => oleWithStream("PowerPoint Document"), expect: { fails: /PowerPoint presentation \(PPT\): not read/ } },
    { name: "ole-encrypted-package.xlsx", what: "an encrypted OOXML package (EncryptedPackage stream)", bytes: () => oleWithStream("EncryptedPackage"), expect: { fails: /encrypted \(password-protected\) Office document/ } },
    { name: "rar-archive.rar", what: "a RAR archive", bytes: () => Buffer.concat([Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00]), Buffer.alloc(300)]), expect: { fails: /RAR archive: not read/ } },
    { name: "empty-file.pdf", what: "0 bytes", bytes: () => Buffer.alloc(0), expect: { fails: /empty file \(0 bytes\)/ } },
  ];
}

/** `npx tsx test/hostile-inputs.ts --out DIR [NAME...]`: writes the cases (all, or those named). */
async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf("--out");
  if (at < 0 || !argv[at + 1]) {
    process.stderr.write("usage: npx tsx test/hostile-inputs.ts --out DIR [NAME...]\n");
    process.exitCode = 2;
    return;
  }
  const dir = argv[at + 1]!;
  const names = argv.filter((a, i) => i !== at && i !== at + 1);
  mkdirSync(dir, { recursive: true });
  for (const c of hostileInputs()) {
    if (names.length && !names.includes(c.name)) continue;
    writeFileSync(join(dir, c.name), await c.bytes());
    process.stdout.write(`${c.name}\t${c.what}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main(process.argv.slice(2));
