// The malformed-input corpus of the reliability suite, generated (nothing committed): broken,
// hostile and mislabelled files of every format, as a portal would serve them. Each case says
// how the run must end for it: a crawl failure, an extraction failure with a specific reason,
// or — where the right behaviour is to cope — loaded with the right content.
// test/formats-malformed.test.ts covers the readers' messages file by file; this corpus adds
// the hostile XML (external entities, entity expansion, deep nesting), charsets, PDF structure
// (xref, encryption, page tree) and mislabelled bodies, and runs everything through `cli run`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeZip } from "../../samples/generate/formats/zip-write.ts";
import iconv from "iconv-lite";
import { REPO } from "./harness.ts";
import { withEncryptionMarker } from "./legacy-encrypted.ts";
import { BUDGET_TABLE, BUDGET_TABLE_ITEMS, hostileInputs, htmlPage, oleWithStream, xlsxPackage } from "../hostile-inputs.ts";

export type Expectation =
  | { outcome: "crawl-failed"; reason: RegExp }
  | { outcome: "extract-failed"; reason: RegExp }
  /** Read as it should be: loaded ok with this many line items (at least `minItems`). */
  | { outcome: "loaded"; minItems: number; notContaining?: string }
  /** Read without error but holding no standard table: judged not_budget (kept in the raw store), not loaded. */
  | { outcome: "not-budget" };

export interface MalformedCase {
  name: string;
  /** Served at /files/<name> (attachments) or /pages/<name> (HTML pages holding a table). */
  kind: "attachment" | "page";
  body: Buffer;
  contentType?: string;
  expect: Expectation;
}

const SAMPLE = "zhumadian-yibao_2022_dept-budget_yuan";
const sample = (dir: string, ext: string) => readFileSync(join(REPO, "samples", "documents", dir, `${SAMPLE}.${ext}`));
const samplePdf = () => readFileSync(join(REPO, "samples", "documents", `${SAMPLE}.pdf`));
const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));
/** An OLE2 compound file naming `stream`; `tag` makes each case's bytes (and so its document) its own. */
const ole = (stream: string, tag = "") => oleWithStream(stream, tag);
const spaces = (n: number) => Buffer.alloc(n, 0x20);

