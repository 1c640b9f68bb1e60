// The scan bench: the golden documents of ../shared, their table pages made into scans of
// each kind (ocr-scan-kinds.ts, seeded), read back through the whole pipeline and scored per
// kind against ../shared/golden as score-golden.mjs scores (key table|code|measure, amounts
// compared as numbers, only the golden's tables and measures counted): micro F1, precision,
// wrong numbers without a flag (an OCR item whose amount is wrong or not in the golden and
// that carries no ocrFlags), and pages/s. Slow (seconds per page): `--only ocr-scans`.
import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { extractDocumentBytes } from "../extract-document.ts";
import { readPdfTables } from "../../extract/pdf/pdf-tables.ts";
import { recogniseTables } from "../../transform/recognise-tables.ts";
import type { LineItem } from "../../transform/contract/index.ts";
import { ocrUnavailable } from "../../extract/ocr/tools.ts";
import { SCAN_KINDS, scanPdf, type ScanKind } from "./ocr-scan-kinds.ts";
import type { Benchmark, BenchContext, BenchOutcome, Cell } from "./types.ts";

/** The golden vocabulary of measures per table (score-golden.mjs). */
const MEASURES: Record<string, string[]> = {
  summary: ["income_total", "expenditure_total"],
  expenditure: ["total", "basic", "project"],
  general_by_function: ["total", "basic", "project"],
  basic_by_economic: ["total", "personnel", "public"],
  three_public: ["total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"],
};

export interface GoldenItem { table: string; code: string; measure: string; amount: number }
const keyOf = (i: { table: string; code: string; measure: string }) => `${i.table}|${i.code || "(total)"}|${i.measure}`;

/** A golden CSV (table,code,name,measure,amount; names may be quoted) as items by key. */
export function parseGolden(csv: string): Map<string, GoldenItem> {
  const out = new Map<string, GoldenItem>();
  for (const line of csv.replace(/^\uFEFF/, "").split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const fields: string[] = [];
    let f = "", quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) { if (c === '"' && line[i + 1] === '"') { f += '"'; i++; } else if (c === '"') quoted = false; else f += c; }
      else if (c === '"') quoted = true;
      else if (c === ",") { fields.push(f); f = ""; }
      else f += c;
    }
    fields.push(f);
    const [table, code, , measure, amount] = fields as [string, string, string, string, string];
    const raw = amount.replace(/[,\s]/g, "");
    const item = { table, code: code.replace(/\s+/g, ""), measure, amount: raw === "-" ? 0 : Number(raw) };
    if (!out.has(keyOf(item))) out.set(keyOf(item), item);
  }
  return out;
}

export interface ScanScore { golden: number; pred: number; correct: number; wrongUnflagged: number; flagged: number; misses: string[] }

/** Predicted items (amount written: repaired where repaired) against the golden, within its tables and measures. */
export function scoreItems(items: LineItem[], golden: Map<string, GoldenItem>, tables: string[]): ScanScore {
  const pred = new Map<string, LineItem>();
  for (const i of items) if (tables.includes(i.table) && (MEASURES[i.table] ?? []).includes(i.measure) && !pred.has(keyOf(i))) pred.set(keyOf(i), i);
  let correct = 0, wrongUnflagged = 0, flagged = 0;
  const misses: string[] = [];
  for (const [k, p] of pred) {
    const g = golden.get(k);
    const written = Number(p.repairedAmount ?? p.amount);
    const right = g !== undefined && Math.abs(g.amount - written) < 1e-6;
    const hasFlag = (p.ocrFlags?.length ?? 0) > 0;
    if (hasFlag) flagged++;
    if (right) correct++;
    else {
      if (p.ocrConfidence !== undefined && !hasFlag) wrongUnflagged++;
      misses.push(`${k} ${g ? `golden=${g.amount}` : "extra"} got=${written}${hasFlag ? ` [${p.ocrFlags!.join(",")}]` : " [no flag]"}`);
    }
  }
  for (const [k, g] of golden) if (!pred.has(k)) misses.push(`${k} golden=${g.amount} missing`);
  return { golden: golden.size, pred: pred.size, correct, wrongUnflagged, flagged, misses };
}

const f1 = (s: { golden: number; pred: number; correct: number }) => (s.golden + s.pred ? (200 * s.correct) / (s.golden + s.pred) : 0);

/** First and last page of the document's standard tables, read from its text layer. */
export async function tablePageRange(pdfFile: string, kinds: string[]): Promise<[number, number] | null> {
  const read = await readPdfTables(await readFile(pdfFile));
  const pages = recogniseTables(read.tables).filter((t) => t.kind && kinds.includes(t.kind)).flatMap((t) => t.pages);
  return pages.length ? [Math.min(...pages), Math.max(...pages)] : null;
}

export interface KindResult extends ScanScore { kind: ScanKind; docs: number; pages: number; seconds: number; cpuSeconds: number }

/** CPU seconds of this process and of its finished children (pdftoppm, Tesseract), from /proc; null elsewhere. */
function cpuSeconds(): number | null {
  try {
    const f = readFileSync("/proc/self/stat", "utf8").replace(/^.*\)\s/, "").split(" ");
    // After the command: state ppid … utime(12) stime(13) cutime(14) cstime(15), 0-based from state.
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return null;
  }
}

