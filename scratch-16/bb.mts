import { extractDocumentFile } from "../pipelines/extract-document.ts";
for (const f of process.argv.slice(2)) {
  const a = await extractDocumentFile(f, { engine: "pdfjs" }), b = await extractDocumentFile(f, { engine: "pdfium" });
  const diffs = a.items.map((it, i) => ({ it, d: Math.max(...it.bbox.map((v, k) => Math.abs(v - b.items[i]!.bbox[k]!))), bb: b.items[i]!.bbox })).filter((x) => x.d > 0.01);
  console.log(f.split("/").pop(), a.items.length, "differ:", diffs.length, "max", Math.max(0, ...diffs.map((x) => x.d)).toFixed(2));
  const methods = new Map<string, number>();
  for (const x of diffs) { const t = a.tables.find((t) => t.table.page === x.it.page && t.table.cells.some((c) => c.bbox.every((v, k) => v === x.it.bbox[k]))); const m = `${t?.table.method} ${x.it.table}`; methods.set(m, (methods.get(m) ?? 0) + 1); }
  console.log([...methods]);
  for (const x of diffs.slice(0, 3)) console.log(x.it.table, x.it.name, x.it.measure, x.it.amount, x.it.bbox.map((v) => v.toFixed(2)).join(","), "|", x.bb.map((v) => v.toFixed(2)).join(","));
}
