import { extractDocumentFile } from "../pipelines/extract-document.ts";
import { toGoldenCsv } from "../transform/golden-csv.ts";
import { writeFileSync } from "node:fs";
const [engine, out, ...files] = process.argv.slice(2);
for (const f of files) {
  const t0 = performance.now();
  try {
    const d = await extractDocumentFile(f, { engine: engine as any, noRulings: process.env.NORULINGS === "1" });
    const name = f.split("/").pop()!.replace(/\.pdf$/, "");
    writeFileSync(`${out}/${name}.csv`, toGoldenCsv(d.items));
    console.log(engine, name, d.pageCount, d.items.length, Math.round(performance.now() - t0), "ms", JSON.stringify(d.notes ?? []).slice(0, 300));
  } catch (e) { console.log(engine, f, "ERROR", (e as Error).message); }
}