// --- XML payloads for OOXML parts -------------------------------------------------------
const XXE_DTD = `<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;
const LAUGHS_DTD = `<!DOCTYPE r [<!ENTITY l0 "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join("")}]>`;
const SHEET_NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;

function xlsx(sheetXml: string): Buffer {
  const rels = (id: string, type: string, target: string) =>
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`;
  return writeZip([
    { name: "[Content_Types].xml", data: Buffer.from(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`) },
    { name: "_rels/.rels", data: Buffer.from(rels("rId1", "officeDocument", "xl/workbook.xml")) },
    { name: "xl/workbook.xml", data: Buffer.from(`<workbook ${SHEET_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: "xl/_rels/workbook.xml.rels", data: Buffer.from(rels("rId1", "worksheet", "worksheets/sheet1.xml")) },
    // Stored, not deflated: the hostile XML must reach the parser, not trip the zip-bomb ratio first.
    { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheetXml), store: true },
  ]);
}
const sheet = (dtd: string, cell: string, rows = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>${dtd}<worksheet ${SHEET_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${cell}</t></is></c></row>${rows}</sheetData></worksheet>`;

function docx(documentXml: string): Buffer {
  return writeZip([
    { name: "[Content_Types].xml", data: Buffer.from(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`) },
    { name: "word/document.xml", data: Buffer.from(documentXml), store: true },
  ]);
}
const W_NS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`;
const wordDoc = (dtd: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>${dtd}<w:document ${W_NS}><w:body>${body}</w:body></w:document>`;
const wordTable = (cell: string) => `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>${cell}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1.00</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`;

// --- PDF structure ----------------------------------------------------------------------
/** A one-page PDF with a correct xref, its catalog holding `extra` (e.g. an /Encrypt reference). */
function tinyPdf(o: { pagesDict?: string; trailerExtra?: string; extraObjects?: string[] } = {}): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    o.pagesDict ?? "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>",
    "<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 100 Td (budget 1.00) Tj ET\nendstream",
    ...(o.extraObjects ?? []),
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${body}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${o.trailerExtra ?? ""} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A PDF of `pages` blank pages (objects 4 …): a page tree larger than any budget document. */
function manyPagesPdf(pages: number): Buffer {
  const ids = Array.from({ length: pages }, (_, i) => i + 5);
  return tinyPdf({
    pagesDict: `<< /Type /Pages /Kids [3 0 R ${ids.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages + 1} >>`,
    extraObjects: ids.map(() => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>"),
  });
}

/** The sample PDF with every xref offset zeroed and startxref pointing nowhere: readers rebuild the xref by scanning. */
function corruptXref(pdf: Buffer): Buffer {
  const text = pdf.toString("latin1")
    .replace(/^\d{10} (\d{5}) n/gm, "0000000000 $1 n")
    .replace(/startxref\s+\d+/g, "startxref\n999999999");
  return Buffer.from(text, "latin1");
}

// --- HTML pages holding a budget table ----------------------------------------------------
// The budget table page of the hostile inputs: its 15 line items when read.
const TABLE_HTML = BUDGET_TABLE;
const page = htmlPage;

export function malformedCorpus(): MalformedCase[] {
  // Named <format>-<case>.<ext>: every file its own doc_id.
  const att = (name: string, body: Buffer, expect: Expectation, contentType?: string): MalformedCase =>
    ({ name: `${name.split(".").pop()}-${name}`, kind: "attachment", body, expect, contentType });
  const extractFailed = (reason: RegExp): Expectation => ({ outcome: "extract-failed", reason });
  const crawlFailed = (reason: RegExp): Expectation => ({ outcome: "crawl-failed", reason });
  // Deep enough to exhaust a recursive reader's stack, shallow enough to parse in well under a second.
  const deep = 5_000;
  return [
    // Bodies that are not the document their link promised: refused by the crawler.
    att("zero-bytes.pdf", Buffer.alloc(0), crawlFailed(/expected a document but the body is unknown/)),
    att("zero-bytes.xlsx", Buffer.alloc(0), crawlFailed(/expected a document but the body is unknown/)),
    att("html-as-pdf.pdf", Buffer.from("<!DOCTYPE html><html><body><h1>系统维护中</h1></body></html>"), crawlFailed(/expected a document but got an HTML page/), "application/pdf"),
    att("json-as-xlsx.xlsx", Buffer.from(`{"code":403,"msg":"forbidden"}`), crawlFailed(/expected a document but the body is json/)),
    att("text-as-docx.docx", Buffer.from("Service Unavailable"), crawlFailed(/expected a document but the body is text/)),
    // PDF
    att("truncated.pdf", half(samplePdf()), extractFailed(/PDF unreadable/)),
    att("garbage.pdf", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4000, 0x41)]), extractFailed(/PDF unreadable/)),
    att("encrypted.pdf", tinyPdf({
      trailerExtra: "/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
      extraObjects: [`<< /Filter /Standard /V 1 /R 2 /O <${"11".repeat(32)}> /U <${"22".repeat(32)}> /P -44 >>`],
    }), extractFailed(/PDF unreadable: .*password/i)),
    att("too-many-pages.pdf", manyPagesPdf(6_000), extractFailed(/PDF unreadable: 6001 pages, more than the limit of 5000/)),
    att("huge-page-count.pdf", tinyPdf({ pagesDict: "<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>" }), extractFailed(/PDF unreadable|scanned PDF/)),
    // pdf.js parses nested arrays without recursion: the page is read (it holds no table).
    att("deep-nesting.pdf", tinyPdf({ extraObjects: [`${"[".repeat(deep)}${"]".repeat(deep)}`] }), { outcome: "not-budget" }),
    att("corrupt-xref.pdf", corruptXref(samplePdf()), { outcome: "loaded", minItems: 100 }),
    // XLSX
    att("truncated.xlsx", half(sample("xlsx", "xlsx")), extractFailed(/corrupt or truncated ZIP/)),
    att("encrypted.xlsx", ole("EncryptedPackage", "xlsx"), extractFailed(/encrypted \(password-protected\) Office document/)),
    att("zip-bomb.xlsx", xlsxPackage([{ name: "表1", xml: spaces(20_000_000).toString() }]), extractFailed(/zip bomb/)),
    att("xxe.xlsx", xlsx(sheet(XXE_DTD, "&xxe;")), extractFailed(/XLSX|entity|DOCTYPE|no table/i)),
    att("billion-laughs.xlsx", xlsx(sheet(LAUGHS_DTD, "&l9;")), extractFailed(/XLSX|entity|DOCTYPE|no table/i)),
    // Streaming XML parsers: deep nesting costs nothing; the sheet is read (no table in it).
    att("deep-nesting.xlsx", xlsx(sheet("", "x", `${"<x>".repeat(deep)}${"</x>".repeat(deep)}`)), { outcome: "not-budget" }),
    att("corrupt.xlsx", writeZip([{ name: "xl/workbook.xml", data: Buffer.from("\x00\x01garbage<") }]), extractFailed(/corrupt XML in xl\/workbook.xml/)),
    // DOCX
    att("truncated.docx", half(sample("docx", "docx")), extractFailed(/corrupt or truncated ZIP/)),
    att("encrypted.docx", ole("EncryptedPackage", "docx"), extractFailed(/encrypted \(password-protected\) Office document/)),
    att("zip-bomb.docx", writeZip([{ name: "[Content_Types].xml", data: Buffer.from("<Types/>") }, { name: "word/document.xml", data: Buffer.concat([Buffer.from("<w:document><w:body>"), spaces(20_000_000), Buffer.from("</w:body></w:document>")]) }]), extractFailed(/zip bomb/)),
    // OOXML never declares a DOCTYPE: one that does is refused, so no entity is fetched or multiplied.
    att("xxe.docx", docx(wordDoc(XXE_DTD, wordTable("&xxe;"))), extractFailed(/declares a DOCTYPE/)),
    att("billion-laughs.docx", docx(wordDoc(LAUGHS_DTD, wordTable("&l9;"))), extractFailed(/declares a DOCTYPE/)),
    att("deep-nesting.docx", docx(wordDoc("", `${"<w:tbl><w:tr><w:tc>".repeat(deep / 10)}<w:p/>${"</w:tc></w:tr></w:tbl>".repeat(deep / 10)}`)), { outcome: "not-budget" }),
    // ZIP
    att("zip-bomb.zip", writeZip([{ name: "bomb.html", data: spaces(20_000_000) }]), extractFailed(/zip bomb/)),
    att("traversal.zip", writeZip([{ name: "../../evil.html", data: Buffer.from("<table></table>") }]), extractFailed(/unsafe ZIP member path/)),
    att("encrypted-member.zip", writeZip([{ name: "表.html", data: Buffer.from("<table></table>"), flags: 0x801 }]), extractFailed(/encrypted ZIP member/)),
    att("nested-too-deep.zip", writeZip([{ name: "a.zip", data: writeZip([{ name: "b.zip", data: writeZip([{ name: "c.zip", data: writeZip([{ name: "t.html", data: Buffer.from(page("", TABLE_HTML)) }]) }]) }]) }]), extractFailed(/nest|deep/i)),
    att("truncated.zip", half(sample("zip", "zip")), extractFailed(/corrupt or truncated ZIP/)),
    // Legacy Office and other containers
    att("corrupt.xls", ole("Workbook"), extractFailed(/LibreOffice/)),
    att("corrupt.doc", ole("WordDocument"), extractFailed(/LibreOffice/)),
    att("encrypted.xls", withEncryptionMarker(sample("xls", "xls"), "xls"), extractFailed(/encrypted \(password-protected\) Excel document/)),
    att("encrypted.doc", withEncryptionMarker(sample("doc", "doc"), "doc"), extractFailed(/encrypted \(password-protected\) Word document/)),
    att("archive.rar", Buffer.concat([Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00]), Buffer.alloc(200)]), extractFailed(/RAR archive: not read/)),
    // HTML where a spreadsheet was linked: a portal's "Excel" export, UTF-8 or UTF-16 (Excel's web page): documents, read.
    att("html-export.xls", Buffer.from(`<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="gbk"></head><body>${TABLE_HTML}</body></html>`), { outcome: "loaded", minItems: BUDGET_TABLE_ITEMS }, "application/vnd.ms-excel"),
    att("utf16-web-page.xls", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page("", TABLE_HTML), "utf16-le")]), { outcome: "loaded", minItems: BUDGET_TABLE_ITEMS }, "application/vnd.ms-excel"),
    att("utf16be-no-bom.xls", iconv.encode(page("", TABLE_HTML), "utf16-be"), { outcome: "loaded", minItems: BUDGET_TABLE_ITEMS }),
    // HTML pages holding a table. Mislabelled charsets are read by what the bytes are (and noted).
    { name: "html-wrong-charset.html", kind: "page", body: iconv.encode(page(`<meta charset="utf-8">`, TABLE_HTML), "gbk"), contentType: "text/html; charset=utf-8", expect: { outcome: "loaded", minItems: BUDGET_TABLE_ITEMS } },
    { name: "html-gbk-behind-bom.html", kind: "page", body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(page("", TABLE_HTML), "gbk")]), expect: { outcome: "loaded", minItems: BUDGET_TABLE_ITEMS } },
    // Read without recursion: the nesting costs a counter.
    { name: "html-deep-nesting.html", kind: "page", body: Buffer.from(page("", `${"<div>".repeat(deep)}${TABLE_HTML}${"</div>".repeat(deep)}`)), expect: { outcome: "loaded", minItems: 6 } },
    { name: "html-truncated-table.html", kind: "page", body: Buffer.from(page("", TABLE_HTML).slice(0, page("", TABLE_HTML).indexOf("<tr><td></td><td>合计"))), expect: { outcome: "extract-failed", reason: /truncated HTML/ } },
  ];
}

/**
 * The hostile inputs (test/hostile-inputs.ts) that are attachments of their own (not HTML,
 * whose crawl outcome depends on the table probe; the HTML classes are cases above; not the
 * heavy ones, measured one by one in malformed-memory.test.ts), with the outcome `lines`
 * gives them: a failure is a failed document, one without tables not a budget, a read one is loaded.
 */
export async function hostileCorpus(): Promise<MalformedCase[]> {
  const out: MalformedCase[] = [];
  for (const c of hostileInputs()) {
    const ext = c.name.split(".").pop()!;
    if (ext === "html" || c.name.startsWith("empty-file") || c.heavy) continue;
    // A file read without error that holds no table is judged not a budget by the run (kept in the raw store, not loaded).
    const expect: Expectation = "fails" in c.expect ? { outcome: "extract-failed", reason: c.expect.fails }
      : "noItems" in c.expect ? { outcome: "not-budget" }
      : { outcome: "loaded", minItems: c.expect.minItems };
    out.push({ name: `hostile-${c.name}`, kind: "attachment", body: await c.bytes(), expect });
  }
  return out;
}

/** The good documents served beside the corpus: each must load in full. */
export function goodDocuments(): MalformedCase[] {
  return [
    { name: "good.pdf", kind: "attachment", body: samplePdf(), expect: { outcome: "loaded", minItems: 100 } },
    { name: "good.xlsx", kind: "attachment", body: sample("xlsx", "xlsx"), expect: { outcome: "loaded", minItems: 100 } },
    { name: "good.html", kind: "page", body: Buffer.from(page(`<meta charset="utf-8">`, TABLE_HTML)), expect: { outcome: "loaded", minItems: 6 } },
  ];
}
