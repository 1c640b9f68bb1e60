// transform/validate/apply-repairs.ts: a misread OCR digit takes the value its identities give.
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyOcrRepairs } from "../transform/validate/apply-repairs.ts";
import { toGoldenCsv } from "../transform/golden-csv.ts";
import type { LineItem } from "../transform/line-item.ts";
import type { Finding } from "../transform/validate/finding.ts";

const item = (code: string, amount: string, bbox: [number, number, number, number], ocr?: number): LineItem => ({
  table: "expenditure", code, name: code, measure: "total", amount, unit: "万元", page: 4, bbox, row: 1, col: 2,
  ...(ocr === undefined ? {} : { ocrConfidence: ocr }),
});

const finding = (bbox: [number, number, number, number], proposed: string): Finding => ({
  rule: "parent_equals_children", severity: "error", message: "", expected: null, actual: null, cells: [],
  repair: { cell: { table: "expenditure", label: "2080505", printed: "162.72", unit: "万元", page: 4, bbox }, proposed },
});

test("an OCR amount named by a repair is repaired, its read value kept; text amounts never change", () => {
  const ocr = item("2080505", "162.72", [10, 20, 30, 40], 0.61);
  const text = item("2080506", "80.38", [10, 40, 30, 60]);
  const [a, b] = applyOcrRepairs([ocr, text], [finding([10, 20, 30, 40], "160.72"), finding([10, 40, 30, 60], "80.00")]);
  assert.equal(a!.amount, "162.72");
  assert.equal(a!.repairedAmount, "160.72");
  assert.equal(b!.repairedAmount, undefined);
  assert.match(toGoldenCsv([a!, b!]), /^expenditure,2080505,2080505,total,160\.72$/m);
});

test("repairs of narrative figures do not touch table items", () => {
  const f = finding([10, 20, 30, 40], "1.00");
  f.repair!.cell.table = "narrative";
  assert.equal(applyOcrRepairs([item("201", "2.00", [10, 20, 30, 40], 0.9)], [f])[0]!.repairedAmount, undefined);
});
