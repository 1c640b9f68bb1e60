// The committed sample documents and their golden files: well-formed, paired, internally consistent.
// Reads files only: no LibreOffice, no pdftotext, no extractor.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GOLDEN_MEASURES } from "../samples/generate/model.ts";

const samples = join(dirname(fileURLToPath(import.meta.url)), "..", "samples");
const goldenDir = join(samples, "golden");
const documentsDir = join(samples, "documents");

/** Rows per table kind and PDF pages, as generated; a change here is a change of the samples. */
const EXPECTED: Record<string, { pages: number; rows: Record<string, number> }> = {
  "jiyuan-yibao_2022_dept-budget_ruled": { pages: 9, rows: { summary: 2, expenditure: 72, general_by_function: 58, basic_by_economic: 57, three_public: 5 } },
  "beilin-yibao_2022_dept-budget_unruled": { pages: 11, rows: { summary: 2, expenditure: 43, general_by_function: 43, basic_by_economic: 42 } },
  "zhumadian-yibao_2022_dept-budget_yuan": { pages: 7, rows: { summary: 2, expenditure: 21, general_by_function: 21, basic_by_economic: 49, three_public: 3 } },
  "fengrun-yibao_2023_dept-budget_wrapped": { pages: 11, rows: { summary: 2, expenditure: 50, general_by_function: 50, basic_by_economic: 53, three_public: 3 } },
};

/** Differences (合计 minus the sum of its parts, in the document's printed unit) that the source prints and meta notes explain. */
const KNOWN_DIFFERENCES: Record<string, number> = {
  "zhumadian-yibao_2022_dept-budget_yuan|basic_by_economic|total": -200,
  "zhumadian-yibao_2022_dept-budget_yuan|basic_by_economic|personnel": -200,
};

interface Row { table: string; code: string; name: string; measure: string; amount: string }

const csvFiles = readdirSync(goldenDir).filter((f) => f.endsWith(".csv"));
const docIds = csvFiles.map((f) => basename(f, ".csv")).sort();

function readGolden(docId: string): Row[] {
  const text = readFileSync(join(goldenDir, `${docId}.csv`), "utf8");
  const [header, ...lines] = text.trimEnd().split("\n");
  assert.equal(header, "table,code,name,measure,amount", `${docId}: header row`);
  assert.ok(!text.includes('"'), `${docId}: no quoted fields expected`);
  return lines.map((line, i) => {
    const fields = line.split(",");
    assert.equal(fields.length, 5, `${docId} line ${i + 2}: five fields`);
    const [table, code, name, measure, amount] = fields as [string, string, string, string, string];
    return { table, code, name, measure, amount };
  });
}

const cents = (amount: string) => Math.round(Number(amount) * 100);
/** amount by table, code ("" for totals) and measure. */
const index = (rows: Row[]) => new Map(rows.map((r) => [`${r.table}|${r.code}|${r.measure}`, cents(r.amount)]));

test("every PDF has a golden CSV and meta.json, and every golden file a PDF", () => {
  const pdfs = readdirSync(documentsDir).filter((f) => f.endsWith(".pdf")).map((f) => basename(f, ".pdf")).sort();
  const metas = readdirSync(goldenDir).filter((f) => f.endsWith(".meta.json")).map((f) => basename(f, ".meta.json")).sort();
  assert.ok(pdfs.length >= 4, "at least four sample documents");
  assert.deepEqual(docIds, pdfs);
  assert.deepEqual(metas, pdfs);
  assert.deepEqual(Object.keys(EXPECTED).sort(), pdfs);
});

test("PDFs are self-contained: embedded fonts with ToUnicode maps, expected page counts", () => {
  for (const docId of docIds) {
    const pdf = readFileSync(join(documentsDir, `${docId}.pdf`)).toString("latin1");
    assert.ok(pdf.startsWith("%PDF-"), `${docId}: PDF header`);
    assert.match(pdf, /\/FontFile[23]?\b/, `${docId}: embedded font`);
    assert.match(pdf, /\/ToUnicode\b/, `${docId}: ToUnicode map`);
    assert.equal(pdf.match(/\/Type\s*\/Page\b/g)?.length, EXPECTED[docId]!.pages, `${docId}: pages`);
  }
});

test("golden rows use the vocabulary, numeric amounts, unique keys", () => {
  for (const docId of docIds) {
    const rows = readGolden(docId);
    const keys = new Set<string>();
    for (const r of rows) {
      const measures: readonly string[] | undefined = GOLDEN_MEASURES[r.table as keyof typeof GOLDEN_MEASURES];
      assert.ok(measures, `${docId}: table kind ${r.table}`);
      assert.ok(measures.includes(r.measure), `${docId}: measure ${r.measure} of ${r.table}`);
      assert.match(r.code, /^(\d{3}|\d{5}|\d{7})?$/, `${docId}: code ${r.code}`);
      assert.match(r.amount, /^-?\d+(\.\d+)?$/, `${docId}: amount ${r.amount}`);
      assert.ok(r.name.trim() === r.name && r.name !== "", `${docId}: name "${r.name}"`);
      const key = `${r.table}|${r.code}|${r.measure}`;
      assert.ok(!keys.has(key), `${docId}: duplicate ${key}`);
      keys.add(key);
    }
  }
});

