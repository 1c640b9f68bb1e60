import { extractDocumentFile } from "../pipelines/extract-document.ts";
for (const f of process.argv.slice(2)) {
  const t0 = performance.now();
  const d = await extractDocumentFile(f);
  console.log(f.split("/").pop(), Math.round(performance.now() - t0), "ms", "ocr tables:", d.tables.filter(t => t.table.method === "ocr").map(t => t.table.page), d.notes);
}
