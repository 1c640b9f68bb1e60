// transform/validate/apply-repairs.ts: a misread OCR digit takes the value its identities give.
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyOcrRepairs } from "../transform/validate/apply-repairs.ts";
import { toGoldenCsv } from "../transform/golden-csv.ts";
import type { FindingInput as Finding } from "../transform/contract/index.ts";
import type { DraftLineItem as LineItem } from "../transform/table-line-items.ts";

const item = (code: string, amount: string, bbox: [number, number, number, number], ocr?: number): LineItem => ({
  table: "expenditure", tableIndex: 0, code, name: code, measure: "total", measureLabel: "合计", amount, unit: "万元", page: 4, bbox, row: 1, col: 2, scope: "department", budgetUnit: null,
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

test("OCR figures that lost their decimal point take their column's decimals, flagged; text figures and repaired ones untouched", async () => {
  const { repairLostDecimals } = await import("../transform/validate/decimal-repair.ts");
  const col = [item("30101", "262.33", [1, 0, 2, 1], 0.9), item("30102", "1238.58", [1, 1, 2, 2], 0.9), item("30109", "80.38", [1, 2, 2, 3], 0.9), item("30301", "0", [1, 3, 2, 4], 0.9)];
  const lost = item("30108", "16075", [1, 4, 2, 5], 0.95), lost2 = item("30204", "009", [1, 5, 2, 6], 0.5);
  const text = { ...item("30199", "9103", [1, 6, 2, 7]) };
  const out = repairLostDecimals([...col, lost, lost2, text]);
  assert.deepEqual(out.map((i) => i.repairedAmount), [undefined, undefined, undefined, undefined, "160.75", "0.09", undefined]);
  assert.equal(out[4]!.amount, "16075", "the value read is kept");
  // A column of whole numbers (元) is left alone.
  const whole = [item("1", "2932700", [0, 0, 1, 1], 0.9), item("2", "257700", [0, 1, 1, 2], 0.9), item("3", "426000", [0, 2, 1, 3], 0.9), item("4", "888700", [0, 3, 1, 4], 0.9)];
  assert.deepEqual(repairLostDecimals(whole).map((i) => i.repairedAmount), [undefined, undefined, undefined, undefined]);
});
