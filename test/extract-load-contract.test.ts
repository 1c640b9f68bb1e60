// One contract between extract and load: whatever `lines` reads, `run` loads. A PDF whose pages
// have an inset CropBox, and documents with the fields the load once rejected (a project row with
// no name, an indicator with no level), go through the load queue's admission and a real DuckDB
// load; a document that does not fit fails alone, naming the field, before it reaches a batch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractDocumentBytes } from "../pipelines/extract-document.ts";
import { LoadQueue, admissible } from "../pipelines/ops/load-queue.ts";
import { isFailed, type LoadInput } from "../load/input.ts";
import { Warehouse } from "../load/warehouse.ts";
import { withPageEntries, setEntry } from "./fixtures/pdf-page-entries.ts";
import { doc } from "./fixtures/warehouse-docs.ts";

const SAMPLE = new URL("../samples/documents/jiyuan-yibao_2022_dept-budget_ruled.pdf", import.meta.url);

async function loadAll(inputs: LoadInput[]) {
  const dir = await mkdtemp(join(tmpdir(), "contract-"));
  const wh = await Warehouse.open(join(dir, "warehouse.duckdb"), { lakeDir: join(dir, "lake") });
  try {
    const queue = new LoadQueue({ batchSize: 10, load: (batch) => wh.load(batch) });
    for (const i of inputs) await queue.push(i);
    const reports = await queue.finish();
    assert.deepEqual(queue.failures, [], "no batch failed");
    const rows = await wh.query(`SELECT doc_id, status, error FROM documents ORDER BY doc_id`);
    const items = await wh.query(`SELECT doc_id, count(*) AS n FROM fact_line_items JOIN documents USING (sha256) GROUP BY doc_id ORDER BY doc_id`);
    return { reports, rows, items: Object.fromEntries(items.map((r) => [r.doc_id, Number(r.n)])) };
  } finally {
    wh.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test("a PDF with an inset CropBox: extracted, admitted and loaded", async () => {
  const original = new Uint8Array(await readFile(SAMPLE));
  // 40 pt cut off every side: text near the edges (page numbers, some names) falls outside.
  const cropped = withPageEntries(original, (_, d) => {
    const box = d.match(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/)!.slice(1).map(Number);
    return setEntry(d, "CropBox", `[${box[0]! + 40} ${box[1]! + 40} ${box[2]! - 40} ${box[3]! - 40}]`);
  });
  const extract = await extractDocumentBytes(cropped, "jiyuan-cropped.pdf");
  assert.ok(extract.items.length > 300, `${extract.items.length} items`);
  assert.ok(extract.projects.length > 0 && extract.indicators.length > 0);
  assert.equal(isFailed(admissible(extract)), false);
  const { rows, items } = await loadAll([extract]);
  assert.deepEqual(rows.map((r) => [r.doc_id, r.status]), [["jiyuan-cropped", "ok"]]);
  assert.equal(items["jiyuan-cropped"], extract.items.length);
});

test("fields the load once rejected fit the contract; a document that does not fit fails alone, the field named", async () => {
  const unnamedProject = doc("unnamed-project", "a", {
    projects: [{ level: "project", unitCode: "036001", name: null, type: "特定目标类", measure: "total", amount: "12.00", unit: "万元", page: 9, bbox: [1, 2, 3, 4], row: 4, col: 3 }],
  });
  const levellessIndicator = doc("levelless-indicator", "a", {
    indicators: [{ subject: null, level1: null, level2: null, level3: "参保人数", value: null, page: 10, bbox: [1, 2, 3, 4] }],
  });
  const broken = doc("broken", "a", { indicators: [{ subject: "x", level1: "", level2: null, level3: "参保人数", value: "1", page: 10, bbox: [1, 2, 3, 4] }] });
  const admitted = [unnamedProject, levellessIndicator, broken].map(admissible);
  assert.deepEqual(admitted.map((d) => isFailed(d)), [false, false, true]);
  assert.match((admitted[2] as { error: string }).error, /^load failed: extract does not match the load schema at indicators\.0\.level1: /);
  const { rows } = await loadAll([unnamedProject, levellessIndicator, broken]);
  assert.deepEqual(rows.map((r) => [r.doc_id, r.status]), [["broken", "failed"], ["levelless-indicator", "ok"], ["unnamed-project", "ok"]]);
});
