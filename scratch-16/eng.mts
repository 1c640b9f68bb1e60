import { readFileSync } from "node:fs";
import { pdfEngine } from "../extract/pdf/pdf-engine.ts";
import { DEFAULT_PAGE_READ_OPTIONS } from "../extract/pdf/read-pdf-page.ts";
const [engine, ...files] = process.argv.slice(2);
const e = await pdfEngine(engine as any);
const o = { ...DEFAULT_PAGE_READ_OPTIONS, rulingsOnlyWhereTables: false };
let pages = 0; const t0 = performance.now();
for (const f of files) { const d = await e.open(readFileSync(f)); for (let n = 1; n <= d.pageCount; n++) await d.readPage(n, o); pages += d.pageCount; await d.close(); }
const ms = performance.now() - t0;
console.log(engine, pages, "pages", Math.round(ms), "ms", (pages / ms * 1000).toFixed(1), "pages/s");
