import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, mkdir, writeFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { Warehouse } from "../load/warehouse.ts";
import { MIGRATIONS, SCHEMA_VERSION } from "../load/schema.ts";
import { readDatasetSql } from "../load/lake.ts";
import { installViews } from "../warehouse/views.ts";
import { NO_FINDINGS, cellBox, doc, item, sha } from "./fixtures/warehouse-docs.ts";

/** Every file under dir, relative to it. */
async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(relative(dir, join(e.parentPath, e.name)));
  return out.sort();
}

describe("warehouse loader (lake → DuckDB)", () => {
  let dir: string;
  let file: string;
  let refDir: string;
  let wh: Warehouse;
  let tick = 0;
  const clock = () => new Date(Date.UTC(2025, 0, 1, 0, 0, tick++));
  const open = async () => {
    const w = await Warehouse.open(file, { clock, referenceDir: refDir, lakeDir: join(dir, "lake") });
    await installViews(w);
    return w;
  };
  const n = async (sql: string) => Number((await wh.query(`SELECT count(*) AS n FROM (${sql})`))[0]!.n);
  const counts = async () => ({
    documents: await n("FROM documents"), facts: await n("FROM fact_line_items"), view: await n("FROM line_items"),
    lakeFiles: await n("FROM lake_files"), threePublic: await n("FROM fact_three_public"),
  });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "load-duckdb-"));
    file = join(dir, "nested", "warehouse.duckdb");
    refDir = join(dir, "reference");
    await mkdir(refDir);
    // Reference data in the issue-3 layout: names over time, and a crosswalk.
    await writeFile(join(refDir, "functional-codes.json"), JSON.stringify({
      version: "t1",
      codes: [
        { code: "201", level: "类", names: [{ from: 2015, to: 2025, name: "一般公共服务支出" }] },
        { code: "20101", level: "款", parent: "201", names: [{ from: 2015, to: 2025, name: "人大事务" }] },
        { code: "210", level: "类", names: [{ from: 2015, to: 2018, name: "医疗卫生与计划生育支出" }, { from: 2019, to: 2025, name: "卫生健康支出" }] },
        { code: "21099", level: "款", names: [{ from: 2015, to: 2025, name: "其他卫生健康支出" }] },
      ],
    }));
    await writeFile(join(refDir, "functional-crosswalk.json"), JSON.stringify({
      changes: [{ type: "move", code: "21005", year: 2017, to: ["21099"] }, { type: "rename", code: "210", year: 2019 }],
    }));
    wh = await open();
  });
  after(async () => {
    wh?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("creates the schema at the latest version", async () => {
    assert.deepEqual(await wh.query("SELECT list(version ORDER BY version) AS v FROM schema_version"), [{ v: MIGRATIONS.map((m) => m.version) }]);
    assert.equal(SCHEMA_VERSION, MIGRATIONS.at(-1)!.version);
    assert.deepEqual(await counts(), { documents: 0, facts: 0, view: 0, lakeFiles: 0, threePublic: 0 });
  });

  test("loads documents with exact yuan amounts, dimensions and the lake's Parquet files", async () => {
    const r = await wh.load([doc("a", "v1"), doc("b", "v1", { facts: { ...doc("a", "v1").facts!, fiscalYear: 2018, region: { province: "江苏省", city: null, county: null, adminCode: "320000" } } })], { runId: "run-1", codeVersion: "test-1" });
    assert.deepEqual([r.loaded, r.failed, r.items, r.lakeFiles], [2, 0, 12, 4]);
    assert.deepEqual(await counts(), { documents: 2, facts: 12, view: 12, lakeFiles: 4, threePublic: 2 });

    const [row] = await wh.query(`SELECT department, unit, region, fiscal_year, phase, table_kind, fund, code, code_level,
        canonical_name, printed_name, measure, amount_yuan, printed_amount, printed_unit, page, verification, identities, worst_finding
      FROM line_items WHERE doc_id = 'a' AND code = '201'`);
    assert.deepEqual(row, {
      department: "上海市普陀区测试局", unit: null, region: "上海市普陀区", fiscal_year: 2024, phase: "budget",
      table_kind: "expenditure", fund: "all_funds", code: "201", code_level: 1, canonical_name: "一般公共服务支出",
      printed_name: "一般公共服务支出", measure: "total", amount_yuan: "10811000.0000", printed_amount: "1081.10",
      printed_unit: "万元", page: 3, verification: "unverified", identities: [], worst_finding: null,
    });
    // The name valid in the document's year: 210 was 医疗卫生与计划生育支出 in 2018.
    const names = await wh.query(`SELECT fiscal_year, name, current_code, current_name, total_yuan FROM spending_by_function WHERE code = '210' ORDER BY fiscal_year`);
    assert.deepEqual(names, [
      { fiscal_year: 2018, name: "医疗卫生与计划生育支出", current_code: "210", current_name: "卫生健康支出", total_yuan: "10000000.0000" },
      { fiscal_year: 2024, name: "卫生健康支出", current_code: "210", current_name: "卫生健康支出", total_yuan: "10000000.0000" },
    ]);
    const [tp] = await wh.query(`SELECT total_yuan, reception_yuan FROM three_public WHERE doc_id = 'a'`);
    assert.deepEqual(tp, { total_yuan: "125000.0000", reception_yuan: "25000.0000" });
    // Lineage: the run, its code version, every document it loaded.
    assert.deepEqual(await wh.query(`SELECT run_id, code_version, documents, failed, items FROM runs`),
      [{ run_id: "run-1", code_version: "test-1", documents: 2, failed: 0, items: "12" }]);
    assert.equal(await n(`FROM document_loads WHERE run_id = 'run-1' AND code_version = 'test-1'`), 2);
    assert.deepEqual(await wh.query(`SELECT published, published_empty FROM coverage WHERE table_kind = 'gov_fund' AND department IS NOT NULL LIMIT 1`),
      [{ published: true, published_empty: true }]);
  });

  test("the lake holds exactly the catalogued files, hive-partitioned, and reads back the same rows", async () => {
    const onDisk = (await files(wh.lakeDir)).filter((f) => f.endsWith(".parquet"));
    const catalogued = (await wh.query(`SELECT DISTINCT path FROM lake_files ORDER BY path`)).map((r) => r.path as string);
    assert.deepEqual(onDisk, [...catalogued].sort());
    // One file per load, dataset and partition, named by the run: both documents of run-1, in two partitions.
    assert.deepEqual(onDisk, [
      "line_items/fiscal_year=2018/province=江苏省/run-1.parquet", "line_items/fiscal_year=2024/province=上海市/run-1.parquet",
      "three_public/fiscal_year=2018/province=江苏省/run-1.parquet", "three_public/fiscal_year=2024/province=上海市/run-1.parquet",
    ].map((f) => f.replace("江苏省", encodeURIComponent("江苏省")).replace("上海市", encodeURIComponent("上海市"))));
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    const rows = (await c.runAndReadAll(`SELECT fiscal_year, province, count(*) AS n, sum(amount_yuan)::VARCHAR AS s
      FROM ${readDatasetSql(wh.lakeDir, "line_items")} GROUP BY ALL ORDER BY fiscal_year`)).getRowObjectsJson();
    const [sum] = await wh.query(`SELECT sum(amount_yuan)::VARCHAR AS s FROM fact_line_items`);
    assert.deepEqual(rows.map((r) => [r.fiscal_year, r.province, r.n]), [[2018, "江苏省", "6"], [2024, "上海市", "6"]]);
    assert.equal(String(BigInt(rows[0]!.s!.toString().replace(".", "")) + BigInt(rows[1]!.s!.toString().replace(".", ""))), sum!.s!.toString().replace(".", ""));
    c.closeSync();
    db.closeSync();
  });

  test("loading the same documents again changes no counts", async () => {
    const before = await counts();
    await wh.load([doc("a", "v1"), doc("b", "v1", { facts: { ...doc("a", "v1").facts!, fiscalYear: 2018, region: { province: "江苏省", city: null, county: null, adminCode: "320000" } } })], { runId: "run-2" });
    assert.deepEqual(await counts(), before);
    assert.equal(await n(`FROM documents WHERE run_id = 'run-2'`), 2);
    assert.equal(await n(`FROM document_loads`), 4);
  });

  test("a changed file for the same document becomes a new version; the old one is kept, superseded", async () => {
    const v2 = doc("a", "v2", { items: [item({ code: "201", amount: "1100.00", unit: "万元" })] });
    const r = await wh.load([v2], { runId: "run-3" });
    assert.deepEqual(r.documents[0]!.supersedes, [sha("a:v1")]);
    assert.deepEqual(await wh.query(`SELECT sha256, version, is_current FROM document_versions WHERE doc_id = 'a' ORDER BY version`), [
      { sha256: sha("a:v1"), version: "1", is_current: false },
      { sha256: sha("a:v2"), version: "2", is_current: true },
    ]);
    // Both versions' facts stay; the views show the current one.
    assert.equal(await n(`FROM fact_line_items WHERE sha256 = '${sha("a:v1")}'`), 6);
    assert.deepEqual(await wh.query(`SELECT amount_yuan FROM line_items WHERE doc_id = 'a'`), [{ amount_yuan: "11000000.0000" }]);
    // Same URL, different file name: a version of the same document too.
    const url = "https://example.gov.cn/yusuan/2024.pdf";
    await wh.load([doc("c-old", "x", { source: { url } })], { runId: "run-4" });
    await wh.load([doc("c-new", "y", { source: { url, fetchedAt: "2025-02-01T00:00:00Z" } })], { runId: "run-5" });
    assert.deepEqual(await wh.query(`SELECT doc_id, is_current FROM document_versions WHERE url = '${url}' ORDER BY version`),
      [{ doc_id: "c-old", is_current: false }, { doc_id: "c-new", is_current: true }]);
  });

  test("a document whose amounts cannot be stored exactly is recorded failed; the rest of the batch loads", async () => {
    const bad = doc("d", "v1", { items: [item({ amount: "0.00001", unit: "元" })] });
    const r = await wh.load([bad, doc("e", "v1")], { runId: "run-6" });
    assert.deepEqual(r.documents.map((d) => [d.docId, d.status]), [["d", "failed"], ["e", "ok"]]);
    assert.match(r.documents[0]!.error!, /load failed: item 0 \(expenditure 201 total\).*more decimals/);
    await assert.rejects(wh.load([{ ...doc("f", "v1"), sha256: "not-a-hash" }]), /sha256/);
    const [d] = await wh.query(`SELECT status, item_count FROM documents WHERE doc_id = 'd'`);
    assert.deepEqual(d, { status: "failed", item_count: 0 });
  });

  test("a document that fails on reload loses its rows; a failed newer version does not supersede a good one", async () => {
    await wh.load([{ docId: "e", file: "e.pdf", sha256: sha("e:v1"), format: "pdf", error: "extractor crashed" }], { runId: "run-7" });
    assert.equal(await n(`FROM fact_line_items WHERE sha256 = '${sha("e:v1")}'`), 0);
    assert.equal(await n(`FROM lake_files WHERE sha256 = '${sha("e:v1")}'`), 0);
    await wh.load([{ docId: "b", file: "b.pdf", sha256: sha("b:broken"), format: "pdf", error: "not a PDF" }], { runId: "run-8" });
    assert.deepEqual(await wh.query(`SELECT sha256 FROM current_documents WHERE doc_id = 'b'`), [{ sha256: sha("b:v1") }]);
  });

  test("validation findings mark the line items they point at", async () => {
    const d = doc("g", "v1");
    d.validation = { ...NO_FINDINGS, status: "inconsistent", findings: [
      { rule: "class_sum", severity: "error", message: "201 ≠ Σ 款", expected: "81.10", actual: "1081.10", tableKind: "expenditure", code: "201", measure: "total",
        cells: [{ table: "expenditure", label: "201", printed: "1081.10", unit: "万元", page: 3, bbox: cellBox(2, 3) }], items: [1] },
      { rule: "three_public_sum", severity: "rounding", message: "", expected: null, actual: null, tableKind: "three_public", code: null, measure: "total", cells: [], items: [5] },
    ] };
    await wh.load([d], { runId: "run-9" });
    const st = await wh.query(`SELECT item_index, worst_finding, verification FROM line_items WHERE doc_id = 'g' ORDER BY item_index`);
    assert.deepEqual(st.map((r) => r.worst_finding), [null, "error", null, null, null, "rounding"]);
    // A number no finding names is not thereby verified: its verification is the transform's.
    assert.deepEqual(st.map((r) => r.verification), Array(6).fill("unverified"));
    // Errors, warnings and rounding differences counted apart.
    assert.deepEqual(await wh.query(`SELECT validation_status, findings_error, findings_warning, findings_rounding FROM document_status WHERE doc_id = 'g'`),
      [{ validation_status: "errors", findings_error: "1", findings_warning: "0", findings_rounding: "1" }]);
  });

  test("the file reopens with the same contents; a read-only open refuses writes", async () => {
    const before = await counts();
    wh.close();
    wh = await open();
    assert.deepEqual(await counts(), before);
    wh.close();
    const ro = await Warehouse.open(file, { readOnly: true, lakeDir: join(dir, "lake") });
    try {
      await assert.rejects(ro.query(`DELETE FROM documents`), /read-only/i);
      await assert.rejects(ro.load([doc("z", "1")]), /read-only/);
    } finally {
      ro.close();
    }
    wh = await open();
  });
});

