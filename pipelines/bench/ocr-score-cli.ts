// The OCR bench's reading and scoring as a script, one document at a time, for tuning:
//   BUDGET_OCR_CACHE=/tmp/ocr-cache npx tsx pipelines/bench/ocr-score-cli.ts --work DIR [--corpus DIR] [doc_id...]
// Image-only PDFs are rendered once into DIR/pdf; line items go to DIR/pred/<doc>.csv, the
// extract's tables (kind, title, header, grid) to DIR/tables/<doc>.txt; the scorer's report follows.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { inspectDocumentBytes } from "../extract-document.ts";
import { toGoldenCsv } from "../../transform/golden-csv.ts";
import { imageOnlyPdf } from "./ocr-image-pdf.ts";
import { OCR_BENCH_DPI } from "./ocr-pages.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { work: { type: "string" }, corpus: { type: "string", default: "../shared/corpus/real" } } });
if (!values.work) throw new Error("--work DIR is required");
const work = resolve(values.work), corpus = resolve(values.corpus!);
const golden = join(corpus, "..", "..", "golden"), scorer = join(corpus, "..", "..", "tools", "score-golden.mjs");
const docs = positionals.length ? positionals : (await readdir(golden)).filter((f) => f.endsWith(".csv")).map((f) => basename(f, ".csv")).sort();
for (const d of ["pdf", "pred", "tables"]) await mkdir(join(work, d), { recursive: true });
for (const doc of docs) {
  const pdf = join(work, "pdf", `${doc}.pdf`);
  if (!existsSync(pdf)) await writeFile(pdf, await imageOnlyPdf(join(corpus, `${doc}.pdf`), OCR_BENCH_DPI));
  const t = Date.now();
  const { extract: d, recognised } = await inspectDocumentBytes(await readFile(pdf), `${doc}.pdf`);
  await writeFile(join(work, "pred", `${doc}.csv`), toGoldenCsv(d.items));
  const repaired = d.items.filter((i) => i.repairedAmount !== undefined).length;
  await writeFile(join(work, "tables", `${doc}.txt`), recognised.map((x) => [
    `== p${x.table.page} kind=${x.kind ?? "-"} title=${x.title ?? ""} unit=${x.unit ?? ""}`,
    `before: ${x.table.before.join(" / ")}`,
    ...x.table.cells.filter((c) => c.row < 4).map((c) => `  h r${c.row}c${c.col}: ${c.text}`),
    `rows=${Math.max(0, ...x.table.cells.map((c) => c.row)) + 1}`,
  ].join("\n")).join("\n") + "\n");
  console.error(`${doc}: ${d.pageCount} pages, ${d.items.length} items (${repaired} repaired), ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
const r = spawnSync(process.execPath, [scorer, "--golden", golden, "--pred", join(work, "pred")], { encoding: "utf8" });
process.stdout.write(r.stdout + r.stderr);
