import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import type { DocumentExtract } from "../pipelines/extract-document.ts";
import type { LineItem } from "../transform/line-item.ts";
import { Warehouse } from "../load/warehouse.ts";
import { SCHEMA_VERSION } from "../load/schema.ts";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

function item(over: Partial<LineItem>): LineItem {
  return {
    table: "expenditure", code: "201", name: "一般公共服务支出", measure: "total",
    amount: "0", unit: "元", page: 3, bbox: [100.5, 200.25, 180, 212.75], row: 2, col: 3, ...over,
  };
}

const DOC_ID = "sh-putuo_test_2025_dept-budget";

// Version 1 of a document: one total in 元, one amount in 万元, one 三公 total.
const v1: DocumentExtract = {
  docId: DOC_ID, file: `samples/documents/${DOC_ID}.pdf`, sha256: sha("v1"), format: "pdf",
  pageCount: 12, tables: [], facts: { department: null, level: null, region: { province: null, city: null, county: null, adminCode: null }, fiscalYear: null, phase: null, amountUnit: null },
  items: [
    item({ table: "summary", code: "", name: "收入总计", measure: "income_total", amount: "91016775.35", page: 2 }),
    item({ code: "201", name: "一般公共服务支出", amount: "1081.10", unit: "万元" }),
    item({ table: "three_public", code: "", name: "合计", measure: "total", amount: "-0.5", unit: "万元", page: 9, row: 3, col: 1 }),
  ],
};

// Version 2: the same doc_id republished with different numbers (new file, new sha256).
const v2: DocumentExtract = {
  ...v1, sha256: sha("v2"), pageCount: 13,
  items: [
    item({ code: "201", amount: "1100.00", unit: "万元" }),
    item({ code: "208", name: "社会保障和就业支出", amount: "4213779.28" }),
  ],
};

