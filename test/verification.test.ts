// Every number says how far it was checked (transform/verify-items.ts), the identities that check
// it are built from the table's structure (budget-unit rows by the code reference, column sums from
// the resolved header tree, numbered and nested rows), and findings name their table, code and items.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CONSISTENT_EXPENDITURE_ROWS, makeTable, type Spec } from "./fixtures/make-table.ts";
import { transformDocument } from "../transform/transform-document.ts";
import { isBudgetUnitRow } from "../transform/budget-unit-rows.ts";
import type { Table } from "../extract/table-ir.ts";

const COVER = { page: 1, text: "上海市普陀区测试局\n2024年部门预算" };
function extract(tables: Table[], pageText = [COVER]) {
  return transformDocument({ pageCount: 5, tables, pageText, coverLines: [], notes: [] }, { docId: "t", file: "t.pdf", sha256: "0".repeat(64), format: "pdf" }).extract;
}
const header: Spec[] = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"];
const table = (rows: Spec[][], title = "2024年部门支出总表", head: Spec[] = header) => makeTable([head, ...rows], { before: [title, "单位：万元"] });
const GOOD = CONSISTENT_EXPENDITURE_ROWS;
/** Findings of identities (a constructed document of one table also lacks the other required tables). */
const identityFindings = (d: ReturnType<typeof extract>) => d.validation.findings.filter((f) => f.rule !== "required_table_present");
const status = (d: ReturnType<typeof extract>, code: string, measure = "total") => d.items.find((i) => i.code === code && i.measure === measure)?.verification;

