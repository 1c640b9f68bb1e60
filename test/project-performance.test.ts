// transform/project-items.ts and performance-indicators.ts on hand-built tables in the
// printed forms of seed 000 (济源 2022): 项目支出预算表, vertical and wide 绩效目标表.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeTable } from "./fixtures/make-table.ts";
import { recogniseTables } from "../transform/recognise-tables.ts";
import { documentDetails, documentLineItems } from "../transform/document-line-items.ts";

test("项目支出预算表: projects with unit code and type, subtotals and the total apart", () => {
  const table = makeTable([
    [{ t: "部门（单位）代码", rs: 2 }, { t: "部门（项目）名称", rs: 2 }, { t: "项目类型", rs: 2 }, { t: "合计", rs: 2 }, { t: "本年拨款", cs: 2 }, null],
    [null, null, null, null, "一般公共预算", "政府性基金预算"],
    ["", "合计", "", "305.80", "293.80", "12.00"],
    ["036001", "济源产城融合示范区医疗保障局", "", "305.80", "293.80", "12.00"],
    ["036001", "医疗保障工作经费", "其他运转类", "25.00", "25.00", ""],
    ["036001", "医疗保障骨干网络建设服务费项目", "特定目标类", "12.00", "", "12.00"],
  ], { before: ["项目支出预算表", "部门名称：济源产城融合示范区医疗保障局 单位：万元"] });
  const tables = recogniseTables([table]);
  assert.equal(tables[0]!.kind, "project");
  const { projects } = documentDetails(tables);
  const project = projects.filter((p) => p.level === "project");
  assert.deepEqual(project.map((p) => [p.unitCode, p.name, p.type, p.measure, p.amount]), [
    ["036001", "医疗保障工作经费", "其他运转类", "total", "25.00"],
    ["036001", "医疗保障工作经费", "其他运转类", "本年拨款/一般公共预算", "25.00"],
    ["036001", "医疗保障骨干网络建设服务费项目", "特定目标类", "total", "12.00"],
    ["036001", "医疗保障骨干网络建设服务费项目", "特定目标类", "本年拨款/政府性基金预算", "12.00"],
  ]);
  assert.deepEqual(projects.filter((p) => p.level === "total").map((p) => p.amount), ["305.80", "293.80", "12.00"]);
  assert.equal(projects.filter((p) => p.level === "subtotal").length, 3);
  assert.equal(projects[0]!.unit, "万元");
  // Project tables are read into projects, not line items.
  assert.deepEqual(documentLineItems(tables, null), []);
});

test("绩效目标表, vertical: levels merged down their rows, per project", () => {
  const table = makeTable([
    ["项目名称", { t: "医疗保障工作经费", cs: 3 }, null, null],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    [{ t: "产出指标", rs: 2 }, "数量指标", "检查定点机构数", "≥200家"],
    [null, "质量指标", "两定机构检查覆盖率", "≥90%"],
    ["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥85%"],
  ], { before: ["2022年度部门预算项目绩效目标表"] });
  const tables = recogniseTables([table]);
  assert.equal(tables[0]!.kind, "performance");
  const { indicators } = documentDetails(tables);
  assert.deepEqual(indicators.map((i) => [i.subject, i.level1, i.level2, i.level3, i.value]), [
    ["医疗保障工作经费", "产出指标", "数量指标", "检查定点机构数", "≥200家"],
    ["医疗保障工作经费", "产出指标", "质量指标", "两定机构检查覆盖率", "≥90%"],
    ["医疗保障工作经费", "满意度指标", "服务对象满意度指标", "参保群众满意度", "≥85%"],
  ]);
});

test("绩效目标表, wide: (三级指标, 指标值) pairs under 产出指标 / 效益指标, one row per project", () => {
  const table = makeTable([
    [{ t: "项目名称", rs: 2 }, { t: "资金总额", rs: 2 }, { t: "产出指标", cs: 2 }, null, { t: "效益指标", cs: 2 }, null],
    [null, null, "三级指标", "指标值", "三级指标", "指标值"],
    ["打击欺诈骗保工作经费", "15.00", "检查覆盖率", "100%", "基金安全", "有效保障"],
    ["公车购置", "18.00", "购置车辆数", "1辆", "", ""],
  ], { before: ["2022年度部门预算项目绩效目标表"] });
  const { indicators } = documentDetails(recogniseTables([table]));
  assert.deepEqual(indicators.map((i) => [i.subject, i.level1, i.level3, i.value]), [
    ["打击欺诈骗保工作经费", "产出指标", "检查覆盖率", "100%"],
    ["打击欺诈骗保工作经费", "效益指标", "基金安全", "有效保障"],
    ["公车购置", "产出指标", "购置车辆数", "1辆"],
  ]);
});

test("the department's 整体绩效目标表 has the department as subject", () => {
  const table = makeTable([
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "完成重点任务数", "4项"],
  ], { before: ["部门(单位)整体绩效目标表"] });
  const { indicators } = documentDetails(recogniseTables([table]));
  assert.deepEqual(indicators.map((i) => [i.subject, i.level3, i.value]), [["department", "完成重点任务数", "4项"]]);
});
