// Renders a sample document as a DOCX written by hand (WordprocessingML): the cover
// as paragraphs, per table its label, title and 编制单位/单位 line as paragraphs, the
// table with merged header cells as w:gridSpan (across) and w:vMerge restart/continue
// (down), wrapped names as two paragraphs in their cell, and the note below.
import { headerMerges } from "../xlsx.ts";
import type { PrintedTable, SampleDoc } from "../model.ts";
import { writeZip } from "./zip-write.ts";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const para = (text: string, align?: "center" | "right" | "left") =>
  `<w:p>${align ? `<w:pPr><w:jc w:val="${align}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;

export function sampleDocx(doc: SampleDoc): Uint8Array {
  const body = [
    ...doc.cover.map((p, i) => para(p, i === 0 ? "center" : undefined)),
    ...doc.tables.flatMap((t) => tableXml(t)),
    `<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>`,
  ];
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body.join("")}</w:body></w:document>`;
  return writeZip([
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "_rels/.rels", data: Buffer.from(RELS) },
    { name: "word/document.xml", data: Buffer.from(document) },
  ]);
}

function tableXml(t: PrintedTable): string[] {
  const out: string[] = [];
  if (t.label) out.push(para(t.label));
  out.push(para(t.title, "center"));
  out.push(para(`编制单位：${t.org}    单位：${t.unit}`));
  const n = t.columns.length;
  const depth = Math.max(...t.columns.map((c) => c.path.length));
  const merges = headerMerges(t.columns);
  const border = ["top", "left", "bottom", "right", "insideH", "insideV"].map((b) => `<w:${b} w:val="single" w:sz="4"/>`).join("");
  const rows: string[] = [];
  const tc = (text: string, span: number, vMerge?: "restart" | "continue") =>
    `<w:tc><w:tcPr>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ""}${vMerge === "restart" ? '<w:vMerge w:val="restart"/>' : vMerge ? "<w:vMerge/>" : ""}</w:tcPr>` +
    `${(text === "" ? [""] : text.split("\n")).map((l) => para(l)).join("")}</w:tc>`;
  for (let r = 0; r < depth; r++) {
    const cells: string[] = [];
    // Walk the grid: a merge starting on this row prints its text; one started above continues (vMerge).
    for (let c = 0; c < n;) {
      const m = merges.find((x) => x.left === c && x.top <= r && x.bottom >= r)!;
      const span = m.right - m.left + 1;
      const down = m.bottom > m.top;
      cells.push(m.top === r ? tc(m.text, span, down ? "restart" : undefined) : tc("", span, "continue"));
      c += span;
    }
    rows.push(`<w:tr>${cells.join("")}</w:tr>`);
  }
  if (t.headerFooter) rows.push(`<w:tr>${t.headerFooter.map((h) => tc(h, 1)).join("")}</w:tr>`);
  for (const row of t.body) rows.push(`<w:tr>${row.map((c) => tc(c, 1)).join("")}</w:tr>`);
  const grid = `<w:tblGrid>${t.columns.map((c) => `<w:gridCol w:w="${Math.round(c.width * 120)}"/>`).join("")}</w:tblGrid>`;
  out.push(`<w:tbl><w:tblPr><w:tblBorders>${border}</w:tblBorders></w:tblPr>${grid}${rows.join("")}</w:tbl>`);
  if (t.note) out.push(para(t.note));
  return out;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
