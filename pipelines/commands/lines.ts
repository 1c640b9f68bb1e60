// `lines FILE... [--out DIR]`: each document's line items in the golden format.
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { docIdOf, type ExtractOptions } from "../extract-document.ts";
import { ExtractPool } from "../extract-pool.ts";
import { toGoldenCsv } from "../../transform/golden-csv.ts";
import { parsePdfEngine, DEFAULT_PDF_ENGINE, PDF_ENGINE_NAMES } from "../../extract/pdf/pdf-engine.ts";
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";
import { linesProgress, type LinesCounts } from "./lines-progress.ts";

/**
 * Below this many files one thread reads them all: a worker costs its start-up (tsx, the
 * transform modules and PDFium load in it) before it reads anything. Measured on the 2-core
 * machine with `npm run bench -- --only extract` (the "workers from" rows; README).
 */
export const MIN_FILES_FOR_WORKERS = 24;

export const linesCommand: Command = {
  name: "lines",
  usage: `lines FILE... [--out DIR] [--no-rulings] [--with-flags] [--engine ${PDF_ENGINE_NAMES.join("|")}] [--jobs N] [--progress | --quiet]

  Reads each document and prints its line items as CSV (table,code,name,measure,amount):
  to stdout for a single file without --out, else to DIR/<doc_id>.csv (doc_id = file name
  without extension). Exit 0 when every file was read, 1 when any failed (one line each on
  stderr: file and reason); the other files are still done. A file read that yields no line
  item says why on stderr ("FILE: no line items: narrative only …") and still counts as read.
  --with-flags  after the golden columns, what OCR says of each number: amount_read,
                repaired_amount, ocr_engine, ocr_confidence, ocr_second_reading, ocr_flags (empty
                for numbers not read by OCR); the amount column stays the value written
  --no-rulings  ignore ruling lines, so that every table is read by text alignment (a check
                of the unruled-table reader)
  --engine E    the PDF engine: pdfium (default: ${DEFAULT_PDF_ENGINE}) or pdfjs (the reference)
  --jobs N      threads that read documents: this one and N − 1 worker threads, a document
                per thread (this one takes a second while the first waits for OCR); default:
                every core for batches of ${MIN_FILES_FOR_WORKERS} files or more, else 1 (below that, starting workers
                costs more than they save)
  --progress    files and pages done with the rate, and a summary line at the end, on stderr
                even when it is not a terminal (on a terminal they are shown anyway)
  --quiet       neither, even on a terminal`,
  options: {
    out: { type: "string" },
    "no-rulings": { type: "boolean" },
    "with-flags": { type: "boolean" },
    engine: { type: "string" },
    jobs: { type: "string" },
    progress: { type: "boolean" },
    quiet: { type: "boolean" },
  },
  async run({ positionals, values, stdout, stderr }) {
    if (!positionals.length) throw new UsageError("lines: give at least one FILE");
    const out = values.out as string | undefined;
    if (positionals.length > 1 && !out) throw new UsageError("lines: several files need --out DIR");
    if (out) {
      const seen = new Map<string, string>();
      for (const f of positionals) {
        const other = seen.get(docIdOf(f));
        if (other) throw new UsageError(`lines: ${other} and ${f} would both be written to ${docIdOf(f)}.csv`);
        seen.set(docIdOf(f), f);
      }
      await mkdir(out, { recursive: true });
    }
    let engine;
    try {
      engine = values.engine === undefined ? undefined : parsePdfEngine(values.engine as string);
    } catch (e) {
      throw new UsageError(`lines: ${(e as Error).message}`);
    }
    const jobs = values.jobs === undefined ? defaultJobs(positionals.length) : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`lines: --jobs takes a whole number ≥ 1, not "${values.jobs}"`);
    if (values.progress && values.quiet) throw new UsageError("lines: --progress and --quiet exclude each other");
    const options: ExtractOptions = { ...(values["no-rulings"] === true ? { noRulings: true } : {}), ...(engine ? { engine } : {}) };
    const pool = new ExtractPool({ workers: Math.min(jobs, positionals.length) - 1, inThisThread: true, thisThreadDocuments: THIS_THREAD_DOCUMENTS, extract: options });
    const progress = linesProgress(stderr as NodeJS.WritableStream & { isTTY?: boolean }, values.progress ? "on" : values.quiet ? "off" : "auto");
    const counts: LinesCounts = { files: 0, total: positionals.length, pages: 0, items: 0, failed: 0 };
    try {
      await Promise.all(positionals.map(async (file) => {
        try {
          const doc = await pool.extract(file);
          const csv = toGoldenCsv(doc.items, { withFlags: values["with-flags"] === true });
          // Nothing silent: a document that yields no line item says why (it was read: no failure).
          if (doc.emptyReason) progress.note(`${file}: no line items: ${doc.emptyReason}`);
          if (out) await writeFile(join(out, `${docIdOf(file)}.csv`), csv);
          else stdout.write(csv);
          counts.pages += doc.pageCount;
          counts.items += doc.items.length;
        } catch (e) {
          counts.failed++;
          progress.note(`${file}: ${(e as Error).message}`);
        }
        counts.files++;
        progress.done(counts, file);
      }));
    } finally {
      await pool.close();
    }
    progress.finish(counts);
    return counts.failed ? 1 : 0;
  },
};

/** Two: one to read while the other waits for OCR (see ExtractPoolOptions.thisThreadDocuments). */
const THIS_THREAD_DOCUMENTS = 2;

const defaultJobs = (files: number) => (files >= MIN_FILES_FOR_WORKERS ? availableParallelism() : 1);