describe("DuckDB loader", () => {
  let dir: string;
  let file: string;
  let wh: Warehouse;
  let runId: string;
  let tick = 0;
  // Deterministic, strictly increasing timestamps.
  const clock = () => new Date(Date.UTC(2025, 0, 1, 0, 0, tick++));

  const count = async (sql: string, params?: Record<string, string>) =>
    Number((await wh.query(`SELECT count(*) AS n FROM (${sql})`, params))[0]!.n);
  const counts = async () => ({
    documents: await count("FROM documents"),
    items: await count("FROM line_items"),
  });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "load-duckdb-"));
    file = join(dir, "nested", "warehouse.duckdb");
    wh = await Warehouse.open(file, { clock });
    runId = await wh.startRun("run-1");
  });
  after(async () => {
    wh?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("creates the schema with its version", async () => {
    assert.deepEqual(await wh.query("SELECT version FROM schema_version"), [{ version: SCHEMA_VERSION }]);
    assert.deepEqual(await counts(), { documents: 0, items: 0 });
  });

  test("loads a document and its line items with exact yuan amounts", async () => {
    const r = await wh.loadDocument(v1, runId);
    assert.equal(r.items, 3);
    assert.deepEqual(await counts(), { documents: 1, items: 3 });

    const [doc] = await wh.query("SELECT doc_id, sha256, file, format, page_count, run_id, item_count, status, error FROM documents");
    assert.deepEqual(doc, {
      doc_id: DOC_ID, sha256: sha("v1"), file: v1.file, format: "pdf", page_count: 12,
      run_id: "run-1", item_count: 3, status: "ok", error: null,
    });

    const rows = await wh.query(
      `SELECT item_index, table_kind, code, name, measure, printed_amount, printed_unit, amount_yuan,
              page, x0, top, x1, bottom, "row", col
       FROM line_items ORDER BY item_index`,
    );
    assert.deepEqual(rows[1], {
      item_index: 1, table_kind: "expenditure", code: "201", name: "一般公共服务支出", measure: "total",
      printed_amount: "1081.10", printed_unit: "万元", amount_yuan: "10811000.0000",
      page: 3, x0: 100.5, top: 200.25, x1: 180, bottom: 212.75, row: 2, col: 3,
    });
    assert.deepEqual(rows.map((r) => r.amount_yuan), ["91016775.3500", "10811000.0000", "-5000.0000"]);
    assert.deepEqual(rows.map((r) => r.printed_amount), ["91016775.35", "1081.10", "-0.5"]);
    // The DECIMAL sums exactly in SQL too.
    const [sum] = await wh.query("SELECT sum(amount_yuan) AS s FROM line_items");
    assert.equal(sum!.s, "101822775.3500");
  });

  test("loading the same document again is idempotent", async () => {
    const before = await wh.query("SELECT load_seq FROM documents");
    await wh.loadDocument(v1, runId);
    assert.deepEqual(await counts(), { documents: 1, items: 3 });
    const [amounts] = await wh.query("SELECT list(amount_yuan ORDER BY item_index)::VARCHAR AS a FROM line_items");
    assert.equal(amounts!.a, "[91016775.3500, 10811000.0000, -5000.0000]");
    const after = await wh.query("SELECT load_seq FROM documents");
    assert.ok(BigInt(after[0]!.load_seq as string) > BigInt(before[0]!.load_seq as string));
  });

  test("a changed document (new sha256, same doc_id) adds a second version, the later load newer", async () => {
    await wh.loadDocument(v2, runId);
    assert.deepEqual(await counts(), { documents: 2, items: 5 });
    assert.equal(await count("FROM line_items WHERE sha256 = $s", { s: sha("v1") }), 3);
    assert.equal(await count("FROM line_items WHERE sha256 = $s", { s: sha("v2") }), 2);

    // No supersession yet: both versions stay; load_seq (and loaded_at) say which is newer.
    const versions = await wh.query(
      "SELECT sha256, page_count FROM documents WHERE doc_id = $d ORDER BY load_seq DESC",
      { d: DOC_ID },
    );
    assert.deepEqual(versions, [
      { sha256: sha("v2"), page_count: 13 },
      { sha256: sha("v1"), page_count: 12 },
    ]);
    const [order] = await wh.query(
      `SELECT (SELECT loaded_at FROM documents WHERE sha256 = $new) >
              (SELECT loaded_at FROM documents WHERE sha256 = $old) AS newer`,
      { new: sha("v2"), old: sha("v1") },
    );
    assert.equal(order!.newer, true);
  });

  test("an input the loader cannot store exactly fails atomically and leaves old rows", async () => {
    const bad: DocumentExtract = { ...v1, items: [...v1.items, item({ amount: "0.00001", unit: "元" })] };
    await assert.rejects(wh.loadDocument(bad, runId), /item 3 \(expenditure 201 total\).*more decimals/);
    assert.equal(await count("FROM line_items WHERE sha256 = $s", { s: sha("v1") }), 3);
    await assert.rejects(wh.loadDocument({ ...v1, sha256: "not-a-hash" }, runId), /sha256/);
    // Valid for zod but not for an INTEGER column: fails inside the transaction, after the
    // old line items were deleted; the rollback must bring them back.
    const tooBig: DocumentExtract = { ...v1, items: [...v1.items, item({ page: 2 ** 40 })] };
    await assert.rejects(wh.loadDocument(tooBig, runId));
    assert.equal(await count("FROM line_items WHERE sha256 = $s", { s: sha("v1") }), 3);
    const [doc] = await wh.query("SELECT item_count, status FROM documents WHERE sha256 = $s", { s: sha("v1") });
    assert.deepEqual(doc, { item_count: 3, status: "ok" });
    assert.deepEqual(await counts(), { documents: 2, items: 5 });
  });

  test("a failed document is recorded with its error and no line items", async () => {
    const failedSha = sha("broken.pdf");
    await wh.recordFailure(
      { docId: "broken", file: "samples/documents/broken.pdf", sha256: failedSha, format: "pdf", error: "Invalid PDF structure" },
      runId,
    );
    const [doc] = await wh.query(
      "SELECT doc_id, status, error, item_count, page_count FROM documents WHERE sha256 = $s",
      { s: failedSha },
    );
    assert.deepEqual(doc, { doc_id: "broken", status: "failed", error: "Invalid PDF structure", item_count: 0, page_count: null });
    assert.deepEqual(await counts(), { documents: 3, items: 5 });
  });

  test("a document that fails on reload replaces its earlier ok rows", async () => {
    await wh.recordFailure({ ...v2, error: "extractor crashed" }, runId);
    const [doc] = await wh.query("SELECT status, error, item_count FROM documents WHERE sha256 = $s", { s: sha("v2") });
    assert.deepEqual(doc, { status: "failed", error: "extractor crashed", item_count: 0 });
    assert.equal(await count("FROM line_items WHERE sha256 = $s", { s: sha("v2") }), 0);
    // And loading it successfully again restores it.
    await wh.loadDocument(v2, runId);
    assert.deepEqual(await counts(), { documents: 3, items: 5 });
  });

  test("finishRun stamps the run with its counts", async () => {
    const summary = await wh.finishRun(runId);
    assert.deepEqual(summary, { runId: "run-1", documents: 3, failed: 1, items: 5 });
    const [run] = await wh.query("SELECT documents, failed, items, finished_at > started_at AS ordered FROM runs");
    assert.deepEqual(run, { documents: 3, failed: 1, items: "5", ordered: true });
  });

  test("the file reopens with the same contents and schema", async () => {
    wh.close();
    wh = await Warehouse.open(file, { clock });
    assert.deepEqual(await counts(), { documents: 3, items: 5 });
    assert.deepEqual(await wh.query("SELECT version FROM schema_version"), [{ version: SCHEMA_VERSION }]);
  });
});
