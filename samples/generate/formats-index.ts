// Writes the sample documents in the other formats the portals publish, from the same
// seed tables as the PDFs (so the same golden files score them):
//   samples/documents/xlsx/<doc_id>.xlsx   amounts as formatted numbers, merged headers
//   samples/documents/xls/<doc_id>.xls     the XLSX saved by LibreOffice as old binary Excel
//   samples/documents/html/<doc_id>.html   rowspan/colspan headers; one page in GBK
//   samples/documents/docx/<doc_id>.docx   gridSpan/vMerge headers
//   samples/documents/doc/<doc_id>.doc     the DOCX saved by LibreOffice as old binary Word
//   samples/documents/zip/<doc_id>.zip     the document as XLSX, HTML, DOCX and PDF together
// Needs LibreOffice (for XLS and DOC) and the committed PDFs: `npx tsx samples/generate/formats-index.ts`.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sampleDocs } from "./documents/index.ts";
import { writeWorkbook } from "./xlsx.ts";
import { numbersInWorkbook } from "./formats/xlsx-numbers.ts";
import { sampleHtml, type HtmlStyle } from "./formats/html.ts";
import { sampleDocx } from "./formats/docx.ts";
import { writeZip } from "./formats/zip-write.ts";

const samples = join(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "sample-formats-"));
const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
const dir = (f: string) => { const d = join(samples, "documents", f); mkdirSync(d, { recursive: true }); return d; };

/** Each document gets its own HTML style, so that every variant is exercised. */
const HTML_STYLES: Record<string, HtmlStyle> = {
  "jiyuan-yibao_2022_dept-budget_ruled": { encoding: "utf-8", captionTitles: false, thead: true },
  "beilin-yibao_2022_dept-budget_unruled": { encoding: "gbk", captionTitles: false, thead: false },
  "zhumadian-yibao_2022_dept-budget_yuan": { encoding: "utf-8", captionTitles: true, thead: false },
  "fengrun-yibao_2023_dept-budget_wrapped": { encoding: "gbk", captionTitles: true, thead: true },
  "jiaozuo-yibao_2025_dept-budget_repaired": { encoding: "utf-8", captionTitles: true, thead: true },
};

/** `to` is the extension; DOC needs its filter named (the default for .doc from Writer is not binary Word). */
function libreOffice(file: string, to: string, outDir: string): string {
  const target = to === "doc" ? "doc:MS Word 97" : to;
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, "--convert-to", target, "--outdir", outDir, file], { stdio: ["ignore", "ignore", "inherit"] });
  return join(outDir, file.replace(/^.*\//, "").replace(/\.[^.]+$/, `.${to}`));
}

for (const doc of sampleDocs) {
  const id = doc.docId;
  const plain = join(work, `${id}.plain.xlsx`);
  await writeWorkbook(doc, plain);
  const xlsx = join(dir("xlsx"), `${id}.xlsx`);
  const converted = await numbersInWorkbook(plain, xlsx);
  const xlsCopy = join(work, `${id}.xlsx`);
  writeFileSync(xlsCopy, readFileSync(xlsx));
  writeFileSync(join(dir("xls"), `${id}.xls`), readFileSync(libreOffice(xlsCopy, "xls", work)));
  const html = sampleHtml(doc, HTML_STYLES[id] ?? { encoding: "utf-8", captionTitles: false, thead: true });
  writeFileSync(join(dir("html"), `${id}.html`), html);
  const docx = sampleDocx(doc);
  writeFileSync(join(dir("docx"), `${id}.docx`), docx);
  const docxCopy = join(work, `${id}.docx`);
  writeFileSync(docxCopy, docx);
  writeFileSync(join(dir("doc"), `${id}.doc`), readFileSync(libreOffice(docxCopy, "doc", work)));
  const pdf = readFileSync(join(samples, "documents", `${id}.pdf`));
  writeFileSync(join(dir("zip"), `${id}.zip`), writeZip([
    { name: `${id}/${id}.xlsx`, data: readFileSync(xlsx), store: true },
    { name: `${id}/${id}.html`, data: html },
    { name: `${id}/${id}.docx`, data: docx, store: true },
    { name: `${id}/${id}.pdf`, data: pdf, store: true },
  ]));
  console.log(`${id}: xlsx (${converted} amounts as numbers), xls, html (${HTML_STYLES[id]?.encoding}), docx, doc, zip`);
}
