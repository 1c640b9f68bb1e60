// transform/table-kind.ts: titles printed in real disclosures → table kind; title-like lines.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { looksLikeTitle, tableKindFromTitle } from "../transform/table-kind.ts";
import type { TableKind } from "../transform/contract/index.ts";

const TITLES: Array<[string, TableKind | null]> = [
  ["2025年部门财务收支预算总表", "summary"],
  ["收入支出决算总表", "summary"],
  ["支出决算表", "expenditure"],
  ["部门支出预算总表", "expenditure"],
  ["一般公共预算支出功能分类预算表", "general_by_function"],
  ["一般公共预算财政拨款支出决算表", "general_by_function"],
  ["一般公共预算基本支出部门预算经济分类预算表", "basic_by_economic"],
  ["一般公共预算财政拨款基本支出决算表", "basic_by_economic"],
  ["财政拨款“三公”经费支出决算表", "three_public"],
  ["“三公”经费和机关运行经费预算表", "three_public"],
  ["财政拨款收支总表", "fiscal_summary"],
  ["财政拨款收入支出决算总表", "fiscal_summary"],
  ["政府性基金预算支出表", "gov_fund"],
  ["国有资本经营预算支出表", "state_capital"],
  // A 财政拨款 copy of a 一般公共预算 table: not a standard table.
  ["财政拨款支出预算表（功能科目）", null],
  ["部门收入预算表", "income"],
  ["项目支出预算表", "project"],
  ["政府采购预算表", "procurement"],
  ["部门整体绩效目标表", "performance"],
];

describe("tableKindFromTitle", () => {
  for (const [title, kind] of TITLES) {
    test(`${title} → ${kind}`, () => {
      assert.equal(tableKindFromTitle(title), kind);
    });
  }

  test("spaces inside a title are ignored", () => {
    assert.equal(tableKindFromTitle("一般公共预算 基本支出 表"), "basic_by_economic");
    assert.equal(tableKindFromTitle("收 支 总 表"), "summary");
  });

  test("a line that names no table kind → null", () => {
    assert.equal(tableKindFromTitle("名词解释"), null);
    assert.equal(tableKindFromTitle(""), null);
  });
});

describe("looksLikeTitle", () => {
  const titles = [
    "2025年部门收支总表",
    "表1 部门收支总表",
    "财政拨款支出预算表（功能科目）",
    "一般公共预算支出表(按功能科目)",
    "财政拨款“三公”经费支出决算表",
  ];
  for (const line of titles) test(`title: ${line}`, () => assert.equal(looksLikeTitle(line), true));

  const notTitles = [
    "本部门2025年收支预算总额为1000万元，详见收支总表。", // narrative sentence
    "具体情况详见部门收支总表。",
    "部门收支总表；",
    "单位：万元",
    "编制单位：上海市普陀区财政局",
    "支出决算表续",
    "",
  ];
  for (const line of notTitles) test(`not a title: ${JSON.stringify(line)}`, () => assert.equal(looksLikeTitle(line), false));

  test("at most 60 characters", () => {
    assert.equal(looksLikeTitle("一".repeat(59) + "表"), true);
    assert.equal(looksLikeTitle("一".repeat(60) + "表"), false);
  });
});
