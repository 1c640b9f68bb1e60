// The committed sample documents and their golden files: well-formed, paired, internally consistent.
// Reads files only: no LibreOffice, no pdftotext, no extractor.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GOLDEN_MEASURES } from "../samples/generate/model.ts";
import { type CodedRow, ExpectedFile, type ExtTable } from "../samples/generate/expected-schema.ts";

const samples = join(dirname(fileURLToPath(import.meta.url)), "..", "samples");
const goldenDir = join(samples, "golden");
const documentsDir = join(samples, "documents");

/** Rows per table kind and PDF pages, as generated; a change here is a change of the samples. */
const EXPECTED: Record<string, { pages: number; rows: Record<string, number> }> = {
  "jiyuan-yibao_2022_dept-budget_ruled": { pages: 18, rows: { summary: 2, expenditure: 72, general_by_function: 58, basic_by_economic: 57, three_public: 5 } },
  "beilin-yibao_2022_dept-budget_unruled": { pages: 17, rows: { summary: 2, expenditure: 43, general_by_function: 43, basic_by_economic: 42 } },
  "zhumadian-yibao_2022_dept-budget_yuan": { pages: 14, rows: { summary: 2, expenditure: 21, general_by_function: 21, basic_by_economic: 49, three_public: 3 } },
  "fengrun-yibao_2023_dept-budget_wrapped": { pages: 18, rows: { summary: 2, expenditure: 50, general_by_function: 50, basic_by_economic: 53, three_public: 3 } },
  "jiaozuo-yibao_2025_dept-budget_repaired": { pages: 15, rows: { summary: 2, expenditure: 32, general_by_function: 32, basic_by_economic: 45, three_public: 4 } },
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
    const keys = Object.keys(meta).filter((k) => k !== "department_code" && k !== "units").sort();
    assert.deepEqual(keys, ["department", "doc_id", "fiscal_year", "level", "notes", "phase", "tables", "unit"]);
    if ("department_code" in meta) assert.match(meta.department_code, /^\d{3}$/, `${docId}: department_code`);
    if ("units" in meta) {
      assert.ok(Array.isArray(meta.units) && meta.units.length > 0, `${docId}: units`);
      for (const u of meta.units) {
        assert.deepEqual(Object.keys(u).sort(), ["code", "name"]);
        assert.ok(u.code.startsWith(meta.department_code ?? ""), `${docId}: unit ${u.code} under ${meta.department_code}`);
      }
    }
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

// ---- Extended expectation files (samples/expected/<doc_id>.json): every printed table the golden does not hold.

const expectedDir = join(samples, "expected");

/** Tables and rows per kind in each expectation file, as generated; a change here is a change of the samples. */
const EXPECTED_EXT: Record<string, Record<string, number>> = {
  "jiyuan-yibao_2022_dept-budget_ruled": { income: 4, fiscal_summary: 12, economic_summary: 44, gov_fund: 8, project: 38, performance: 44 },
  "beilin-yibao_2022_dept-budget_unruled": { fiscal_summary: 83, gov_fund: 0, three_public: 0, performance: 57 },
  "zhumadian-yibao_2022_dept-budget_yuan": { income: 4, fiscal_summary: 9, economic_summary: 29, gov_fund: 0, project: 16, performance: 54 },
  "fengrun-yibao_2023_dept-budget_wrapped": { income: 23, fiscal_summary: 10, gov_fund: 0, state_capital: 0, performance: 21, expenditure: 17 },
  "jiaozuo-yibao_2025_dept-budget_repaired": { income: 4, fiscal_summary: 13, economic_summary: 31, gov_fund: 0, state_capital: 0, project: 15, performance: 41 },
};

/**
 * Differences the source prints and the meta notes name: `doc|title|row name|measure` → printed minus computed,
 * in the table's unit; the text that must appear in the notes.
 */
const EXT_KNOWN: Record<string, { diff: number; notes: string }> = {
  // Seed 003 prints the 支出经济分类汇总表 合计 0.02 万元 below its items (as its 基本支出 table).
  ...Object.fromEntries(["总计", "一般公共预算/小计", "一般公共预算/其中：财政拨款"].map((m) => [
    `zhumadian-yibao_2022_dept-budget_yuan|2022年支出经济分类汇总表|economic|${m}`,
    { diff: -200, notes: "its items add up to 12,186,700.00 (财政拨款 10,836,700.00) while 合计 prints 12,186,500.00" },
  ])),
};

function readExpected(docId: string): ExpectedFile {
  return ExpectedFile.parse(JSON.parse(readFileSync(join(expectedDir, `${docId}.json`), "utf8")));
}

/** Asserts a = Σ parts (in cents) unless the difference is known and named in the notes. */
function checkSum(docId: string, notes: string, where: string, total: number, parts: number[]) {
  const diff = total - parts.reduce((s, p) => s + p, 0);
  if (diff === 0) return;
  const known = EXT_KNOWN[`${docId}|${where}`];
  assert.ok(known, `${docId} ${where}: off by ${diff / 100}`);
  assert.equal(diff, Math.round(known.diff * 100), `${docId} ${where}: known difference`);
  assert.ok(notes.includes(known.notes), `${docId} ${where}: the notes name it (${known.notes})`);
}

/**
 * Column identities from the header paths: a column G/合计 or G/小计 (or a one-part 总计/合计 first column for the
 * whole table) = Σ of G's other children, a child group counting as its own 合计/小计 or the sum of its parts;
 * children named 其中… are parts of a part and left out.
 */
function columnIdentities(amounts: Record<string, string>, measures: string[], check: (where: string, total: number, parts: number[]) => void) {
  const paths = measures.map((m) => m.split("/"));
  const value = (p: string[]) => (amounts[p.join("/")] === undefined ? 0 : cents(amounts[p.join("/")]!));
  const isTotal = (s: string) => s === "合计" || s === "小计" || s === "总计";
  const children = (g: string[]) => {
    const next = new Map<string, string[]>();
    for (const p of paths) if (p.length > g.length && g.every((x, i) => p[i] === x)) next.set(p[g.length]!, p.slice(0, g.length + 1));
    return [...next.values()];
  };
  const groupValue = (g: string[]): number => {
    const exact = paths.some((p) => p.join("/") === g.join("/"));
    if (exact) return value(g);
    const kids = children(g);
    const sub = kids.find((k) => isTotal(k.at(-1)!) && !paths.some((p) => p.length > k.length && k.every((x, i) => p[i] === x)));
    if (sub) return value(sub);
    return kids.filter((k) => !k.at(-1)!.startsWith("其中")).reduce((s, k) => s + groupValue(k), 0);
  };
  const groups = new Map<string, string[]>([["", []]]);
  for (const p of paths) for (let i = 1; i < p.length; i++) groups.set(p.slice(0, i).join("/"), p.slice(0, i));
  for (const g of groups.values()) {
    const kids = children(g);
    const sub = kids.find((k) => isTotal(k.at(-1)!) && paths.some((p) => p.join("/") === k.join("/")));
    if (!sub || (g.length === 0 && sub !== kids[0])) continue;
    const parts = kids.filter((k) => k !== sub && !k.at(-1)!.startsWith("其中"));
    if (parts.length === 0) continue;
    check(sub.join("/"), value(sub), parts.map(groupValue));
  }
}

test("every PDF has an expectation file; each parses against the schema and lists the printed tables", () => {
  const pdfs = readdirSync(documentsDir).filter((f) => f.endsWith(".pdf")).map((f) => basename(f, ".pdf")).sort();
  const files = readdirSync(expectedDir).filter((f) => f.endsWith(".json")).map((f) => basename(f, ".json")).sort();
  assert.deepEqual(files, pdfs);
  assert.deepEqual(Object.keys(EXPECTED_EXT).sort(), pdfs);
  for (const docId of pdfs) {
    const file = readExpected(docId);
    const meta = JSON.parse(readFileSync(join(goldenDir, `${docId}.meta.json`), "utf8"));
    assert.equal(file.doc_id, docId);
    const goldenKinds = [...new Set(file.printed.filter((p) => p.in === "golden").map((p) => p.kind))];
    assert.deepEqual(goldenKinds, meta.tables, `${docId}: golden tables in print order`);
    assert.deepEqual(file.printed.filter((p) => p.in === "expected").map((p) => [p.kind, p.title]), file.tables.map((t) => [t.kind, t.title]));
    const counts: Record<string, number> = {};
    for (const t of file.tables) counts[t.kind] = (counts[t.kind] ?? 0) + t.rows.length;
    assert.deepEqual(counts, EXPECTED_EXT[docId], docId);
    for (const t of file.tables) {
      // “三公” tables and 项目绩效 tables (项目金额（万元）) may be printed in 万元 inside a 元 document, as the seeds do.
      assert.equal(t.unit === meta.unit || t.kind === "three_public" || t.kind === "performance", true, `${docId} ${t.title}: unit`);
      assert.equal(t.scope === "unit", t.unit_code !== null, `${docId} ${t.title}: unit-level tables name their unit`);
      if (t.unit_code) assert.ok(meta.units?.some((u: { code: string }) => u.code === t.unit_code), `${docId}: unit ${t.unit_code} in meta.units`);
      const amounts = t.row_format === "performance" ? [] : t.rows.map((r) => r.amounts);
      if (t.row_format !== "performance") assert.equal(t.empty, amounts.every((a) => Object.keys(a).length === 0), `${docId} ${t.title}: empty flag`);
      if (t.empty) assert.ok(t.note, `${docId} ${t.title}: an empty table carries its note`);
    }
  }
});

/** Coded rows: parent = Σ children (items with the same code summed first), 合计 = Σ top-level rows. */
function codedIdentities(docId: string, notes: string, t: Extract<ExtTable, { row_format: "coded" }>) {
  const measures = [...new Set(t.rows.flatMap((r) => Object.keys(r.amounts)))];
  const byCode = new Map<string, Record<string, number>>();
  for (const r of t.rows.filter((r) => r.code_type === t.rows.find((x) => x.code_type !== "" && x.code_type !== "unit")?.code_type || r.code_type === "unit")) {
    const acc = byCode.get(`${r.code_type}|${r.code}`) ?? {};
    for (const [m, a] of Object.entries(r.amounts)) acc[m] = (acc[m] ?? 0) + cents(a);
    byCode.set(`${r.code_type}|${r.code}`, acc);
  }
  const rows = [...byCode.entries()].map(([k, amounts]) => ({ type: k.split("|")[0]!, code: k.split("|")[1]!, amounts }));
  const total = t.rows.find((r) => r.code === "");
  for (const type of ["functional", "economic", "unit"]) {
    const coded = rows.filter((r) => r.type === type);
    if (coded.length === 0) continue;
    for (const parent of coded) {
      const longer = coded.filter((c) => c.code.length > parent.code.length && c.code.startsWith(parent.code));
      const next = Math.min(...longer.map((c) => c.code.length));
      const kids = longer.filter((c) => c.code.length === next);
      if (kids.length === 0) continue;
      for (const m of measures) checkSum(docId, notes, `${t.title}|${parent.code}|${m}`, parent.amounts[m] ?? 0, kids.map((k) => k.amounts[m] ?? 0));
    }
    const top = Math.min(...coded.map((c) => c.code.length));
    const tops = coded.filter((c) => c.code.length === top);
    if (total) for (const m of measures) checkSum(docId, notes, `${t.title}|${type}|${m}`, total.amounts[m] ? cents(total.amounts[m]!) : 0, tops.map((c) => c.amounts[m] ?? 0));
  }
  for (const r of t.rows) columnIdentities(r.amounts, measures, (where, a, parts) => checkSum(docId, notes, `${t.title}|${r.code || r.name}|${where}`, a, parts));
}

test("expectation files: the tables' own identities hold, allowing only differences the meta notes name", () => {
  for (const docId of docIds) {
    const file = readExpected(docId);
    const notes: string = JSON.parse(readFileSync(join(goldenDir, `${docId}.meta.json`), "utf8")).notes;
    const projectNames = new Set(file.tables.flatMap((t) => (t.row_format === "project" ? t.rows.map((r) => r.name) : [])));
    for (const t of file.tables) {
      if (t.row_format === "coded") codedIdentities(docId, notes, t);
      if (t.row_format === "panels") {
        const measures = [...new Set(t.rows.flatMap((r) => Object.keys(r.amounts)))];
        for (const r of t.rows) columnIdentities(r.amounts, measures, (where, a, parts) => checkSum(docId, notes, `${t.title}|${r.name}|${where}`, a, parts));
        const first = (side: string, re: RegExp) => t.rows.find((r) => r.side === side && re.test(r.name.replace(/\s/g, "")));
        const income = first("income", /^收入(总计|合计)/), expenditure = first("expenditure", /^支出(总计|合计)/);
        if (income && expenditure) checkSum(docId, notes, `${t.title}|收入 = 支出`, cents(Object.values(income.amounts)[0]!), [cents(Object.values(expenditure.amounts)[0]!)]);
      }
      if (t.row_format === "project") {
        const measures = [...new Set(t.rows.flatMap((r) => Object.keys(r.amounts)))];
        for (const r of t.rows) columnIdentities(r.amounts, measures, (where, a, parts) => checkSum(docId, notes, `${t.title}|${r.name}|${where}`, a, parts));
        const total = t.rows.find((r) => r.row_type === "total");
        const units = t.rows.filter((r) => r.row_type === "unit");
        const projects = t.rows.filter((r) => r.row_type === "project");
        assert.ok(total && projects.length > 0, `${docId} ${t.title}: total and projects`);
        for (const m of measures) {
          const get = (r: { amounts: Record<string, string> }) => (r.amounts[m] ? cents(r.amounts[m]!) : 0);
          checkSum(docId, notes, `${t.title}|合计 = Σ projects|${m}`, get(total!), projects.map(get));
          for (const u of units) {
            const mine = projects.filter((p) => (p.unit_code ? p.unit_code.startsWith(u.unit_code) : true));
            checkSum(docId, notes, `${t.title}|${u.unit_code}|${m}`, get(u), mine.map(get));
          }
        }
        for (const p of projects) assert.ok(p.type === null || /^(其他运转类|特定目标类)$/.test(p.type), `${docId}: 项目类型 ${p.type}`);
      }
      if (t.row_format === "performance") {
        for (const r of t.rows) {
          assert.match(r.level1, /指标$|^满意度$/, `${docId}: level1 ${r.level1}`);
          if (r.project !== "department" && projectNames.size) assert.ok(projectNames.has(r.project), `${docId}: performance project ${r.project} in the project table`);
        }
      }
    }
  }
});

test("expectation coded rows: codes are digits of a known length and the declared type", () => {
  for (const docId of docIds) {
    for (const t of readExpected(docId).tables) {
      if (t.row_format !== "coded") continue;
      for (const r of t.rows as CodedRow[]) {
        if (r.code_type === "functional") assert.match(r.code, /^2\d{2}(\d{2}){0,2}$/, `${docId} ${t.title}: ${r.code}`);
        if (r.code_type === "economic") assert.match(r.code, /^3\d{2}(\d{2})?$/, `${docId} ${t.title}: ${r.code}`);
        if (r.code_type === "unit") assert.match(r.code, /^\d{3}(\d{3})?$/, `${docId} ${t.title}: ${r.code}`);
        if (r.code_type === "") assert.equal(r.code, "");
        if (r.gov_code) assert.match(r.gov_code, /^5\d{4}$/, `${docId} ${t.title}: gov ${r.gov_code}`);
      }
    }
  }
});
