// merge when one content (one sha256) was loaded by two shards: the copy that wins (ok, latest
// load) is kept once, in the warehouse and in the lake, and the other shard's lake file, which
// also holds a document only that shard has, is copied without the losing copy's rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { Warehouse, lakePath, warehousePath } from "../load/warehouse.ts";
import { datasetGlob, sqlString } from "../load/lake.ts";
import { acquireRunLock, WRITER_LOCK_FILE } from "../load/writer-lock.ts";
import { exportShardCatalog } from "../pipelines/ops/shard-catalog.ts";
import { mergeShards } from "../pipelines/ops/merge-shards.ts";
import { SHARDS_DIR } from "../pipelines/ops/shard.ts";
import { doc, sha } from "./fixtures/warehouse-docs.ts";

async function parquetFiles(root: string): Promise<string[]> {
  return (await readdir(root, { withFileTypes: true, recursive: true }))
    .filter((e) => e.isFile() && e.name.endsWith(".parquet")).map((e) => decodeURIComponent(relative(root, join(e.parentPath, e.name)))).sort();
}

test("a content two shards loaded is merged once; the losing shard's shared lake file is copied without it", async () => {
  const data = await mkdtemp(join(tmpdir(), "merge-shared-"));
  try {
    // Shard 1 loads a and x together (one lake file); shard 2 loads x later, with b.
    const shardLoads: Array<[number, string, ReturnType<typeof doc>[], Date]> = [
      [1, "run-s1", [doc("a", "v1"), doc("x", "v1")], new Date("2025-01-01T00:00:00Z")],
      [2, "run-s2", [doc("x", "v1"), doc("b", "v1")], new Date("2025-01-02T00:00:00Z")],
    ];
    for (const [index, runId, docs, at] of shardLoads) {
      const home = join(data, SHARDS_DIR, `${index}-of-2`);
      const wh = await Warehouse.open(join(home, "warehouse.duckdb"), { clock: () => at });
      try {
        await wh.load(docs, { runId, codeVersion: "t" });
        await exportShardCatalog(wh, home, { shard: { index, count: 2 }, runId, codeVersion: "t" });
      } finally {
        wh.close();
      }
    }
    const lock = await acquireRunLock(join(data, WRITER_LOCK_FILE));
    try {
      const report = await mergeShards({ dataDir: data, lock });
      assert.equal(report.documents, 3);
    } finally {
      await lock.release();
    }
    const wh = await Warehouse.open(warehousePath(data), { readOnly: true });
    try {
      assert.deepEqual(await wh.query(`SELECT doc_id, count(*) AS n FROM fact_line_items JOIN documents USING (sha256) GROUP BY ALL ORDER BY doc_id`),
        [{ doc_id: "a", n: "6" }, { doc_id: "b", n: "6" }, { doc_id: "x", n: "6" }]);
      assert.deepEqual(await wh.query(`SELECT run_id FROM documents WHERE sha256 = '${sha("x:v1")}'`), [{ run_id: "run-s2" }]);
    } finally {
      wh.close();
    }
    // Both shards' files are there; shard 1's without x, so the lake holds x once.
    assert.deepEqual(await parquetFiles(lakePath(data)), [
      "line_items/fiscal_year=2024/province=上海市/run-s1.parquet", "line_items/fiscal_year=2024/province=上海市/run-s2.parquet",
      "three_public/fiscal_year=2024/province=上海市/run-s1.parquet", "three_public/fiscal_year=2024/province=上海市/run-s2.parquet",
    ]);
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    try {
      const rows = (await c.runAndReadAll(`SELECT regexp_replace(filename, '^.*/', '') AS file, sha256, count(*) AS n
        FROM read_parquet(${sqlString(datasetGlob(lakePath(data), "line_items"))}, filename = true) GROUP BY ALL ORDER BY file, sha256`)).getRowsJS();
      assert.deepEqual(rows, [
        ["run-s1.parquet", sha("a:v1"), 6n],
        ...[sha("b:v1"), sha("x:v1")].sort().map((s) => ["run-s2.parquet", s, 6n]),
      ]);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});
