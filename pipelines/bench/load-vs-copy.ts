// Rows/s of our loader (zod validation + exact amount conversion + appender, one
// transaction) against DuckDB's own CSV COPY of the same rows into the same table:
// COPY is the ceiling for getting line items into this schema.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Warehouse } from "../../load/warehouse.ts";
import { formatScaled, printedToScaledYuan } from "../../load/amount.ts";
import { LINE_ITEM_COLUMNS } from "../../load/schema.ts";
import type { LineItem } from "../../transform/line-item.ts";
import type { Benchmark, BenchOutcome } from "./types.ts";

/** Synthetic line items per timed load: about a hundred real documents' worth. */
export const LOAD_BENCH_ROWS = 100_000;

/** Deterministic, realistic-looking items: 7-digit codes, amounts with cents, both units. */
export function syntheticItems(n: number): LineItem[] {
  return Array.from({ length: n }, (_, i) => ({
    table: i % 3 === 0 ? "general_by_function" : "expenditure",
    code: String(2010101 + (i % 9000)),
    name: `项目支出${i % 97}`,
    measure: (["total", "basic", "project"] as const)[i % 3]!,
    amount: `${(i * 7919) % 100_000_000}.${String(i % 100).padStart(2, "0")}`,
    unit: i % 5 === 0 ? "万元" : "元",
    page: 1 + (i % 40),
    bbox: [72 + (i % 10), 100 + (i % 600), 140 + (i % 10), 112 + (i % 600)],
    row: i % 60,
    col: i % 8,
  }));
}

const csvField = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export const loadVsCopy: Benchmark = {
  name: "load",
  title: `Load speed: Warehouse.loadDocument (appender) vs DuckDB COPY from CSV, ${LOAD_BENCH_ROWS.toLocaleString("en")} rows`,
  async run(ctx): Promise<BenchOutcome> {
    const dir = await mkdtemp(join(tmpdir(), "bench-load-"));
    try {
      const items = syntheticItems(LOAD_BENCH_ROWS);
      const sha256 = createHash("sha256").update("bench-load").digest("hex");
      const doc = { docId: "bench", file: "bench.pdf", sha256, format: "pdf", pageCount: 40, items };

      // Ours, warmed up on a small document first.
      const ours = await Warehouse.open(join(dir, "ours.duckdb"));
      let oursMs: number;
      try {
        const run = await ours.startRun("bench");
        await ours.loadDocument({ ...doc, sha256: "0".repeat(64), items: items.slice(0, 1000) }, run);
        ctx.log("load: ours");
        const t0 = performance.now();
        await ours.loadDocument(doc, run);
        oursMs = performance.now() - t0;
      } finally {
        ours.close();
      }

      // COPY: the same rows, amount_yuan precomputed, written to CSV outside the timing.
      const csv = join(dir, "items.csv");
      const lines = items.map((it, i) =>
        [
          sha256, doc.docId, i, it.table, it.code, it.name, it.measure, it.amount, it.unit,
          formatScaled(printedToScaledYuan(it.amount, it.unit)), it.page, ...it.bbox, it.row, it.col,
        ].map(csvField).join(","),
      );
      await writeFile(csv, LINE_ITEM_COLUMNS.join(",") + "\n" + lines.join("\n") + "\n");
      const ref = await Warehouse.open(join(dir, "copy.duckdb"));
      let copyMs: number;
      try {
        const run = await ref.startRun("bench");
        // The documents row the foreign key needs, with no line items.
        await ref.loadDocument({ ...doc, items: [] }, run);
        await ref.query(`COPY line_items FROM '${csv}' (HEADER)`); // warm-up
        await ref.query(`DELETE FROM line_items`);
        ctx.log("load: COPY");
        const t0 = performance.now();
        await ref.query(`COPY line_items FROM '${csv}' (HEADER)`);
        copyMs = performance.now() - t0;
        const [check] = await ref.query("SELECT count(*) AS n FROM line_items");
        if (Number(check!.n) !== LOAD_BENCH_ROWS) throw new Error(`COPY loaded ${check!.n} rows, expected ${LOAD_BENCH_ROWS}`);
      } finally {
        ref.close();
      }

      const rate = (ms: number) => LOAD_BENCH_ROWS / (ms / 1000);
      return {
        status: "done",
        tables: [
          {
            rows: [
              { method: "Warehouse.loadDocument", rows: LOAD_BENCH_ROWS, seconds: (oursMs / 1000).toFixed(2), "rows/s": rate(oursMs).toFixed(0) },
              { method: "COPY line_items FROM csv", rows: LOAD_BENCH_ROWS, seconds: (copyMs / 1000).toFixed(2), "rows/s": rate(copyMs).toFixed(0) },
            ],
          },
        ],
        notes: [
          `ours / COPY = ${(rate(oursMs) / rate(copyMs)).toFixed(3)} (ours includes zod validation and amount conversion; COPY gets amount_yuan precomputed)`,
        ],
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
