// The lake's files: one per load, dataset and partition, named by the run. A load that replaces
// some documents of an earlier file writes that file's other documents into its own files, and
// the earlier file goes; after every load the lake holds exactly the warehouse's rows, and the
// catalogue (lake_files, a row per file and document) exactly the files on disk.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Warehouse } from "../load/warehouse.ts";
import { LAKE_DATASETS, readDatasetSql } from "../load/lake.ts";
import { doc, facts, item, sha } from "./fixtures/warehouse-docs.ts";

async function parquetFiles(lakeDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(lakeDir, { withFileTypes: true, recursive: true }).catch(() => []))
    if (e.isFile() && e.name.endsWith(".parquet")) out.push(decodeURIComponent(relative(lakeDir, join(e.parentPath, e.name))));
  return out.sort();
}

/** Every dataset: the lake's rows (read back) and the warehouse table's, as sorted text; the catalogue against the disk. */
async function assertLakeIsWarehouse(wh: Warehouse, label: string): Promise<void> {
  for (const ds of LAKE_DATASETS) {
    const [table] = await wh.query(`SELECT count(*) AS n, md5(coalesce(string_agg(CAST(t AS VARCHAR), '|' ORDER BY CAST(t AS VARCHAR)), '')) AS h FROM ${ds.table} t`);
    const files = await wh.query(`SELECT count(*) AS n FROM lake_files WHERE dataset = '${ds.name}'`);
    const [lake] = Number(files[0]!.n) === 0 ? [{ n: "0", h: table!.n === "0" ? table!.h : "no files" }]
      : await wh.query(`SELECT count(*) AS n, md5(coalesce(string_agg(CAST(t AS VARCHAR), '|' ORDER BY CAST(t AS VARCHAR)), '')) AS h
          FROM (SELECT * EXCLUDE (fiscal_year, province) FROM ${readDatasetSql(wh.lakeDir, ds.name)}) t`);
    assert.deepEqual(lake, table, `${label}: ${ds.name}: the lake's rows are the warehouse's`);
  }
  const catalogued = (await wh.query(`SELECT DISTINCT path FROM lake_files ORDER BY path`)).map((r) => r.path as string);
  assert.deepEqual(await parquetFiles(wh.lakeDir), catalogued.map((p) => decodeURIComponent(p)).sort(), `${label}: catalogue = disk`);
  // Each catalogue row counts that document's rows in that file.
  const rows = await wh.query(`SELECT dataset, sum(rows)::BIGINT AS n FROM lake_files GROUP BY ALL ORDER BY dataset`);
  for (const r of rows) {
    const table = LAKE_DATASETS.find((d) => d.name === r.dataset)!.table;
    const [t] = await wh.query(`SELECT count(*) AS n FROM ${table}`);
    assert.equal(r.n, t!.n, `${label}: ${r.dataset} rows catalogued`);
  }
}

const jiangsu = facts({ fiscalYear: 2018, region: { province: "江苏省", city: null, county: null, adminCode: "320000" } });

test("one file per load and partition; replacing a document rewrites its file's other documents into the new load's file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "lake-files-"));
  const wh = await Warehouse.open(join(dir, "warehouse.duckdb"));
  try {
    // run-1: three documents, two in one partition.
    await wh.load([doc("a", "v1"), doc("b", "v1"), doc("c", "v1", { facts: jiangsu })], { runId: "run-1" });
    assert.deepEqual(await parquetFiles(wh.lakeDir), [
      "line_items/fiscal_year=2018/province=江苏省/run-1.parquet", "line_items/fiscal_year=2024/province=上海市/run-1.parquet",
      "three_public/fiscal_year=2018/province=江苏省/run-1.parquet", "three_public/fiscal_year=2024/province=上海市/run-1.parquet",
    ]);
    assert.deepEqual(await wh.query(`SELECT sha256, rows FROM lake_files WHERE dataset = 'line_items' AND path LIKE '%2024%' ORDER BY sha256`),
      [sha("a:v1"), sha("b:v1")].sort().map((s) => ({ sha256: s, rows: "6" })));
    await assertLakeIsWarehouse(wh, "run-1");

    // run-2: a's same bytes again, with one more item. b (same file) is written again, into run-2's file; c's file stays.
    const a2 = doc("a", "v1", { items: [...doc("a", "v1").items, item({ code: "21099", name: "其他卫生健康支出", amount: "5", unit: "万元", row: 5 })] });
    await wh.load([a2], { runId: "run-2" });
    assert.deepEqual(await parquetFiles(wh.lakeDir), [
      "line_items/fiscal_year=2018/province=江苏省/run-1.parquet", "line_items/fiscal_year=2024/province=上海市/run-2.parquet",
      "three_public/fiscal_year=2018/province=江苏省/run-1.parquet", "three_public/fiscal_year=2024/province=上海市/run-2.parquet",
    ]);
    assert.deepEqual(await wh.query(`SELECT sha256, rows, run_id FROM lake_files WHERE dataset = 'line_items' AND path LIKE '%2024%' ORDER BY sha256`),
      [{ sha256: sha("a:v1"), rows: "7", run_id: "run-2" }, { sha256: sha("b:v1"), rows: "6", run_id: "run-2" }].sort((x, y) => x.sha256.localeCompare(y.sha256)));
    await assertLakeIsWarehouse(wh, "run-2");

    // run-3: b fails on re-extraction: its rows leave the warehouse and the lake; a's stay.
    await wh.load([{ docId: "b", file: "b.pdf", sha256: sha("b:v1"), format: "pdf", error: "extractor crashed" }], { runId: "run-3" });
    assert.deepEqual(await wh.query(`SELECT DISTINCT sha256 FROM lake_files WHERE path LIKE '%2024%'`), [{ sha256: sha("a:v1") }]);
    await assertLakeIsWarehouse(wh, "run-3");

    // run-4: every document of a file replaced: nothing to rewrite, the old file simply goes.
    await wh.load([doc("c", "v1", { facts: jiangsu })], { runId: "run-4" });
    assert.ok((await parquetFiles(wh.lakeDir)).includes("line_items/fiscal_year=2018/province=江苏省/run-4.parquet"));
    assert.ok(!(await parquetFiles(wh.lakeDir)).some((f) => f.includes("江苏省/run-1")));
    await assertLakeIsWarehouse(wh, "run-4");

    // A run id names its load's files: a second load under one is refused before it writes anything.
    await assert.rejects(wh.load([doc("z", "v1")], { runId: "run-1" }), /run id run-1 was already loaded/);
    await assert.rejects(wh.load([doc("z", "v1")], { runId: "../elsewhere" }), /run id "\.\.\/elsewhere": letters, digits/);
    await assertLakeIsWarehouse(wh, "refused");

    // The lake reopened (catalogue sweep, nothing staged) is the same.
    wh.close();
    const again = await Warehouse.open(join(dir, "warehouse.duckdb"));
    try {
      await assertLakeIsWarehouse(again, "reopened");
    } finally {
      again.close();
    }
  } finally {
    try { wh.close(); } catch { /* closed above */ }
    await rm(dir, { recursive: true, force: true });
  }
});
