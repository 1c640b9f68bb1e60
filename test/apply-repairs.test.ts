// transform/validate/apply-repairs.ts: a misread OCR digit takes the value its identities give.
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyOcrRepairs, agreesWithReading } from "../transform/validate/apply-repairs.ts";
import { lostDecimals } from "../transform/validate/decimal-repair.ts";
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

test("a repair is taken only when it agrees with the digits read; otherwise the amount stays as read, flagged", () => {
  const cases: Array<[string, string, string | undefined, boolean]> = [
    ["162.72", "160.72", undefined, true], // one digit misread
    ["16075", "160.75", undefined, true], // the very digits, the point moved: the identities pin the magnitude
    ["1303.52", "1503.52", undefined, true],
    ["25232591", "252325.91", undefined, true], // same digits: allowed only because an identity pins the cell to it
    ["25232591", "2232.91", undefined, false], // other digits and another magnitude
    ["291", "2.71", undefined, false],
    ["106000", "1106000", undefined, true], // one digit dropped (under a seal), the rest agree
    ["106000", "1107000", undefined, false],
    ["29", "2.9", undefined, true], // the same digits, the point moved
    ["29", "290", undefined, true],
    ["293822529", "293810000", undefined, false], // four digits differ
    ["293822529", "293810000", "293810000", true], // …but the second engine read exactly that
    ["-12.00", "12.00", undefined, false],
  ];
  for (const [read, proposed, second, ok] of cases) assert.equal(agreesWithReading(read, proposed, second), ok, `${read} → ${proposed}`);
  const bad = item("2080505", "291", [10, 20, 30, 40], 0.95);
  const [out] = applyOcrRepairs([bad], [finding([10, 20, 30, 40], "2.71")]);
  assert.equal(out!.repairedAmount, undefined);
  assert.deepEqual(out!.ocrFlags, ["identity_failed"]);
});

test("every OCR amount carries its flags: low confidence, engines disagreeing, repaired; text amounts none", () => {
  const sure = { ...item("201", "100.00", [0, 0, 1, 1], 0.99), ocrEngine: "paddle" as const };
  const doubtful = { ...item("202", "200.00", [0, 1, 1, 2], 0.5), ocrEngine: "paddle" as const };
  const disagree = { ...item("203", "300.00", [0, 2, 1, 3], 0.3), ocrEngine: "paddle" as const, ocrSecondReading: "800.00" };
  const text = item("204", "400.00", [0, 3, 1, 4]);
  const out = applyOcrRepairs([sure, doubtful, disagree, text], [finding([0, 2, 1, 3], "800.00")]);
  assert.deepEqual(out.map((i) => i.ocrFlags), [[], ["low_confidence"], ["low_confidence", "repaired"], undefined]);
  assert.equal(out[2]!.repairedAmount, "800.00", "the second engine's reading, pinned by the identity");
  assert.equal(out[2]!.amount, "300.00", "the value read is kept");
});

test("OCR figures that seem to have lost their decimal point are flagged, never shifted without an identity", () => {
  const col = [item("30101", "262.33", [1, 0, 2, 1], 0.9), item("30102", "1238.58", [1, 1, 2, 2], 0.9), item("30109", "80.38", [1, 2, 2, 3], 0.9), item("30301", "0", [1, 3, 2, 4], 0.9)];
  const lost = item("30108", "16075", [1, 4, 2, 5], 0.95), lost2 = item("30204", "009", [1, 5, 2, 6], 0.95);
  const text = { ...item("30199", "9103", [1, 6, 2, 7]) };
  const out = applyOcrRepairs([...col, lost, lost2, text], []);
  assert.deepEqual(out.map((i) => i.repairedAmount), [undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  assert.deepEqual(out.map((i) => i.ocrFlags), [[], [], [], [], ["decimals_lost"], ["decimals_lost"], undefined]);
  // With an identity pinning the cell to the same digits, the point is put back.
  const pinned = applyOcrRepairs([...col, lost], [finding([1, 4, 2, 5], "160.75")]);
  assert.equal(pinned[4]!.repairedAmount, "160.75");
  assert.deepEqual(pinned[4]!.ocrFlags, ["repaired"]);
  // A column of whole numbers (元) is left alone.
  const whole = [item("1", "2932700", [0, 0, 1, 1], 0.9), item("2", "257700", [0, 1, 1, 2], 0.9), item("3", "426000", [0, 2, 1, 3], 0.9), item("4", "888700", [0, 3, 1, 4], 0.9)];
  assert.deepEqual(lostDecimals(whole), [undefined, undefined, undefined, undefined]);
});
