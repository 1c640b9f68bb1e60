import { extractDocumentFile } from "../pipelines/extract-document.ts";
const files = process.argv.slice(2);
await extractDocumentFile(files[0]!);
const t0 = performance.now();
for (const f of files) await extractDocumentFile(f);
console.log("in-process", Math.round(performance.now() - t0), "ms");
