// Regenerates samples/documents/*.pdf and samples/golden/*.{csv,meta.json} from the seed tables.
// Needs LibreOffice (soffice) and Noto CJK fonts: `npx tsx samples/generate/index.ts`.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sampleDocs } from "./documents/index.ts";
import { writeWorkbook } from "./xlsx.ts";
import { xlsxToPdf } from "./pdf.ts";
import { expectedFile, goldenCsv, goldenMeta, goldenRows } from "./golden.ts";

const samples = join(dirname(fileURLToPath(import.meta.url)), "..");
const work = mkdtempSync(join(tmpdir(), "samples-"));
mkdirSync(join(samples, "documents"), { recursive: true });
mkdirSync(join(samples, "golden"), { recursive: true });
mkdirSync(join(samples, "expected"), { recursive: true });
const only = process.argv.slice(2);

for (const doc of sampleDocs) {
  if (only.length && !only.some((o) => doc.docId.startsWith(o))) continue;
  writeFileSync(join(samples, "expected", `${doc.docId}.json`), expectedFile(doc));
  const rows = goldenRows(doc);
  writeFileSync(join(samples, "golden", `${doc.docId}.csv`), goldenCsv(rows));
  writeFileSync(join(samples, "golden", `${doc.docId}.meta.json`), goldenMeta(doc, rows));
  // NO_PDF=1: expectation and golden files only (the PDF of a document whose printed tables did not change stays as committed).
  if (process.env.NO_PDF) continue;
  const xlsx = join(work, `${doc.docId}.xlsx`);
  await writeWorkbook(doc, xlsx);
  copyFileSync(xlsxToPdf(xlsx, work), join(samples, "documents", `${doc.docId}.pdf`));
  console.log(`${doc.docId}: ${doc.tables.length} tables, ${rows.length} golden rows`);
}
