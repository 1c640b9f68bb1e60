// transform/normalise-codes.ts: printed codes against the classification in force that year.
import { test } from "node:test";
import assert from "node:assert/strict";
import { normaliseCodes, classificationOf } from "../transform/normalise-codes.ts";
import type { DraftLineItem as LineItem } from "../transform/table-line-items.ts";

const item = (table: LineItem["table"], code: string, name: string, row: number): LineItem => ({
  table, tableIndex: 0, code, name, measure: "total", measureLabel: "合计", amount: "1.00", unit: "元", page: 8, bbox: [0, 0, 1, 1], row, col: 4, scope: "department", budgetUnit: null,
});

test("standard codes get their classification and the name valid that year", () => {
  const [a, b] = normaliseCodes([item("expenditure", "210", "卫生健康支出", 1), item("basic_by_economic", "30101", "基本工资", 2)], { fiscalYear: 2024 });
  assert.deepEqual([a!.classification, a!.codeStatus, a!.normalisedCode, a!.canonicalName], ["functional", "standard", "210", "卫生健康支出"]);
  assert.deepEqual([b!.classification, b!.codeStatus, b!.canonicalName], ["department", "standard", "基本工资"]);
  assert.equal(classificationOf("basic_by_economic", "50101"), "government");
});

test("a truncated name is completed from the reference", () => {
  const [a] = normaliseCodes([item("expenditure", "2080505", "机关事业单位基本养老保险", 3)], { fiscalYear: 2024 });
  assert.equal(a!.codeStatus, "standard");
  assert.equal(a!.canonicalName, "机关事业单位基本养老保险缴费支出");
});

test("a damaged 类 (7 | 11 | 02) is repaired from the name and the surviving 款/项 digits", () => {
  const items = normaliseCodes([item("expenditure", "21011", "行政事业单位医疗", 10), item("expenditure", "71102", "事业单位医疗", 11)], { fiscalYear: 2024 });
  const repaired = items[1]!;
  assert.equal(repaired.code, "71102"); // printed code kept
  assert.equal(repaired.codeStatus, "repaired");
  assert.equal(repaired.normalisedCode, "2101102");
  assert.equal(repaired.canonicalName, "事业单位医疗");
});

test("local economic numbering is mapped to the standard code of the same name under the same 类", () => {
  const [a, b] = normaliseCodes([item("basic_by_economic", "30202", "咨询费", 5), item("basic_by_economic", "30210", "车辆运行费", 6)], { fiscalYear: 2024 });
  assert.deepEqual([a!.codeStatus, a!.normalisedCode], ["repaired", "30203"]);
  assert.deepEqual([b!.codeStatus, b!.normalisedCode], ["unknown", "30210"]);
});

test("without a fiscal year nothing is normalised; totals are left alone", () => {
  const items = [item("expenditure", "210", "卫生健康支出", 1), item("expenditure", "", "合计", 2)];
  assert.deepEqual(normaliseCodes(items, { fiscalYear: null }), items);
  assert.equal(normaliseCodes(items, { fiscalYear: 2024 })[1]!.codeStatus, undefined);
});

test("the narrative form (类)(款)(项) gives the code", async () => {
  const { narrativeCode } = await import("../transform/normalise-codes.ts");
  assert.equal(narrativeCode("社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）", 2024), "2080505");
  assert.equal(narrativeCode("一般公共服务支出(类)财政事务(款)", 2024), "20106");
  assert.equal(narrativeCode("卫生健康支出（类）", 2018), null); // 210 was 医疗卫生与计划生育支出 until 2018
  const [row] = normaliseCodes([item("expenditure", "", "卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）", 4)], { fiscalYear: 2024 });
  assert.deepEqual([row!.code, row!.codeStatus, row!.normalisedCode], ["", "from_name", "2101101"]);
});

test("a code lost in print (OCR '000 0.5 0.5') is found from the name under the codes above it", () => {
  const items = normaliseCodes([
    item("expenditure", "20805", "行政事业单位养老支出", 1),
    item("expenditure", "", "机关事业单位基本养老保险缴费支出", 2),
    item("expenditure", "20101", "人大事务", 3),
    item("expenditure", "", "行政运行", 4),
    item("expenditure", "", "合计", 5),
  ], { fiscalYear: 2024 });
  assert.deepEqual(items.map((i) => [i.codeStatus, i.normalisedCode]), [
    ["standard", "20805"], ["from_name", "2080505"], ["standard", "20101"], ["from_name", "2010101"], [undefined, undefined],
  ]);
});
