// The checks an inspector makes from the document alone (transform/validate/narrative/): amounts the
// narrative states by kind, code or name against the tables; year-over-year changes recomputed;
// comparisons of the year with itself; template text left in; names of another year; the 人员经费 /
// 公用经费 split between tables. Precision first: consistent text gives no finding.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { makeTable, type Spec } from "./fixtures/make-table.ts";
import { transformDocument } from "../transform/transform-document.ts";
import type { Table } from "../extract/table-ir.ts";

function findings(text: string, tables: Table[] = [], year = 2026, cover = `上海市普陀区测试局\n${year}年部门预算`) {
  const pageText = [{ page: 1, text: cover }, { page: 2, text }];
  const d = transformDocument({ pageCount: 3, tables, pageText, coverLines: [], notes: [] }, { docId: "t", file: "t.pdf", sha256: "0".repeat(64), format: "pdf" }).extract;
  // The constructed tables' own identities (and the tables a real document would also have) are not these checks' business.
  return d.validation.findings.filter((f) => /^(narrative_|no_template|classification_name|basic_split)/.test(f.rule));
}
const rules = (fs: ReturnType<typeof findings>) => fs.map((f) => f.rule);

const GENERAL: Spec[][] = [
  ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
  ["", "合计", "300.00", "250.00", "50.00"],
  ["204", "公共安全支出", "100.00", "100.00", ""],
  ["20406", "司法", "100.00", "100.00", ""],
  ["2040601", "行政运行", "100.00", "100.00", ""],
  ["221", "住房保障支出", "200.00", "150.00", "50.00"],
  ["22102", "住房改革支出", "200.00", "150.00", "50.00"],
  ["2210201", "住房公积金", "208.80", "158.80", "50.00"],
];
// The 住房公积金 row prints 208.80 against its parents' 200: the tables are not consistent here, but the narrative checks do not care.
const general = () => makeTable(GENERAL, { before: ["2026年一般公共预算支出表", "单位：万元"] });

describe("year-over-year changes", () => {
  test("a percentage the amounts do not give, and a direction they contradict", () => {
    const f = findings("2026年收入预算43269.3万元，比2025年预算增加3845.49万元，增长17.62%。2026年支出预算1000.00万元，比2025年预算减少178.25万元，减少1.10%。");
    assert.deepEqual(rules(f), ["narrative_change_percent", "narrative_change_percent"]);
    assert.deepEqual(f.map((x) => x.expected), ["9.75", "-15.13"]);
    assert.equal(f[0]!.cells[0]!.page, 2);
    assert.match(f[0]!.cells[0]!.label, /43269\.3万元/);
  });

  test("the prior amount stated: 执行数为X，安排Y，比…增加P%", () => {
    assert.deepEqual(rules(findings("2025年当年预算执行数为348.52万元，2026年预算安排352.67万元，比2025年预算执行数增加0.53%。")), ["narrative_change_percent"]);
    assert.deepEqual(findings("2025年当年预算执行数为348.52万元，2026年预算安排352.67万元，比2025年预算执行数增加1.19%。"), []);
  });

  test("percentages the amounts give, to their rounding, are no finding", () => {
    assert.deepEqual(findings("收入、支出预算总计18330.37万元，与上年相比收、支预算总计各增加2432.93万元，增长15.3%。机关运行经费184.65万元，比上年增加2.55万元，增长1.40%。"), []);
  });

  test("a budget compared with its own year; final accounts may compare with their year's budget", () => {
    assert.deepEqual(rules(findings("2026年收入预算100万元，比2026年预算增加10万元，增长11.11%。")), ["narrative_compares_year"]);
    const final = (text: string) => findings(text, [], 2025, "上海市普陀区测试局\n2025年度部门决算");
    assert.deepEqual(final("支出决算100万元，比2025年预算减少10万元，下降9.09%。"), []);
    assert.deepEqual(rules(final("与2025年度相比，收入支出总计减少56.95万元，下降1.87%。")), ["narrative_compares_year"]);
  });
});

describe("amounts the narrative states", () => {
  test("by code （204类）（06款）（01项）, by the names' narrative form, and by a row's name", () => {
    const wrong = findings("公共安全支出（204类）司法（06款）行政运行（01项）支出120.00万元。住房公积金安排201.50万元。", [general()]);
    assert.deepEqual(rules(wrong), ["narrative_states_table", "narrative_states_table"]);
    assert.match(wrong[0]!.message, /120\.00万元.*100\.00/);
    assert.match(wrong[1]!.message, /住房公积金 201\.50万元/);
    assert.deepEqual(findings("公共安全支出（204类）司法（06款）行政运行（01项）支出100.00万元。住房公积金安排208.80万元。公共安全支出（类）司法（款）行政运行（项）100万元。", [general()]), []);
  });

  test("by kind: 基本支出, 项目支出 match a cell of any fund scope; another year's or a change's amount is no statement", () => {
    assert.deepEqual(findings("其中：基本支出250.00万元，项目支出50.00万元。", [general()]), []);
    assert.deepEqual(rules(findings("其中：基本支出260.00万元。", [general()])), ["narrative_states_table"]);
    assert.deepEqual(findings("2025年基本支出260.00万元。基本支出比上年增加260.00万元。", [general()]), []);
  });
});

describe("template text and names", () => {
  test("增加（减少） and a reason announced but not given", () => {
    assert.deepEqual(rules(findings("政府性基金收入预算0万元，与上年相比增加（减少）0万元，增长（减少）0%。支出与上年持平，主要原因是。")), ["no_template_text", "no_template_text", "no_template_text"]);
    assert.deepEqual(findings("支出增加，主要原因是人员增加。"), []);
  });

  test("a 类 named as in other years: in the narrative and in a table row", () => {
    const t = makeTable([["科目编码", "科目名称", "合计"], ["", "合计", "50.37"], ["210", "医疗卫生与计划生育支出", "50.37"]], { before: ["2024年一般公共预算支出表", "单位：万元"] });
    const f = findings("“医疗卫生与计划生育支出（类）行政事业单位医疗（款）事业单位医疗（项）”50.37万元。", [t], 2024);
    assert.deepEqual(rules(f), ["classification_name_of_year", "classification_name_of_year"]);
    assert.deepEqual(f.map((x) => x.expected), ["卫生健康支出", "卫生健康支出"]);
    assert.deepEqual(findings("医疗卫生与计划生育支出50.37万元。", [], 2017), []);
  });
});

test("the 人员经费 / 公用经费 split: the economic table against the functional table's", () => {
  const functional = (personnel: string, publicCosts: string) => makeTable([
    ["科目编码", "科目名称", { t: "基本支出", cs: 3 }, null, null],
    ["", "", "小计", "人员经费", "公用经费"],
    ["", "合计", "250.00", personnel, publicCosts],
    ["204", "公共安全支出", "250.00", personnel, publicCosts],
  ], { before: ["2026年一般公共预算支出表", "单位：万元"] });
  const economic = makeTable([
    ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
    ["", "合计", "250.00", "200.00", "50.00"],
    ["301", "工资福利支出", "200.00", "200.00", ""],
    ["302", "商品和服务支出", "50.00", "", "50.00"],
  ], { before: ["2026年一般公共预算基本支出表", "单位：万元"] });
  assert.deepEqual(rules(findings("", [functional("200.00", "50.00"), economic])), []);
  // The totals agree; 10.12 moved from 人员经费 to 公用经费.
  assert.deepEqual(rules(findings("", [functional("189.88", "60.12"), economic])).sort(), ["basic_split_matches_economic", "basic_split_matches_economic"]);
});
