import { readFileSync } from "node:fs";
import { pdfEngine } from "../extract/pdf/pdf-engine.ts";
import { DEFAULT_PAGE_READ_OPTIONS } from "../extract/pdf/page-content.ts";
const [file] = process.argv.slice(2);
const o = { ...DEFAULT_PAGE_READ_OPTIONS, rulingsOnlyWhereTables: false };
const a = await (await pdfEngine("pdfjs")).open(readFileSync(file!)), b = await (await pdfEngine("pdfium")).open(readFileSync(file!));
let worst = 0, n = 0, words = 0, wdiff = 0;
for (let p = 1; p <= a.pageCount; p++) {
  const pa = await a.readPage(p, o), pb = await b.readPage(p, o);
  if (pa.segments.length !== pb.segments.length) console.log("page", p, "segments", pa.segments.length, pb.segments.length);
  pa.segments.forEach((s, i) => { const t = pb.segments[i]; if (!t) return; const d = Math.max(Math.abs(s.x0 - t.x0), Math.abs(s.y0 - t.y0), Math.abs(s.x1 - t.x1), Math.abs(s.y1 - t.y1)); if (d > worst) { worst = d; if (d > 0.05) console.log("p", p, JSON.stringify(s), JSON.stringify(t)); } n++; });
  if (pa.words.length !== pb.words.length) console.log("page", p, "words", pa.words.length, pb.words.length);
  words += pa.words.length;
  pa.words.forEach((w, i) => { const v = pb.words[i]; if (!v || v.text !== w.text || Math.abs(v.x0 - w.x0) > 0.05 || Math.abs(v.x1 - w.x1) > 0.05 || Math.abs(v.top - w.top) > 0.05) { wdiff++; if (wdiff < 6) console.log("w", p, JSON.stringify([w.text, w.x0, w.x1, w.top]), JSON.stringify(v && [v.text, v.x0, v.x1, v.top])); } });
}
console.log("segments", n, "worst", worst, "words", words, "differing", wdiff);
