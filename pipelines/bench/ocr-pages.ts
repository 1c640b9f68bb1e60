// OCR: the six golden PDFs of ../shared rendered as image-only PDFs (200 dpi gray, no
// text layer), read back through the whole pipeline (scanned-page detection → pdftoppm →
// Tesseract → table builder → transform, with whatever identity repair the extract applies)
// and scored against ../shared/golden. Reports OCR pages/s and F1. Slow (seconds per page): `--only ocr`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { extractDocumentBytes } from "../extract-document.ts";
import { toGoldenCsv } from "../../transform/golden-csv.ts";
import { ocrUnavailable } from "../../extract/ocr/tools.ts";
import { imageOnlyPdf } from "./ocr-image-pdf.ts";
import { goldenDocs } from "./ocr-scans.ts";
import type { Benchmark, BenchContext, BenchOutcome, Cell } from "./types.ts";

export const OCR_BENCH_DPI = 200;
/** Documents read at once (each OCRs its pages in turn, one Tesseract thread each); OCR_BENCH_JOBS=1 on a shared machine. */
const PARALLEL = Math.max(1, Number(process.env.OCR_BENCH_JOBS) || 2);

export const ocrPages: Benchmark = {
  name: "ocr",
  title: "OCR of image-only renderings of the golden PDFs (F1 of the items as extracted, identity repair included)",
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const missing = ocrUnavailable("chi_sim");
    if (missing) return { status: "skipped", reason: missing };
    const goldenDir = join(ctx.corpusDir, "..", "..", "golden");
    const scorer = join(ctx.corpusDir, "..", "..", "tools", "score-golden.mjs");
    if (!existsSync(goldenDir) || !existsSync(scorer)) return { status: "skipped", reason: `no golden files beside ${ctx.corpusDir}` };
    const docs = await goldenDocs(ctx.corpusDir, goldenDir);
    const out = await mkdtemp(join(tmpdir(), "bench-ocr-"));
    try {
      const rows: Record<string, Cell>[] = [];
      let pages = 0, seconds = 0;
      const queue = [...docs];
      const t0 = performance.now();
      await Promise.all(Array.from({ length: PARALLEL }, async () => {
        for (let doc = queue.shift(); doc; doc = queue.shift()) {
          ctx.log(`ocr: rendering ${doc}`);
          const image = await imageOnlyPdf(join(ctx.corpusDir, `${doc}.pdf`), OCR_BENCH_DPI);
          const t = performance.now();
          const d = await extractDocumentBytes(image, `${doc}.pdf`);
          const s = (performance.now() - t) / 1000;
          await writeFile(join(out, `${doc}.csv`), toGoldenCsv(d.items));
          const flagged = d.items.filter((i) => i.ocrConfidence !== undefined).length;
          const repaired = d.items.filter((i) => i.repairedAmount !== undefined).length;
          ctx.log(`ocr: ${doc} ${d.pageCount} pages in ${s.toFixed(0)} s, ${d.items.length} items`);
          pages += d.pageCount;
          seconds += s;
          rows.push({ document: doc, pages: d.pageCount, "s": Number(s.toFixed(1)), "pages/s": Number((d.pageCount / s).toFixed(3)), items: d.items.length, "ocr-flagged": flagged, repaired });
        }
      }));
      const wall = (performance.now() - t0) / 1000;
      const scored = spawnSync(process.execPath, [scorer, "--golden", goldenDir, "--pred", out], { encoding: "utf8" });
      const f1 = new Map<string, string>();
      for (const line of scored.stdout.split("\n")) {
        const m = /^\s*([\d.]+)\s+P\s*[\d.]+\s+R\s*[\d.]+\s+names\s*(?:[\d.]+|-)\s+(\S+)/.exec(line);
        if (m) f1.set(m[2]!, m[1]!);
      }
      for (const r of rows) r.F1 = f1.get(String(r.document)) ?? null;
      rows.sort((a, b) => String(a.document).localeCompare(String(b.document)));
      const micro = /micro F1\s+([\d.]+)/.exec(scored.stdout)?.[1] ?? "?";
      return {
        status: "done",
        tables: [{ rows }],
        notes: [
          `OCR pages/s: ${(pages / seconds).toFixed(3)} per document thread (${pages} pages, ${seconds.toFixed(0)} s), ${(pages / wall).toFixed(3)} wall-clock with ${PARALLEL} documents at once`,
          `micro F1 ${micro} over ${docs.length} documents, items as extracted (rendering at ${OCR_BENCH_DPI} dpi, Tesseract chi_sim); repaired = amounts written repaired (identity or lost decimal point), each flagged with the value read kept`,
          ...(process.env.BUDGET_OCR_CACHE ? [`Tesseract outputs cached in ${process.env.BUDGET_OCR_CACHE}: pages/s measures the cache, not OCR`] : []),
        ],
      };
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  },
};
