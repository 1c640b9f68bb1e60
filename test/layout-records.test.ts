// transform/: hand-built Table IR (extract/table-ir.ts) → layout → records → line items.
// Each table is a layout printed in real disclosures; the expected line items are
// what golden-format.md says a correct extraction gives.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Table } from "../extract/table-ir.ts";
import { makeTable, type Spec } from "./fixtures/make-table.ts";
import { analyseLayout } from "../transform/table-layout.ts";
import { readRecords } from "../transform/table-records.ts";
import { tableLineItems, type DraftLineItem } from "../transform/table-line-items.ts";
import { goldenMeasure } from "../transform/golden-csv.ts";
import { recogniseTables } from "../transform/recognise-tables.ts";
import { documentLineItems } from "../transform/document-line-items.ts";
import type { AmountUnit, TableKind } from "../transform/contract/index.ts";


type Item = { table: string; code: string; name: string; measure: string; amount: string; unit: string | null };
const project = (items: DraftLineItem[]): Item[] => items.map((i) => ({ table: i.table, code: i.code, name: i.name, measure: goldenMeasure(i), amount: i.amount, unit: i.unit }));
const context = (kind: TableKind, unit: AmountUnit) => ({ kind, tableIndex: 0, unit, scope: "department" as const, budgetUnit: null });
const key = (i: Item) => `${i.table}|${i.code}|${i.measure}|${i.name}|${i.amount}`;
const sorted = (items: Item[]) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

function lineItems(kind: TableKind, table: Table, unit: AmountUnit = "万元"): Item[] {
  const layout = analyseLayout(table);
  return project(tableLineItems(context(kind, unit), layout, readRecords(layout)));
}

/** Items from rows [code, name, measure, amount]. */
const items = (table: TableKind, unit: AmountUnit, rows: Array<[string, string, string, string]>): Item[] =>
  rows.map(([code, name, measure, amount]) => ({ table, code, name, measure, amount, unit }));

const _ = null;

// (a) Split codes 类|款|项 under a three-row merged header; 合计 at the bottom.
const splitCodeExpenditure = () =>
  makeTable([
    [{ t: "项目", cs: 4 }, _, _, _, { t: "支出", cs: 3, rs: 2 }, _, _],
    [{ t: "科目编码", cs: 3 }, _, _, { t: "科目名称", rs: 2 }, _, _, _],
    ["类", "款", "项", _, "合计", "基本支出", "项目支出"],
    ["201", "", "", "一般公共服务支出", "100.00", "60.00", "40.00"],
    ["201", "03", "", "政府办公厅（室）及相关机构事务", "100.00", "60.00", "40.00"],
    ["201", "03", "01", "行政运行", "60.00", "60.00", ""],
    ["201", "03", "02", "一般行政管理事务", "40.00", "", "40.00"],
    [{ t: "合计", cs: 4 }, _, _, _, "100.00", "60.00", "40.00"],
  ]);

// (b) Final accounts: 类/款/项 printed in the first body row, beside 合计 and its amounts.
const finalAccountsExpenditure = () =>
  makeTable(
    [
      [{ t: "项目", cs: 4 }, _, _, _, { t: "本年支出合计", rs: 2 }, { t: "基本支出", rs: 2 }, { t: "项目支出", rs: 2 }],
      [{ t: "科目编码", cs: 3 }, _, _, "科目名称", _, _, _],
      ["类", "款", "项", "合计", "1,234.50", "1,000.00", "234.50"],
      ["208", "", "", "社会保障和就业支出", "1,234.50", "1,000.00", "234.50"],
      ["208", "05", "", "行政事业单位养老支出", "1,234.50", "1,000.00", "234.50"],
      ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,000.00", "1,000.00", "-"],
      ["208", "05", "06", "机关事业单位职业年金缴费支出", "234.50", "", "234.50"],
    ],
    { before: ["2024年支出决算表", "单位：万元"] },
  );

// (c) Two panels side by side: 人员经费 items left, 公用经费 items right, one 决算数 column each.
const twoPanelBasic = () =>
  makeTable([
    [{ t: "人员经费", cs: 4 }, _, _, _, { t: "公用经费", cs: 4 }, _, _, _],
    ["类", "款", "科目名称", "决算数", "类", "款", "科目名称", "决算数"],
    ["301", "", "工资福利支出", "80.00", "302", "", "商品和服务支出", "20.00"],
    ["301", "01", "基本工资", "50.00", "302", "01", "办公费", "12.00"],
    ["301", "02", "津贴补贴", "30.00", "302", "11", "差旅费", "8.00"],
    [{ t: "人员经费合计", cs: 3 }, _, _, "80.00", { t: "公用经费合计", cs: 3 }, _, _, "20.00"],
  ]);