describe("verification of each number", () => {
  test("numbers in identities that hold exactly are verified, with the identities named", () => {
    const d = extract([table(GOOD)]);
    assert.ok(d.items.every((i) => i.verification === "verified"), JSON.stringify(d.items.map((i) => [i.code, i.measure, i.verification])));
    assert.deepEqual(d.items.find((i) => i.code === "2010101" && i.measure === "total")!.identities, ["column_total_equals_parts", "parent_equals_children"]);
    assert.equal(d.validation.verifiedShare, 1);
  });

  test("a wrong number pinned by the repair is an error; the others around it stay verified", () => {
    const rows = GOOD.map((r) => [...r]);
    rows[3]![2] = "71.00";
    const d = extract([table(rows)]);
    assert.equal(status(d, "2010101"), "error");
    assert.equal(status(d, "20101"), "verified");
    assert.equal(status(d, "2010102"), "verified");
    const f = d.validation.findings.find((x) => x.rule === "parent_equals_children")!;
    assert.deepEqual([f.tableKind, f.code, f.measure], ["expenditure", "20101", "合计"]);
    assert.ok(f.items.includes(d.items.findIndex((i) => i.code === "2010101" && i.measure === "total")));
  });

  test("a difference within the rounding of the printed digits is rounding, not verified", () => {
    const rows = GOOD.map((r) => [...r]);
    // The 类 reads one cent off its 款 and its own parts (a total rounded on its own).
    rows[1] = ["201", "一般公共服务支出", "100.01", "60.00", "40.00"];
    const d = extract([table(rows)]);
    assert.equal(status(d, "201"), "rounding");
    assert.equal(status(d, "2010101"), "verified");
  });

  test("a number no identity covers is unverified", () => {
    const d = extract([table([["201", "一般公共服务支出", "100.00", "", ""]], "2024年部门支出总表", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"])]);
    assert.deepEqual(d.items.map((i) => i.verification), ["unverified"]);
    assert.equal(d.validation.verifiedShare, 0);
  });
});

describe("identities from structure, not from names", () => {
  test("budget-unit rows are told by the code reference: 20405 法院 and 21002 公立医院 are classification rows", () => {
    assert.equal(isBudgetUnitRow("general_by_function", { code: "20405", name: "法院" }), false);
    assert.equal(isBudgetUnitRow("expenditure", { code: "21002", name: "公立医院" }), false);
    assert.equal(isBudgetUnitRow("expenditure", { code: "036", name: "医疗保障局" }), true);
    assert.equal(isBudgetUnitRow("economic_summary", { code: "309", name: "医疗保障局" }), true);
    assert.equal(isBudgetUnitRow("economic_summary", { code: "309", name: "资本性支出（基本建设）" }), false);
    assert.equal(isBudgetUnitRow("income", { code: "", name: "焦作市社会医疗保险中心", unitCode: "309201" }), true);
  });

  test("a 款 named 法院 is checked against its 项 (its lost 项 row is flagged), and the total against the 类", () => {
    const rows: Spec[][] = [["", "合计", "30.00"], ["204", "公共安全支出", "30.00"], ["20405", "法院", "30.00"], ["2040501", "行政运行", "20.00"]];
    const d = extract([table(rows, "2024年一般公共预算支出表", ["科目编码", "科目名称", "合计"])]);
    const f = identityFindings(d).map((x) => `${x.rule}|${x.code}`);
    assert.deepEqual(f, ["parent_equals_children|20405"]);
    assert.equal(d.items.find((i) => i.code === "20405")!.budgetUnit, null);
  });

  test("unit rows of a department table: their code is no classification code, their rows are the unit's", () => {
    const rows: Spec[][] = [["", "合计", "10.00"], ["309", "医疗保障局", "10.00"], ["309001", "本级", "10.00"], ["30101", "基本工资", "6.00"], ["30102", "津贴补贴", "4.00"]];
    const d = extract([table(rows, "2024年支出经济分类汇总表", ["科目编码", "科目名称", "合计"])]);
    const unit = d.items.find((i) => i.name === "医疗保障局")!;
    assert.deepEqual([unit.code, unit.scope, unit.budgetUnit], ["", "department", "医疗保障局"]);
    const wage = d.items.find((i) => i.code === "30101")!;
    assert.deepEqual([wage.scope, wage.budgetUnit, wage.classification], ["department", "本级", "department"]);
    assert.deepEqual(identityFindings(d).map((x) => x.message), []);
  });

  test("a header read flat (合计 | 小计 | 财政拨款收入 …) gives no column identity: a 小计 is never its own part", () => {
    const head: Spec[] = ["科目编码", "科目名称", "合计", "小计", "财政拨款收入", "事业收入", "上年结转"];
    const rows: Spec[][] = [["", "合计", "110.00", "100.00", "90.00", "10.00", "10.00"], ["208", "社会保障和就业支出", "110.00", "100.00", "90.00", "10.00", "10.00"]];
    const d = extract([table(rows, "2024年部门收入总表", head)]);
    assert.deepEqual(d.validation.findings.filter((f) => f.rule === "column_total_equals_parts"), []);
    // One total per row: the outer 合计; 小计 is kept under its header.
    assert.deepEqual(d.items.filter((i) => i.code === "208" && i.measure === "total").map((i) => i.amount), ["110.00"]);
  });

  test("numbered rows: 一、 = Σ its 1、 rows and 1、 = Σ its (1) rows; a table's 合计 = Σ its 一、 rows", () => {
    const rows: Spec[][] = [["合计", "30.00"], ["一、货物", "20.00"], ["1、办公设备", "20.00"], ["(1)台式计算机", "15.00"], ["(2)打印机", "5.00"], ["二、服务", "10.00"], ["1、物业管理", "10.00"]];
    const d = extract([makeTable([["采购项目", "金额"], ...rows], { before: ["2024年政府采购预算表", "单位：万元"] })]);
    assert.ok(d.items.every((i) => i.verification === "verified"), JSON.stringify(d.items.map((i) => [i.name, i.verification])));
    const broken = rows.map((r) => [...r]);
    broken[3]![1] = "16.00";
    const e = extract([makeTable([["采购项目", "金额"], ...broken], { before: ["2024年政府采购预算表", "单位：万元"] })]);
    assert.deepEqual(identityFindings(e).map((f) => f.rule), ["numbered_items_sum"]);
  });

  test("rows nested by the label column they print in: a parent = Σ the rows one level under it", () => {
    const grid: Spec[][] = [
      ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "金额"],
      [{ t: "合计", cs: 4 }, null, null, null, "130.00"],
      ["一、货物", "", "", "", "100.00"],
      ["", "办公设备购置", "办公设备购置", "", "100.00"],
      ["", "", "", "台式计算机", "60.00"],
      ["", "", "", "复印机", "40.00"],
      ["二、服务", "", "", "", "30.00"],
      ["", "物业管理费", "物业管理费", "", "30.00"],
      ["", "", "", "物业管理服务", "30.00"],
    ];
    const d = extract([makeTable(grid, { before: ["2024年政府采购预算表", "单位：万元"] })]);
    assert.ok(d.items.every((i) => i.verification === "verified"), JSON.stringify(d.items.map((i) => [i.name, i.verification])));
  });
});