test("meta.json matches the golden file", () => {
  for (const docId of docIds) {
    const meta = JSON.parse(readFileSync(join(goldenDir, `${docId}.meta.json`), "utf8"));
    assert.deepEqual(Object.keys(meta).sort(), ["department", "doc_id", "fiscal_year", "level", "notes", "phase", "tables", "unit"]);
    assert.equal(meta.doc_id, docId);
    assert.ok(["元", "万元"].includes(meta.unit) && meta.level === "department" && meta.phase === "budget");
    assert.ok(Number.isInteger(meta.fiscal_year) && /医疗保障局$/.test(meta.department));
    assert.ok(meta.notes.length > 200, `${docId}: notes say where the sample comes from`);
    const tables = [...new Set(readGolden(docId).map((r) => r.table))];
    assert.deepEqual(meta.tables, tables);
  }
});

test("row counts per document and table", () => {
  for (const docId of docIds) {
    const counts: Record<string, number> = {};
    for (const r of readGolden(docId)) counts[r.table] = (counts[r.table] ?? 0) + 1;
    assert.deepEqual(counts, EXPECTED[docId]!.rows, docId);
    assert.ok(Object.values(counts).reduce((a, b) => a + b) > 90, `${docId}: more than 90 rows`);
  }
});

const CODED = ["expenditure", "general_by_function", "basic_by_economic"];

test("合计 = sum of the top-level (类, or shallowest printed) rows, per measure", () => {
  for (const docId of docIds) {
    const rows = readGolden(docId);
    for (const table of CODED) {
      const coded = rows.filter((r) => r.table === table && r.code !== "");
      const topLength = Math.min(...coded.map((r) => r.code.length));
      for (const measure of GOLDEN_MEASURES[table as "expenditure" | "basic_by_economic"]) {
        const total = rows.find((r) => r.table === table && r.code === "" && r.measure === measure);
        const parts = coded.filter((r) => r.code.length === topLength && r.measure === measure);
        if (!total) { assert.equal(parts.length, 0, `${docId} ${table} ${measure}: parts without 合计`); continue; }
        const diff = cents(total.amount) - parts.reduce((s, r) => s + cents(r.amount), 0);
        const known = KNOWN_DIFFERENCES[`${docId}|${table}|${measure}`];
        if (known !== undefined) assert.equal(diff, known * 100, `${docId} ${table} ${measure}: known difference`);
        else assert.ok(Math.abs(diff) <= parts.length, `${docId} ${table} ${measure}: 合计 off by ${diff / 100} over ${parts.length} rows`);
      }
    }
  }
});

test("parents = sum of printed children; total = basic + project; total = personnel + public", () => {
  for (const docId of docIds) {
    const rows = readGolden(docId);
    const amount = index(rows);
    const get = (table: string, code: string, measure: string) => amount.get(`${table}|${code}|${measure}`) ?? 0;
    for (const table of CODED) {
      const codes = [...new Set(rows.filter((r) => r.table === table).map((r) => r.code))];
      for (const parent of codes.filter((c) => c.length === 3 || c.length === 5)) {
        const children = codes.filter((c) => c.length === parent.length + 2 && c.startsWith(parent));
        if (children.length === 0) continue;
        for (const measure of GOLDEN_MEASURES[table as "expenditure" | "basic_by_economic"]) {
          const diff = get(table, parent, measure) - children.reduce((s, c) => s + get(table, c, measure), 0);
          assert.ok(Math.abs(diff) <= children.length, `${docId} ${table} ${parent} ${measure}: off by ${diff / 100}`);
        }
      }
      const [a, b] = table === "basic_by_economic" ? ["personnel", "public"] : ["basic", "project"];
      for (const code of codes) {
        const diff = get(table, code, "total") - get(table, code, a) - get(table, code, b);
        assert.ok(Math.abs(diff) <= 1, `${docId} ${table} ${code || "合计"}: total ≠ ${a} + ${b} (off by ${diff / 100})`);
      }
    }
  }
});

test("three_public and summary identities", () => {
  for (const docId of docIds) {
    const amount = index(readGolden(docId));
    const get = (table: string, measure: string) => amount.get(`${table}||${measure}`) ?? 0;
    assert.ok(amount.has("summary||income_total") && amount.has("summary||expenditure_total"), `${docId}: summary totals`);
    assert.equal(get("summary", "income_total"), get("summary", "expenditure_total"), `${docId}: 收入总计 = 支出总计`);
    if (!amount.has("three_public||total")) continue;
    assert.equal(get("three_public", "total"), get("three_public", "overseas") + get("three_public", "vehicle") + get("three_public", "reception"), docId);
    assert.equal(get("three_public", "vehicle"), get("three_public", "vehicle_purchase") + get("three_public", "vehicle_operation"), docId);
  }
});
