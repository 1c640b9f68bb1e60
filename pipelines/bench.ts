// `npm run bench [-- --corpus DIR] [--only NAME]`: runs the benchmark sections in
// pipelines/bench/ in order and prints one report. Progress goes to stderr, the
// report to stdout. To add a benchmark, write a Benchmark and append it to BENCHMARKS.
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { extractVsPdftotext } from "./bench/extract-vs-pdftotext.ts";
import { loadVsCopy } from "./bench/load-vs-copy.ts";
import { ocrPages } from "./bench/ocr-pages.ts";
import { ocrScans } from "./bench/ocr-scans.ts";
import { crawlGeneratedPortal } from "./bench/crawl-generated-portal.ts";
import { crawlFamilies } from "./bench/crawl-families.ts";
import { endToEndPortal } from "./bench/end-to-end-portal.ts";
import { peakRssSummary } from "./bench/peak-rss.ts";
import type { Benchmark, BenchOutcome } from "./bench/types.ts";
import { formatTable } from "./text-table.ts";

export const DEFAULT_CORPUS_DIR = join("..", "shared", "corpus", "real");
export const DEFAULT_CORPUS_DIRS = [DEFAULT_CORPUS_DIR, join("..", "shared", "corpus", "unlabelled")];

/** Run in this order: extraction first, so its peak-RSS reading is not inflated by later sections. */
export const BENCHMARKS: readonly Benchmark[] = [extractVsPdftotext, loadVsCopy, ocrPages, ocrScans, crawlGeneratedPortal, crawlFamilies, endToEndPortal];

function renderSection(b: Benchmark, outcome: BenchOutcome | Error): string {
  const lines = [`== ${b.title} [${b.name}]`];
  if (outcome instanceof Error) lines.push(`ERROR: ${outcome.message}`);
  else if (outcome.status === "skipped") lines.push(`SKIPPED: ${outcome.reason}`);
  else {
    for (const t of outcome.tables) {
      if (t.title) lines.push("", t.title);
      lines.push(formatTable(t.rows));
    }
    if (outcome.notes.length > 0) lines.push("", ...outcome.notes.map((n) => `- ${n}`));
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { corpus: { type: "string", multiple: true }, only: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(
      `usage: npm run bench -- [--corpus DIR] [--only NAME]\n` +
        `  --corpus DIR  PDFs to measure, repeatable (default ${DEFAULT_CORPUS_DIRS.join(" and ")}; sections on golden documents use the first)\n` +
        `  --only NAME   one of: ${BENCHMARKS.map((b) => b.name).join(", ")}`,
    );
    return 0;
  }
  const selected = values.only ? BENCHMARKS.filter((b) => b.name === values.only) : BENCHMARKS;
  if (selected.length === 0) {
    console.error(`bench: no benchmark named "${values.only}" (have: ${BENCHMARKS.map((b) => b.name).join(", ")})`);
    return 2;
  }

  const corpusDirs = values.corpus?.length ? values.corpus : DEFAULT_CORPUS_DIRS;
  const ctx = { corpusDir: corpusDirs[0]!, corpusDirs, log: (l: string) => process.stderr.write(`  ${l}\n`) };
  const sections: string[] = [];
  const outcomes: Array<[string, BenchOutcome | Error]> = [];
  let errors = 0;
  for (const b of selected) {
    process.stderr.write(`running ${b.name}…\n`);
    let outcome: BenchOutcome | Error;
    try {
      outcome = await b.run(ctx);
    } catch (e) {
      outcome = e instanceof Error ? e : new Error(String(e));
      errors++;
    }
    sections.push(renderSection(b, outcome));
    outcomes.push([b.name, outcome]);
  }

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  console.log(`Benchmark report — ${new Date().toISOString()}, Node ${process.version}, ${cpu} x${cpus().length}`);
  console.log(`corpus: ${ctx.corpusDirs.join(", ")}`);
  console.log(`${peakRssSummary(outcomes)}\n`);
  console.log(sections.join("\n\n"));
  return errors > 0 ? 1 : 0;
}

process.exitCode = await main();
