import { readFileSync } from "node:fs";
import { pdfEngine } from "../extract/pdf/pdf-engine.ts";
import { DEFAULT_PAGE_READ_OPTIONS } from "../extract/pdf/page-content.ts";
import { pageAsRead } from "../extract/pdf/page-as-read.ts";
const o = { ...DEFAULT_PAGE_READ_OPTIONS, rulingsOnlyWhereTables: false };
const r = (n: number) => n.toFixed(1);
for (const file of process.argv.slice(2)) {
  const a = await (await pdfEngine("pdfjs")).open(readFileSync(file!)), b = await (await pdfEngine("pdfium")).open(readFileSync(file!));
  let sOnlyA = 0, sOnlyB = 0, wOnlyA = 0, wOnlyB = 0, words = 0, segs = 0; const ex: string[] = [];
  for (let p = 1; p <= a.pageCount; p++) {
    const pa = pageAsRead(await a.readPage(p, o)).content, pb = pageAsRead(await b.readPage(p, o)).content;
    const key = (s: any) => `${s.from} ${r(s.x0)} ${r(s.y0)} ${r(s.x1)} ${r(s.y1)}`;
    const wkey = (w: any) => `${w.text} ${r(w.x0)} ${r(w.top)} ${r(w.x1)}`;
    const diff = (xs: string[], ys: string[]) => { const m = new Map<string, number>(); for (const y of ys) m.set(y, (m.get(y) ?? 0) + 1); return xs.filter((x) => { const c = m.get(x) ?? 0; if (c) { m.set(x, c - 1); return false; } return true; }); };
    const sa = diff(pa.segments.map(key), pb.segments.map(key)), sb = diff(pb.segments.map(key), pa.segments.map(key));
    const wa = diff(pa.words.map(wkey), pb.words.map(wkey)), wb = diff(pb.words.map(wkey), pa.words.map(wkey));
    sOnlyA += sa.length; sOnlyB += sb.length; wOnlyA += wa.length; wOnlyB += wb.length; words += pa.words.length; segs += pa.segments.length;
    if ((sa.length || sb.length || wa.length || wb.length) && ex.length < 12) ex.push(`p${p} segs pdfjs-only ${sa.slice(0, 3).join(" | ")}  pdfium-only ${sb.slice(0, 3).join(" | ")}  words pdfjs-only ${wa.slice(0, 4).join(" | ")}  pdfium-only ${wb.slice(0, 4).join(" | ")}`);
  }
  console.log(file.split("/").pop(), "segs", segs, "pdfjs-only", sOnlyA, "pdfium-only", sOnlyB, "words", words, "pdfjs-only", wOnlyA, "pdfium-only", wOnlyB);
  if (process.env.V) for (const e of ex) console.log("  ", e);
}
