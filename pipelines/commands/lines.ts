// `lines FILE... [--out DIR]`: each document's line items in the golden format.
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { extractDocumentFile, docIdOf, type DocumentExtract } from "../extract-document.ts";
import { ExtractPool } from "../extract-pool.ts";
import { toGoldenCsv } from "../../transform/golden-csv.ts";
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";

export const linesCommand: Command = {
  name: "lines",
  usage: `lines FILE... [--out DIR] [--no-rulings] [--with-flags]

  Reads each document and prints its line items as CSV (table,code,name,measure,amount):
  to stdout for a single file without --out, else to DIR/<doc_id>.csv (doc_id = file name
  without extension). Exit 0 when every file was read, 1 when any failed (one line each on
  stderr: file and reason); the other files are still done. A file read that yields no line
  item says why on stderr ("FILE: no line items: narrative only …") and still counts as read.
  Large batches are read on every core. --no-rulings ignores ruling lines, so that every table
  is read by text alignment (a check of the unruled-table reader).
  --with-flags adds, after the golden columns, what OCR says of each number: amount_read,
  repaired_amount, ocr_engine, ocr_confidence, ocr_second_reading, ocr_flags (empty for
  numbers not read by OCR); the amount column stays the value written (repaired where repaired).`,
  options: { out: { type: "string" }, "no-rulings": { type: "boolean" }, "with-flags": { type: "boolean" } },
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
    const noRulings = values["no-rulings"] === true;
    const withFlags = values["with-flags"] === true;
    // Several files: one worker per core (pdf.js is CPU-bound); one file: in this thread.
    // Worker threads only for batches large enough to repay their start (about a second each:
    // tsx and pdf.js load in every worker); a handful of files is faster in this thread.
    const pool = positionals.length >= MIN_FILES_FOR_WORKERS && !noRulings ? new ExtractPool({ size: availableParallelism() }) : null;
    const extract = (file: string): Promise<DocumentExtract> => (pool ? pool.extract(file) : extractDocumentFile(file, { noRulings }));
    let failed = 0;
    try {
      await Promise.all(positionals.map(async (file) => {
        try {
          const doc = await extract(file);
          const csv = toGoldenCsv(doc.items, { withFlags });
          // Nothing silent: a document that yields no line item says why (the exit code stays 0: it was read).
          if (doc.emptyReason) stderr.write(`${file}: no line items: ${doc.emptyReason}\n`);
          if (out) await writeFile(join(out, `${docIdOf(file)}.csv`), csv);
          else stdout.write(csv);
        } catch (e) {
          failed++;
          stderr.write(`${file}: ${(e as Error).message}\n`);
        }
      }));
    } finally {
      await pool?.close();
    }
    return failed ? 1 : 0;
  },
};

/** Measured on the 2-core machine: 9 files (210 pages) ran 20.8 pages/s with workers, 31 in one thread. */
export const MIN_FILES_FOR_WORKERS = 24;

