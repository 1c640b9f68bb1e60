// Every non-PDF rendering of the sample documents (samples/documents/<format>/<doc_id>.*)
// through `lines`, scored against the same samples/golden/<doc_id>.csv as the PDFs:
// F1 must be 100. XLS and DOC need LibreOffice and are skipped, saying so, without it.
// Also: the ZIP's renditions agree with each other, and merged header cells come out
// as spans in the Table IR.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readGoldenCsv, type CsvRow } from "./fixtures/csv.ts";
import { extractDocumentFile } from "../pipelines/extract-document.ts";
import { findLibreOffice } from "../extract/readers/libreoffice.ts";
import { readXlsx } from "../extract/readers/xlsx-reader.ts";
import { readHtml } from "../extract/readers/html-reader.ts";
import { readDocx } from "../extract/readers/docx-reader.ts";
import { tableGrid, type Table } from "../extract/table-ir.ts";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const documentsDir = path.join(repoRoot, "samples", "documents");
const goldenDir = path.join(repoRoot, "samples", "golden");
const FORMATS = [
  { dir: "xlsx", needsLibreOffice: false },
  { dir: "html", needsLibreOffice: false },
  { dir: "docx", needsLibreOffice: false },
  { dir: "zip", needsLibreOffice: false },
  { dir: "xls", needsLibreOffice: true },
  { dir: "doc", needsLibreOffice: true },
];
const SAMPLE = "jiyuan-yibao_2022_dept-budget_ruled";
const hasLibreOffice = findLibreOffice() !== null;

/** Golden measures per table (golden-format.md); key = table|code|measure, first row wins. */
const VOCABULARY: Record<string, readonly string[]> = {
  summary: ["income_total", "expenditure_total"],
  expenditure: ["total", "basic", "project"],
  general_by_function: ["total", "basic", "project"],
  basic_by_economic: ["total", "personnel", "public"],
  three_public: ["total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"],
};
function f1(golden: CsvRow[], pred: CsvRow[], tables: string[]): { f1: number; misses: string[] } {
  const keyed = (rows: CsvRow[]) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const k = `${r.table}|${r.code || "(total)"}|${r.measure}`;
      const a = r.amount.replace(/,/g, "");
      if (!m.has(k)) m.set(k, a === "-" ? 0 : Number(a));
    }
    return m;
  };
  const gold = keyed(golden);
  const got = new Map([...keyed(pred)].filter(([k]) => { const [t, , m] = k.split("|"); return tables.includes(t!) && (VOCABULARY[t!] ?? []).includes(m!); }));
  let correct = 0;
  const misses: string[] = [];
  for (const [k, a] of gold) if (got.get(k) === a) correct++; else misses.push(`${k} golden=${a} got=${got.get(k)}`);
  for (const [k, a] of got) if (!gold.has(k)) misses.push(`${k} extra=${a}`);
  const p = got.size ? correct / got.size : 0, r = gold.size ? correct / gold.size : 0;
  return { f1: p + r ? (2 * p * r) / (p + r) : 0, misses };
}

