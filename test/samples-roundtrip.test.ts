// Round trip on the project's own sample documents: `lines --out TMP samples/documents/*.pdf`,
// then each predicted CSV compared with samples/golden/<doc_id>.csv. The comparison is
// written here (it does not need ../shared): key = (table, code or "(total)", measure), first
// occurrence wins, an item is right when the golden holds its key with the same amount;
// predicted rows of tables outside the meta's `tables`, or of measures outside the golden
// vocabulary (../shared/spec/golden-format.md), are not counted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readGoldenCsv, type CsvRow } from "./fixtures/csv.ts";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

/** Every sample document must round-trip exactly. */
const SAMPLE_F1_MIN = 1.0;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const documentsDir = path.join(repoRoot, "samples", "documents");
const goldenDir = path.join(repoRoot, "samples", "golden");

/** golden-format.md, "Measures". */
const GOLDEN_VOCABULARY: Record<string, readonly string[]> = {
  summary: ["income_total", "expenditure_total"],
  expenditure: ["total", "basic", "project"],
  general_by_function: ["total", "basic", "project"],
  basic_by_economic: ["total", "personnel", "public"],
  three_public: ["total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"],
};

interface Item { row: CsvRow; amount: number }

/** Items by key; the first row of a key wins. */
function keyed(rows: CsvRow[]): Map<string, Item> {
  const items = new Map<string, Item>();
  for (const row of rows) {
    const code = row.code.replace(/\s+/g, "");
    const key = `${row.table.trim()}|${code || "(total)"}|${row.measure.trim()}`;
    const raw = row.amount.replace(/[,\s]/g, "");
    if (!items.has(key)) items.set(key, { row, amount: raw === "-" ? 0 : Number(raw) });
  }
  return items;
}

interface Score { golden: number; pred: number; correct: number; precision: number; recall: number; f1: number; misses: string[] }

function scoreDocument(goldenRows: CsvRow[], predRows: CsvRow[], tables: readonly string[]): Score {
  const gold = keyed(goldenRows);
  const inScope = (i: Item) => tables.includes(i.row.table) && (GOLDEN_VOCABULARY[i.row.table] ?? []).includes(i.row.measure);
  const pred = new Map([...keyed(predRows)].filter(([, i]) => inScope(i)));
  let correct = 0;
  const misses: string[] = [];
  for (const [key, g] of gold) {
    const p = pred.get(key);
    if (p && Number.isFinite(p.amount) && Math.abs(p.amount - g.amount) < 1e-6) correct++;
    else misses.push(`${key} golden=${g.row.amount} got=${p ? p.row.amount : "none"}`);
  }
  for (const [key, p] of pred) if (!gold.has(key)) misses.push(`${key} extra=${p.row.amount}`);
  const precision = pred.size ? correct / pred.size : 0;
  const recall = gold.size ? correct / gold.size : 0;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { golden: gold.size, pred: pred.size, correct, precision, recall, f1, misses };
}

test("the comparison itself: first occurrence wins, out-of-scope rows ignored, amounts as numbers", () => {
  const row = (table: string, code: string, measure: string, amount: string, name = "x"): CsvRow => ({ table, code, name, measure, amount });
  const golden = [row("expenditure", "", "total", "100.00", "合计"), row("expenditure", "208", "total", "60"), row("expenditure", "208", "basic", "-")];
  const pred = [
    row("expenditure", "", "total", "100"), // total keyed by measure alone, 100 = 100.00
    row("expenditure", "208", "total", "60.00"),
    row("expenditure", "208", "total", "99"), // a later duplicate: ignored
    row("expenditure", "208", "basic", "0"),
    row("gov_fund", "212", "total", "5"), // table not in meta.tables
    row("expenditure", "208", "人员经费", "7"), // measure outside the vocabulary
    row("expenditure", "209", "total", "1"), // extra
  ];
  const s = scoreDocument(golden, pred, ["expenditure"]);
  assert.deepEqual([s.golden, s.pred, s.correct], [3, 4, 3]);
  assert.equal(s.recall, 1);
  assert.equal(s.precision, 0.75);
  assert.equal(s.f1, 2 * 0.75 / 1.75);
  assert.deepEqual(s.misses, ["expenditure|209|total extra=1"]);
});

test(`sample documents round-trip through lines with F1 ≥ ${SAMPLE_F1_MIN}`, { timeout: 300_000 }, async (t) => {
  const pdfs = readdirSync(documentsDir).filter((f) => f.endsWith(".pdf")).sort();
  assert.ok(pdfs.length >= 4, "at least four sample documents");
  const tmp = await mkdtemp(path.join(tmpdir(), "samples-roundtrip-"));
  t.after(() => rm(tmp, { recursive: true, force: true }));

  const run = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_NODE_ARGS, "lines", "--out", tmp, ...pdfs.map((f) => path.join(documentsDir, f))], {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });

  await t.test("lines reads every sample (exit 0, nothing on stderr)", () => {
    assert.equal(run.stderr, "");
    assert.equal(run.code, 0);
  });

  for (const pdf of pdfs) {
    const doc = path.basename(pdf, ".pdf");
    await t.test(doc, () => {
      const meta = JSON.parse(readFileSync(path.join(goldenDir, `${doc}.meta.json`), "utf8")) as { tables: string[] };
      const golden = readGoldenCsv(readFileSync(path.join(goldenDir, `${doc}.csv`), "utf8"), `golden ${doc}`);
      const predFile = path.join(tmp, `${doc}.csv`);
      assert.ok(existsSync(predFile), `${doc}.csv written`);
      const pred = readGoldenCsv(readFileSync(predFile, "utf8"), `predicted ${doc}`);
      const s = scoreDocument(golden, pred, meta.tables);
      const pct = (x: number) => (100 * x).toFixed(1);
      const summary = `${doc}: F1 ${pct(s.f1)} (P ${pct(s.precision)} R ${pct(s.recall)}; ${s.correct}/${s.golden} golden right, ${s.pred} predicted in scope)`;
      assert.ok(s.f1 >= SAMPLE_F1_MIN, `${summary}\nmisses:\n  ${s.misses.join("\n  ")}`);
    });
  }
});