// (d) Names wrapped over two grid rows (a ruling drawn through the name cell).
const wrappedNames = () =>
  makeTable([
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["208", "社会保障和就业支出", "19.08", "19.08", ""],
    ["20805", "行政事业单位养老支出", "19.08", "19.08", ""],
    ["2080505", "机关事业单位基本养老", "19.08", "19.08", ""],
    ["", "保险缴费支出", "", "", ""],
    ["210", "卫生健康支出", "3.47", "3.47", ""],
    ["21011", "行政事业单位医疗", "3.47", "3.47", ""],
    ["2101102", "事业单位医", "", "", ""],
    ["", "疗", "3.47", "3.47", ""],
    [{ t: "合计", cs: 2 }, _, "22.55", "22.55", ""],
  ]);

// (e) 三公 final accounts: a 预算数 block and a 决算数 block, one body row with no label.
const threePublicFinal = () =>
  makeTable([
    [{ t: "预算数", cs: 6 }, _, _, _, _, _, { t: "决算数", cs: 6 }, _, _, _, _, _],
    [
      { t: "合计", rs: 2 }, { t: "因公出国（境）费", rs: 2 }, { t: "公务用车购置及运行费", cs: 3 }, _, _, { t: "公务接待费", rs: 2 },
      { t: "合计", rs: 2 }, { t: "因公出国（境）费", rs: 2 }, { t: "公务用车购置及运行费", cs: 3 }, _, _, { t: "公务接待费", rs: 2 },
    ],
    [_, _, "小计", "公务用车购置费", "公务用车运行费", _, _, _, "小计", "公务用车购置费", "公务用车运行费", _],
    ["10.00", "2.00", "6.00", "0.00", "6.00", "2.00", "8.50", "1.50", "5.50", "-", "5.50", "1.50"],
  ]);

describe("(a) split-code expenditure table, three-row merged header", () => {
  test("layout: three header rows, 类|款|项 code parts, a name column, three amount columns", () => {
    const layout = analyseLayout(splitCodeExpenditure());
    assert.equal(layout.headerRowCount, 3);
    assert.equal(layout.bodyStart, 3);
    assert.deepEqual(layout.titleRows, []);
    assert.deepEqual(layout.columns.map((c) => c.role), [
      { role: "code", part: "类" }, { role: "code", part: "款" }, { role: "code", part: "项" },
      { role: "name" }, { role: "amount" }, { role: "amount" }, { role: "amount" },
    ]);
    assert.deepEqual(layout.columns.map((c) => c.header), [
      ["项目", "科目编码", "类"], ["项目", "科目编码", "款"], ["项目", "科目编码", "项"], ["项目", "科目名称"],
      ["支出", "合计"], ["支出", "基本支出"], ["支出", "项目支出"],
    ]);
    assert.equal(layout.panels.length, 1);
  });

  test("records: codes joined from their parts, 合计 spanning the code columns is a label", () => {
    const records = readRecords(analyseLayout(splitCodeExpenditure()));
    assert.deepEqual(records.map((r) => [r.row, r.code, r.name, r.amounts.map((a) => a.printed)]), [
      [3, "201", "一般公共服务支出", ["100.00", "60.00", "40.00"]],
      [4, "20103", "政府办公厅（室）及相关机构事务", ["100.00", "60.00", "40.00"]],
      [5, "2010301", "行政运行", ["60.00", "60.00"]],
      [6, "2010302", "一般行政管理事务", ["40.00", "40.00"]],
      [7, "", "合计", ["100.00", "60.00", "40.00"]],
    ]);
  });

  test("line items", () => {
    assert.deepEqual(sorted(lineItems("expenditure", splitCodeExpenditure())), sorted(items("expenditure", "万元", [
      ["", "合计", "total", "100.00"], ["", "合计", "basic", "60.00"], ["", "合计", "project", "40.00"],
      ["201", "一般公共服务支出", "total", "100.00"], ["201", "一般公共服务支出", "basic", "60.00"], ["201", "一般公共服务支出", "project", "40.00"],
      ["20103", "政府办公厅（室）及相关机构事务", "total", "100.00"], ["20103", "政府办公厅（室）及相关机构事务", "basic", "60.00"], ["20103", "政府办公厅（室）及相关机构事务", "project", "40.00"],
      ["2010301", "行政运行", "total", "60.00"], ["2010301", "行政运行", "basic", "60.00"],
      ["2010302", "一般行政管理事务", "total", "40.00"], ["2010302", "一般行政管理事务", "project", "40.00"],
    ])));
  });

  test("provenance: an amount's cell position and bbox", () => {
    const layout = analyseLayout(splitCodeExpenditure());
    const li = tableLineItems(context("expenditure", "万元"), layout, readRecords(layout)).find((i) => i.code === "2010302" && i.measure === "project");
    assert.deepEqual(li && [li.page, li.row, li.col, li.bbox], [3, 6, 6, [360, 120, 420, 140]]);
  });
});

