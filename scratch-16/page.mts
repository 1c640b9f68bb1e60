import { readFileSync } from "node:fs";
import { pdfEngine } from "../extract/pdf/pdf-engine.ts";
import { DEFAULT_PAGE_READ_OPTIONS } from "../extract/pdf/read-pdf-page.ts";
const [engine, file, page] = process.argv.slice(2);
const doc = await (await pdfEngine(engine as any)).open(readFileSync(file!));
const c = await doc.readPage(Number(page), { ...DEFAULT_PAGE_READ_OPTIONS, rulingsOnlyWhereTables: false });
console.log(c.width, c.height, c.rotation, c.words.length, c.segments.length);
for (const w of c.words.slice(0, Number(process.env.N ?? 8))) console.log(JSON.stringify(w));
await doc.close();