/** One kind over the documents: scans made, read, scored. `limitPages`: read at most this many pages of each document (development). */
export async function benchKind(kind: ScanKind, docs: string[], corpusDir: string, goldenDir: string, log: (l: string) => void, limitPages?: number): Promise<KindResult> {
  const total: KindResult = { kind, docs: 0, pages: 0, seconds: 0, cpuSeconds: 0, golden: 0, pred: 0, correct: 0, wrongUnflagged: 0, flagged: 0, misses: [] };
  for (const doc of docs) {
    const pdf = join(corpusDir, `${doc}.pdf`);
    const golden = parseGolden(await readFile(join(goldenDir, `${doc}.csv`), "utf8"));
    const meta = join(goldenDir, `${doc}.meta.json`);
    const tables: string[] = existsSync(meta) ? JSON.parse(await readFile(meta, "utf8")).tables : [...new Set([...golden.values()].map((g) => g.table))];
    const range = await tablePageRange(pdf, tables);
    if (!range) { log(`ocr-scans: ${doc}: no standard table found in its text layer, skipped`); continue; }
    const pages: [number, number] = limitPages ? [range[0], Math.min(range[1], range[0] + limitPages - 1)] : range;
    const scan = await scanPdf(pdf, kind, pages, doc);
    const t = performance.now(), c0 = cpuSeconds();
    const d = await extractDocumentBytes(scan, `${doc}.pdf`);
    const s = (performance.now() - t) / 1000, c1 = cpuSeconds();
    total.cpuSeconds += c0 !== null && c1 !== null ? c1 - c0 : s;
    // With fewer pages than the document's tables, only the golden items of the tables read count.
    const scope = limitPages ? new Map([...golden].filter(([, g]) => d.items.some((i) => i.table === g.table))) : golden;
    const score = scoreItems(d.items, scope, tables);
    log(`ocr-scans: ${kind} ${doc} p${pages[0]}–${pages[1]}: ${d.pageCount} pages in ${s.toFixed(0)} s, F1 ${f1(score).toFixed(1)}, ${score.wrongUnflagged} wrong without a flag`);
    total.docs++; total.pages += d.pageCount; total.seconds += s;
    total.golden += score.golden; total.pred += score.pred; total.correct += score.correct; total.wrongUnflagged += score.wrongUnflagged; total.flagged += score.flagged;
    total.misses.push(...score.misses.map((m) => `${doc} ${m}`));
  }
  return total;
}

export function kindRow(r: KindResult): Record<string, Cell> {
  return {
    kind: r.kind, docs: r.docs, pages: r.pages, golden: r.golden, pred: r.pred, correct: r.correct,
    F1: Number(f1(r).toFixed(1)), precision: r.pred ? Number(((100 * r.correct) / r.pred).toFixed(1)) : null,
    "wrong, no flag": r.wrongUnflagged, flagged: r.flagged, "pages/s": r.seconds ? Number((r.pages / r.seconds).toFixed(3)) : null,
    // What a 2-core machine does with a document per core, from the CPU time one page costs (the shared machine's wall clock varies ×3).
    "CPU s/page": r.pages ? Number((r.cpuSeconds / r.pages).toFixed(2)) : null,
  };
}

export async function goldenDocs(corpusDir: string, goldenDir: string): Promise<string[]> {
  return (await readdir(goldenDir)).filter((f) => f.endsWith(".csv")).map((f) => basename(f, ".csv")).filter((d) => existsSync(join(corpusDir, `${d}.pdf`))).sort();
}

export const ocrScans: Benchmark = {
  name: "ocr-scans",
  title: "OCR of seeded scans of the golden documents' table pages, per kind (clean 200/150 dpi, office scan with and without skew, fax, red seal)",
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const missing = ocrUnavailable("chi_sim");
    if (missing) return { status: "skipped", reason: missing };
    const goldenDir = join(ctx.corpusDir, "..", "..", "golden");
    if (!existsSync(goldenDir)) return { status: "skipped", reason: `no golden files beside ${ctx.corpusDir}` };
    const docs = await goldenDocs(ctx.corpusDir, goldenDir);
    const rows: Record<string, Cell>[] = [];
    let pages = 0, seconds = 0;
    for (const kind of SCAN_KINDS) {
      const r = await benchKind(kind, docs, ctx.corpusDir, goldenDir, ctx.log);
      rows.push(kindRow(r));
      pages += r.pages; seconds += r.seconds;
    }
    return {
      status: "done",
      tables: [{ rows }],
      notes: [
        `${pages} pages in ${seconds.toFixed(0)} s of reading (${(pages / seconds).toFixed(3)} pages/s wall-clock, one document at a time; making the scans not counted); CPU s/page = CPU time of the reading (this process and its pdftoppm/Tesseract children) per page: 2 cores read about 2 ÷ that pages/s`,
        "wrong, no flag = an OCR amount written wrong (or not in the golden) that carries no ocrFlags; flagged = amounts with any flag",
        ...(process.env.BUDGET_OCR_CACHE ? [`Tesseract outputs cached in ${process.env.BUDGET_OCR_CACHE}: pages/s measures the cache, not OCR`] : []),
      ],
    };
  },
};
