// Tables continued over pages (transform/recognise-tables.ts): one title with different labels is several
// tables (表14-2, 表14-4: one 绩效目标表 per project); an unruled part whose repeated header words share a
// column (收 入 spaced over a panel) still continues the table; 指标内容 as the third indicator level.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeTable, COL_WIDTH } from "./fixtures/make-table.ts";
import { recogniseTables } from "../transform/recognise-tables.ts";
import { documentDetails } from "../transform/document-line-items.ts";

const indicatorGrid = (level3: string) => [["一级指标", "二级指标", "指标内容", "指标值"], ["产出指标", "数量指标", level3, "14家"]];
const TITLE = "2022年部门预算专项业务经费绩效目标表";

test("one title under two labels is two tables; under one label repeated, one table over two pages", () => {
  const a = makeTable(indicatorGrid("指标1：发放医疗救助金机构"), { page: 3, before: ["表14-2", TITLE, "单位：万元"] });
  const b = makeTable(indicatorGrid("指标1：稽核定点医疗机构"), { page: 4, before: ["表14-4", TITLE, "单位：万元"] });
  assert.deepEqual(recogniseTables([a, b]).map((t) => [t.kind, t.pages]), [["performance", [3]], ["performance", [4]]]);
  const c = makeTable(indicatorGrid("指标1：稽核定点医疗机构"), { page: 4, before: ["表14-2", TITLE, "单位：万元"] });
  assert.deepEqual(recogniseTables([a, c]).map((t) => t.pages), [[3, 4]]);
});

test("an unruled part whose repeated header words share a column continues the table", () => {
  const first = makeTable([
    [{ t: "收入", cs: 2 }, null, { t: "支出", cs: 2 }, null],
    ["项目", "预算数", "项目", "预算数"],
    ["一、财政拨款", "1172.35", "一、财政拨款", "1172.35"],
    ["1、一般公共预算拨款", "1172.35", "1、一般公共服务支出", "0.00"],
  ], { method: "stream", page: 6, before: ["表4", "2022年部门综合预算财政拨款收支总表", "单位：万元"] });
  const part = makeTable([
    ["收", "入", "支", "出"],
    ["项目", "预算数", "项目", "预算数"],
    ["", "", "29、债务发行费用支出", "0.00"],
    ["收入总计", "1172.35", "支出总计", "1172.35"],
  ], { method: "stream", page: 7, before: ["表4", "2022年部门综合预算财政拨款收支总表", "单位：万元"] });
  // 支 and 出 printed close together over the 支出 panel's label column.
  for (const c of part.cells.filter((c) => c.row === 0 && c.col >= 2)) c.bbox = [2 * COL_WIDTH + (c.col - 2) * 20, 0, 2 * COL_WIDTH + (c.col - 2) * 20 + 15, 20];
  const tables = recogniseTables([first, part]);
  assert.deepEqual(tables.map((t) => [t.kind, t.pages]), [["fiscal_summary", [6, 7]]]);
  assert.deepEqual(tables[0]!.layout.refs.at(-1)!.map((c) => c?.text), ["收入总计", "1172.35", "支出总计", "1172.35"]);
});

test("指标内容 names the third level where a template prints it so (陕西: 一级指标 | 二级指标 | 指标内容 | 指标值)", () => {
  const table = makeTable([
    ["一级指标", "二级指标", "指标内容", "指标值"],
    ["产出指标", "数量指标", "指标1：发放医疗救助金机构", "14家"],
    ["", "质量指标", "指标1：医疗救助完成率", "1"],
  ], { before: ["表15", "2022年部门整体支出绩效目标表", "单位：万元"] });
  const { indicators } = documentDetails(recogniseTables([table]));
  assert.deepEqual(indicators.map((i) => [i.subject, i.level1, i.level2, i.level3, i.value]), [
    ["department", "产出指标", "数量指标", "指标1：发放医疗救助金机构", "14家"],
    ["department", "产出指标", "质量指标", "指标1：医疗救助完成率", "1"],
  ]);
});

test("a continuation page's first rows are kept when they print no figure; only a repeated header is dropped", () => {
  const header = [["收入", "", "支出", ""], ["项目", "金额", "项目", "金额"]];
  const first = makeTable([...header, ["一、财政拨款", "100.00", "一、一般公共服务支出", "60.00"], ["", "", "二、外交支出", ""]],
    { page: 11, before: ["一、2017年度部门收支预算总表", "单位：万元"] });
  // Page 12: no header repeated, two body rows without figures, then rows with figures.
  const part = makeTable([["二、其他资金", "", "三、国防支出", ""], ["", "", "四、公共安全支出", "40.00"], ["收入合计", "100.00", "支出合计", "100.00"]], { page: 12 });
  const [t] = recogniseTables([first, part]);
  assert.deepEqual(t!.pages, [11, 12]);
  assert.deepEqual(t!.layout.refs.slice(t!.layout.bodyStart).map((r) => r[2]?.text), ["一、一般公共服务支出", "二、外交支出", "三、国防支出", "四、公共安全支出", "支出合计"]);
  // The same part with the header printed again: the header rows go, the body stays.
  const repeated = makeTable([...header, ["二、其他资金", "", "三、国防支出", ""], ["收入合计", "100.00", "支出合计", "100.00"]], { page: 12 });
  const [u] = recogniseTables([first, repeated]);
  assert.deepEqual(u!.layout.refs.slice(u!.layout.bodyStart).map((r) => r[2]?.text), ["一、一般公共服务支出", "二、外交支出", "三、国防支出", "支出合计"]);
});