function lines(out: string, files: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_NODE_ARGS, "lines", "--out", out, ...files], { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

for (const format of FORMATS) {
  const skip = format.needsLibreOffice && !hasLibreOffice ? `${format.dir.toUpperCase()} needs LibreOffice (soffice), not installed here: skipped` : false;
  test(`${format.dir} samples: lines scores F1 = 100 against samples/golden`, { skip, timeout: 300_000 }, async (t) => {
    const dir = path.join(documentsDir, format.dir);
    const files = readdirSync(dir).sort();
    assert.equal(files.length, 5, `five ${format.dir} samples`);
    const tmp = await mkdtemp(path.join(tmpdir(), `formats-${format.dir}-`));
    t.after(() => rm(tmp, { recursive: true, force: true }));
    const run = await lines(tmp, files.map((f) => path.join(dir, f)));
    assert.equal(run.stderr, "");
    assert.equal(run.code, 0);
    for (const file of files) {
      const doc = path.basename(file, path.extname(file));
      const meta = JSON.parse(readFileSync(path.join(goldenDir, `${doc}.meta.json`), "utf8")) as { tables: string[] };
      const golden = readGoldenCsv(readFileSync(path.join(goldenDir, `${doc}.csv`), "utf8"), `golden ${doc}`);
      const predFile = path.join(tmp, `${doc}.csv`);
      assert.ok(existsSync(predFile), `${doc}.csv written`);
      const s = f1(golden, readGoldenCsv(readFileSync(predFile, "utf8"), `predicted ${doc}`), meta.tables);
      assert.equal(s.f1, 1, `${format.dir}/${file}: F1 ${(100 * s.f1).toFixed(1)}\n  ${s.misses.slice(0, 20).join("\n  ")}`);
    }
  });
}

test("ZIP: every member read by its bytes; the XLSX loaded, HTML, DOCX and PDF agree with it item for item", { timeout: 120_000 }, async () => {
  const doc = await extractDocumentFile(path.join(documentsDir, "zip", `${SAMPLE}.zip`));
  assert.equal(doc.format, "zip");
  assert.deepEqual(doc.renditions!.map((r) => [path.extname(r.member), r.format, r.primary]), [
    [".xlsx", "xlsx", true], [".html", "html", false], [".docx", "docx", false], [".pdf", "pdf", false],
  ]);
  // Items are compared by key (table, code, measure), first occurrence; tables of other kinds repeat keys
  // (the 支出经济分类汇总表 prints 30199 once per 政府经济分类 code), so every distinct key must agree (the
  // loaded XLSX counts its items as agreeing).
  const keys = new Set(doc.items.map((i) => `${i.table}|${i.code}|${i.measure}`)).size;
  for (const r of doc.renditions!) {
    assert.equal(r.items, doc.items.length, `${r.member}: as many items as the XLSX`);
    assert.deepEqual([r.agree, r.disagree, r.missing, r.extra], [r.primary ? r.items : keys, 0, 0, 0], `${r.member}: ${r.differ.join("; ")}`);
  }
});

/** The header block of a sample's 支出预算表 as (text, row, col, rowSpan, colSpan). */
function headerSpans(table: Table): Array<[string, number, number, number, number]> {
  return table.cells.filter((c) => c.row < 4 && c.text).map((c) => [c.text, c.row, c.col, c.rowSpan, c.colSpan]);
}
const EXPENDITURE_TITLE = "2022年部门支出预算表";
const EXPECTED_HEADER: Array<[string, number, number, number, number]> = [
  ["项目", 0, 0, 1, 4], ["本年支出", 0, 4, 1, 8],
  ["科目编码", 1, 0, 1, 3], ["科目名称", 1, 3, 3, 1], ["合计", 1, 4, 3, 1], ["基本支出", 1, 5, 1, 4], ["项目支出", 1, 9, 1, 3],
  ["类", 2, 0, 2, 1], ["款", 2, 1, 2, 1], ["项", 2, 2, 2, 1], ["小计", 2, 5, 2, 1], ["人员经费", 2, 6, 1, 2],
];

test("merged header cells: XLSX ranges, HTML rowspan/colspan and DOCX gridSpan/vMerge give the same spans; title and unit lines in before", async () => {
  const readers: Array<[string, () => Promise<{ tables: Table[] }> | { tables: Table[] }]> = [
    ["xlsx", () => readXlsx(readFileSync(path.join(documentsDir, "xlsx", `${SAMPLE}.xlsx`)))],
    ["html", () => readHtml(readFileSync(path.join(documentsDir, "html", `${SAMPLE}.html`)))],
    ["docx", () => readDocx(readFileSync(path.join(documentsDir, "docx", `${SAMPLE}.docx`)))],
  ];
  for (const [name, read] of readers) {
    const { tables } = await read();
    const t = tables.find((x) => x.before.includes(EXPENDITURE_TITLE));
    assert.ok(t, `${name}: a table with ${EXPENDITURE_TITLE} before it (got ${tables.map((x) => x.before.join("/")).join(" | ")})`);
    assert.ok(t.before.some((l) => /单位[:：]\s*万元/.test(l)), `${name}: the unit line in before: ${t.before.join(" / ")}`);
    assert.deepEqual(headerSpans(t).filter(([text]) => EXPECTED_HEADER.some(([e]) => e === text)).slice(0, EXPECTED_HEADER.length), EXPECTED_HEADER, name);
    const grid = tableGrid(t);
    assert.equal(grid[0]![7], "本年支出", `${name}: a merged cell's text covers its span in the grid`);
  }
});

test("XLSX numbers are written as their number format displays them", async () => {
  const { tables } = await readXlsx(readFileSync(path.join(documentsDir, "xlsx", "zhumadian-yibao_2022_dept-budget_yuan.xlsx")));
  const texts = tables.flatMap((t) => t.cells.map((c) => c.text));
  assert.ok(texts.includes("12,186,500.00"), "the number 12186500 under #,##0.00 → 12,186,500.00, as the PDF prints it");
  const { tables: beilin } = await readXlsx(readFileSync(path.join(documentsDir, "xlsx", "beilin-yibao_2022_dept-budget_unruled.xlsx")));
  const b = beilin.flatMap((t) => t.cells.map((c) => c.text));
  assert.ok(b.includes("19.2"), "General keeps 19.2 without a trailing zero");
});