describe("(b) final-accounts table: 类/款/项 labels in the first body row beside 合计", () => {
  test("layout: the labels complete the code headers; the body starts at the 合计 row", () => {
    const layout = analyseLayout(finalAccountsExpenditure());
    assert.equal(layout.bodyStart, 2);
    assert.deepEqual(layout.columns.slice(0, 3).map((c) => c.role), [
      { role: "code", part: "类" }, { role: "code", part: "款" }, { role: "code", part: "项" },
    ]);
    assert.deepEqual(layout.columns.slice(0, 3).map((c) => c.header.at(-1)), ["类", "款", "项"]);
  });

  test("recogniseTables: title and unit from the lines above, kind expenditure", () => {
    const [t, ...rest] = recogniseTables([finalAccountsExpenditure()]);
    assert.equal(rest.length, 0);
    assert.equal(t!.title, "2024年支出决算表");
    assert.equal(t!.kind, "expenditure");
    assert.equal(t!.unit, "万元");
    assert.deepEqual(t!.pages, [3]);
    assert.equal(t!.empty, false);
    assert.deepEqual(t!.headers.slice(3), ["项目/科目名称", "本年支出合计", "基本支出", "项目支出"]);
  });

  test("line items: thousands separators removed, \"-\" → 0, blank cells skipped", () => {
    const got = project(documentLineItems(recogniseTables([finalAccountsExpenditure()]), null));
    assert.deepEqual(sorted(got), sorted(items("expenditure", "万元", [
      ["", "合计", "total", "1234.50"], ["", "合计", "basic", "1000.00"], ["", "合计", "project", "234.50"],
      ["208", "社会保障和就业支出", "total", "1234.50"], ["208", "社会保障和就业支出", "basic", "1000.00"], ["208", "社会保障和就业支出", "project", "234.50"],
      ["20805", "行政事业单位养老支出", "total", "1234.50"], ["20805", "行政事业单位养老支出", "basic", "1000.00"], ["20805", "行政事业单位养老支出", "project", "234.50"],
      ["2080505", "机关事业单位基本养老保险缴费支出", "total", "1000.00"], ["2080505", "机关事业单位基本养老保险缴费支出", "basic", "1000.00"], ["2080505", "机关事业单位基本养老保险缴费支出", "project", "0"],
      ["2080506", "机关事业单位职业年金缴费支出", "total", "234.50"], ["2080506", "机关事业单位职业年金缴费支出", "project", "234.50"],
    ])));
  });
});

describe("(c) two-panel basic expenditure (类|款|科目名称|决算数 twice)", () => {
  test("layout: two panels of four columns", () => {
    const layout = analyseLayout(twoPanelBasic());
    assert.deepEqual(layout.panels.map((p) => p.columns.map((c) => c.index)), [[0, 1, 2, 3], [4, 5, 6, 7]]);
    assert.deepEqual(layout.columns.map((c) => c.role.role), ["code", "code", "name", "amount", "code", "code", "name", "amount"]);
  });

  test("line items: every item total; footers personnel / public with an empty code", () => {
    const table = twoPanelBasic();
    table.before = ["一般公共预算财政拨款基本支出决算表", "单位：元"];
    const got = project(documentLineItems(recogniseTables([table]), null));
    assert.deepEqual(sorted(got), sorted(items("basic_by_economic", "元", [
      ["", "人员经费合计", "personnel", "80.00"], ["", "公用经费合计", "public", "20.00"],
      ["301", "工资福利支出", "total", "80.00"], ["30101", "基本工资", "total", "50.00"], ["30102", "津贴补贴", "total", "30.00"],
      ["302", "商品和服务支出", "total", "20.00"], ["30201", "办公费", "total", "12.00"], ["30211", "差旅费", "total", "8.00"],
    ])));
  });
});

