import { readFileSync } from "node:fs";
import { pdfium } from "../extract/pdf/pdfium-module.ts";
const inst = await pdfium(); const x = inst.exports;
const files = process.argv.slice(2);
const T = { load: 0, text: 0, chars: 0, objs: 0, n: 0, nchars: 0 };
for (let rep = 0; rep < 2; rep++) for (const f of files) {
  const b = readFileSync(f); const p = x.malloc(b.length); new Uint8Array(inst.memory().buffer, p, b.length).set(b);
  const doc = x.FPDF_LoadMemDocument(p, b.length, 0); const buf = x.malloc(64);
  for (let i = 0; i < x.FPDF_GetPageCount(doc); i++) {
    let t = performance.now(); const page = x.FPDF_LoadPage(doc, i); T.load += performance.now() - t;
    t = performance.now(); const tp = x.FPDFText_LoadPage(page); T.text += performance.now() - t;
    t = performance.now(); const n = x.FPDFText_CountChars(tp);
    for (let c = 0; c < n; c++) { x.FPDFText_GetUnicode(tp, c); x.FPDFText_IsGenerated(tp, c); x.FPDFText_GetTextObject(tp, c); x.FPDFText_GetCharOrigin(tp, c, buf, buf + 8); x.FPDFText_GetLooseCharBox(tp, c, buf + 16); }
    T.chars += performance.now() - t; T.nchars += n;
    t = performance.now(); const k = x.FPDFPage_CountObjects(page); for (let o = 0; o < k; o++) { const ob = x.FPDFPage_GetObject(page, o); x.FPDFPageObj_GetType(ob); } T.objs += performance.now() - t;
    x.FPDFText_ClosePage(tp); x.FPDF_ClosePage(page); T.n++;
  }
  x.FPDF_CloseDocument(doc); x.free(p); x.free(buf);
}
console.log(Object.fromEntries(Object.entries(T).map(([k, v]) => [k, Math.round(v)])));
