// The line items of a load as one Arrow record batch, checked once per batch against
// load/input.ts's LoadLineItem: a bad value fails its document (naming the item and field),
// never the batch; scope (department unless a unit's own table) and budget unit (NULL when absent) reach fact_line_items; amounts exact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Dictionary } from "apache-arrow";
import { buildLineItemBatch } from "../load/line-item-batch.ts";
import { Warehouse } from "../load/warehouse.ts";
import { item, doc, sha } from "./fixtures/warehouse-docs.ts";

const docOf = (name: string, items: unknown[]) => ({ sha256: sha(name), items });

test("a batch: one column per field, strings dictionary-encoded, every row kept", () => {
  const { batch, failures } = buildLineItemBatch([
    docOf("a", [item({ code: "201" }), item({ code: "201", measure: "basic" }), item({ code: "20101" })]),
    docOf("b", [item({ code: "210", scope: "unit", budgetUnit: "某某中心" } as never)]),
  ]);
  assert.equal(failures.size, 0);
  assert.equal(batch.numRows, 4);
  assert.deepEqual(batch.schema.fields.map((f) => f.name), [
    "sha256", "item_index", "table_kind", "code", "name", "measure", "printed_amount", "printed_unit", "amount_yuan",
    "page", "x0", "top", "x1", "bottom", "row", "col", "classification", "scope", "budget_unit",
    "table_index", "measure_label", "normalised_code", "code_status", "verification", "identities",
    "ocr_confidence", "ocr_engine", "ocr_second_reading", "repaired_amount", "ocr_flags",
  ]);
  const code = batch.getChild("code")!;
  assert.ok(code.type instanceof Dictionary);
  assert.deepEqual(code.toArray().length, 4);
  assert.deepEqual([...code.data[0]!.dictionary!.toArray()], ["201", "20101", "210"]);
  assert.deepEqual(batch.getChild("scope")!.toArray(), ["department", "department", "department", "unit"]);
});

test("each bad value fails its own document, naming the item and the field; the others pass", () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ["code", item({ code: "20A" }), /item 0 \(expenditure 20A total\): code: /],
    ["page", item({ page: 0 }), /item 0 .*: page: /],
    ["row", item({ row: 1.5 }), /item 0 .*: row: /],
    ["bbox", { ...item({}), bbox: undefined }, /item 0 .*: bbox: /],
    ["amount", item({ amount: "1e5" }), /item 0 .*amount/],
    ["unit", item({ unit: "千元" as never }), /item 0 .*: unit: /],
    ["table", item({ table: "nonsense" as never }), /item 0 .*: table: /],
    ["scope", item({ scope: "bureau" as never }), /item 0 .*: scope: /],
    ["verification", item({ verification: "ok" as never }), /item 0 .*: verification: /],
    ["identities", item({ identities: "parent_equals_children" as never }), /item 0 .*: identities: /],
    ["ocr flag", item({ ocrFlags: ["smudged" as never] }), /item 0 .*: ocrFlags: /],
    ["ocr confidence", item({ ocrConfidence: 1.5 }), /item 0 .*: ocrConfidence: /],
  ];
  const docs = [docOf("good", [item({}), item({ code: "20101" })]), ...cases.map(([n, it]) => docOf(n, [it]))];
  const { failures } = buildLineItemBatch(docs);
  assert.equal(failures.has(0), false);
  cases.forEach(([n, , reason], k) => assert.match(failures.get(k + 1)?.reason ?? "(passed)", reason, n));
});

test("scope and budget unit are loaded (the budget unit NULL when absent); a failing document does not stop the batch", async () => {
  const dir = await mkdtemp(join(tmpdir(), "line-item-batch-"));
  const wh = await Warehouse.open(join(dir, "w.duckdb"));
  try {
    const unitTable = item({ code: "210", amount: "5.5", unit: "万元", scope: "unit", budgetUnit: "丰润区医疗保障局本级", row: 7 } as never);
    const r = await wh.load([doc("a", "v1", { items: [item({ amount: "1081.10", unit: "万元" }), unitTable] }), doc("bad", "v1", { items: [item({ code: "x" })] })]);
    assert.deepEqual(r.documents.map((d) => [d.docId, d.status]), [["a", "ok"], ["bad", "failed"]]);
    assert.match(r.documents[1]!.error!, /^load failed: item 0 \(expenditure x total\): code: /);
    assert.deepEqual(await wh.query(`SELECT code, scope, budget_unit, amount_yuan FROM fact_line_items ORDER BY item_index`), [
      { code: "201", scope: "department", budget_unit: null, amount_yuan: "10811000.0000" },
      { code: "210", scope: "unit", budget_unit: "丰润区医疗保障局本级", amount_yuan: "55000.0000" },
    ]);
  } finally {
    wh.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test("verification, identities, normalised codes and what OCR read reach fact_line_items; no unit printed: amount_yuan NULL, never 元", async () => {
  const dir = await mkdtemp(join(tmpdir(), "line-item-batch-"));
  const wh = await Warehouse.open(join(dir, "w.duckdb"));
  try {
    const checked = item({ amount: "1081.10", unit: "万元", verification: "verified", identities: ["parent_equals_children", "column_total_equals_parts"], normalisedCode: "201", codeStatus: "standard", measureLabel: "合计" });
    const ocr = item({ code: "20101", row: 3, amount: "81.10", unit: "万元", verification: "repaired", identities: ["parent_equals_children"], ocrConfidence: 0.62, ocrEngine: "paddle", ocrSecondReading: "31.10", repairedAmount: "31.10", ocrFlags: ["repaired", "engines_disagree"] });
    const unitless = item({ code: "20102", row: 4, amount: "7.00", unit: null });
    await wh.load([doc("a", "v1", { items: [checked, ocr, unitless] })]);
    assert.deepEqual(await wh.query(`SELECT code, printed_unit, amount_yuan, table_index, measure_label, normalised_code, code_status, verification, identities,
        ocr_confidence, ocr_engine, ocr_second_reading, repaired_amount, ocr_flags FROM fact_line_items ORDER BY item_index`), [
      { code: "201", printed_unit: "万元", amount_yuan: "10811000.0000", table_index: 1, measure_label: "合计", normalised_code: "201", code_status: "standard",
        verification: "verified", identities: ["parent_equals_children", "column_total_equals_parts"],
        ocr_confidence: null, ocr_engine: null, ocr_second_reading: null, repaired_amount: null, ocr_flags: null },
      { code: "20101", printed_unit: "万元", amount_yuan: "811000.0000", table_index: 1, measure_label: "合计", normalised_code: null, code_status: null,
        verification: "repaired", identities: ["parent_equals_children"],
        ocr_confidence: 0.62, ocr_engine: "paddle", ocr_second_reading: "31.10", repaired_amount: "31.10", ocr_flags: ["repaired", "engines_disagree"] },
      { code: "20102", printed_unit: null, amount_yuan: null, table_index: 1, measure_label: "合计", normalised_code: null, code_status: null,
        verification: "unverified", identities: [], ocr_confidence: null, ocr_engine: null, ocr_second_reading: null, repaired_amount: null, ocr_flags: null },
    ]);
  } finally {
    wh.close();
    await rm(dir, { recursive: true, force: true });
  }
});