describe("schema migrations", () => {
  test("a version-1 warehouse is migrated to the latest version, its rows kept", async () => {
    const dir = await mkdtemp(join(tmpdir(), "load-migrate-"));
    try {
      const file = join(dir, "warehouse.duckdb");
      const db = await DuckDBInstance.create(file);
      const c = await db.connect();
      await c.run(`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`);
      for (const s of MIGRATIONS[0]!.statements) await c.run(s);
      await c.run(`INSERT INTO schema_version VALUES (1, now())`);
      await c.run(`INSERT INTO runs VALUES ('r1', now(), now(), 1, 0, 1)`);
      await c.run(`INSERT INTO documents VALUES ('${sha("old")}', 'old', 'old.pdf', 'pdf', 3, now(), 1, 'r1', 1, 'ok', NULL)`);
      await c.run(`INSERT INTO line_items VALUES ('${sha("old")}', 'old', 0, 'expenditure', '208', '社会保障和就业支出', 'total', '1.5', '万元', 15000, 2, 1, 2, 3, 4, 5, 6)`);
      c.closeSync();
      db.closeSync();
      const wh = await Warehouse.open(file, { lakeDir: join(dir, "lake") });
      await installViews(wh);
      try {
        assert.deepEqual(await wh.query(`SELECT max(version) AS v FROM schema_version`), [{ v: SCHEMA_VERSION }]);
        assert.deepEqual(await wh.query(`SELECT doc_id, code, amount_yuan FROM line_items`), [{ doc_id: "old", code: "208", amount_yuan: "15000.0000" }]);
      } finally {
        wh.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("a warehouse newer than the code is refused", async () => {
    const dir = await mkdtemp(join(tmpdir(), "load-newer-"));
    try {
      const file = join(dir, "warehouse.duckdb");
      (await Warehouse.open(file, { lakeDir: join(dir, "lake") })).close();
      const db = await DuckDBInstance.create(file);
      const c = await db.connect();
      await c.run(`INSERT INTO schema_version VALUES (${SCHEMA_VERSION + 1}, now())`);
      c.closeSync();
      db.closeSync();
      await assert.rejects(Warehouse.open(file, { lakeDir: join(dir, "lake") }), /newer than this code/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