describe("(d) a name wrapped over two grid rows", () => {
  test("records: the continuation row joins the name above; amounts on the second line move up", () => {
    const records = readRecords(analyseLayout(wrappedNames()));
    assert.deepEqual(records.map((r) => [r.code, r.name, r.amounts.map((a) => a.printed)]), [
      ["208", "社会保障和就业支出", ["19.08", "19.08"]],
      ["20805", "行政事业单位养老支出", ["19.08", "19.08"]],
      ["2080505", "机关事业单位基本养老保险缴费支出", ["19.08", "19.08"]],
      ["210", "卫生健康支出", ["3.47", "3.47"]],
      ["21011", "行政事业单位医疗", ["3.47", "3.47"]],
      ["2101102", "事业单位医疗", ["3.47", "3.47"]],
      ["", "合计", ["22.55", "22.55"]],
    ]);
  });

  test("line items", () => {
    assert.deepEqual(sorted(lineItems("general_by_function", wrappedNames())), sorted(items("general_by_function", "万元", [
      ["", "合计", "total", "22.55"], ["", "合计", "basic", "22.55"],
      ["208", "社会保障和就业支出", "total", "19.08"], ["208", "社会保障和就业支出", "basic", "19.08"],
      ["20805", "行政事业单位养老支出", "total", "19.08"], ["20805", "行政事业单位养老支出", "basic", "19.08"],
      ["2080505", "机关事业单位基本养老保险缴费支出", "total", "19.08"], ["2080505", "机关事业单位基本养老保险缴费支出", "basic", "19.08"],
      ["210", "卫生健康支出", "total", "3.47"], ["210", "卫生健康支出", "basic", "3.47"],
      ["21011", "行政事业单位医疗", "total", "3.47"], ["21011", "行政事业单位医疗", "basic", "3.47"],
      ["2101102", "事业单位医疗", "total", "3.47"], ["2101102", "事业单位医疗", "basic", "3.47"],
    ])));
  });
});

describe("(e) 三公 table with 预算数 / 决算数 column blocks", () => {
  test("layout: header paths under 预算数 and 决算数", () => {
    const layout = analyseLayout(threePublicFinal());
    assert.equal(layout.bodyStart, 3);
    assert.deepEqual(layout.columns.slice(6).map((c) => c.header), [
      ["决算数", "合计"], ["决算数", "因公出国（境）费"], ["决算数", "公务用车购置及运行费", "小计"],
      ["决算数", "公务用车购置及运行费", "公务用车购置费"], ["决算数", "公务用车购置及运行费", "公务用车运行费"], ["决算数", "公务接待费"],
    ]);
  });

  test("line items: the 决算数 columns only, one row named 合计", () => {
    const table = threePublicFinal();
    table.before = ["2024年财政拨款“三公”经费支出决算表", "单位：万元"];
    const [t] = recogniseTables([table]);
    assert.equal(t!.kind, "three_public");
    assert.deepEqual(sorted(project(documentLineItems([t!], null))), sorted(items("three_public", "万元", [
      ["", "合计", "total", "8.50"], ["", "合计", "overseas", "1.50"], ["", "合计", "vehicle", "5.50"],
      ["", "合计", "vehicle_purchase", "0"], ["", "合计", "vehicle_operation", "5.50"], ["", "合计", "reception", "1.50"],
    ])));
  });
});

describe("names that start with digits", () => {
  // A table with no code column: a project name that starts with three digits is a name, not a code.
  const projects = () =>
    makeTable([
      ["项目名称", "金额"],
      ["100周年校庆活动经费", "50.00"],
      ["合计", "50.00"],
    ], { before: ["2024年项目支出预算表", "单位：万元"] });

  test("a project table is recognised", () => {
    const [t] = recogniseTables([projects()]);
    assert.equal(t!.kind, "project");
  });

  test("100周年… keeps its name and gets no code", () => {
    const records = readRecords(analyseLayout(projects()));
    assert.deepEqual(records.map((r) => [r.code, r.name]), [["", "100周年校庆活动经费"], ["", "合计"]]);
  });
});
