// Sample 4: three-line tables (rules above and below the header and under the last row only),
// a 序号 column and a 栏次 row, names wrapped onto two lines inside their cells with the numbers
// centred between them, a row-wise “三公” table with 会议费/培训费, and a unit-level table
// repeating the department's. Values of seed 001, 万元.
import type { Column, SampleDoc } from "../model.ts";
import { type AmountColumn, type CodedSpec, codedTable, goldenByLabel, gridTable } from "../layout.ts";
import { items, mapCells, pipeRows } from "../table-data.ts";
import { panelRows, performanceRows } from "../ext-rows.ts";
import * as seed from "../seed-tables/fengrun-001.ts";

const org = "丰润区医疗保障局";
const heading = { org, unit: "万元" as const };
const WRAP = 10;

const seq = { path: ["序号"], width: 5 };
const functionCode: CodedSpec["codeColumns"] = [{ path: ["功能分类科目", "科目编码"], width: 10, slice: "full" }];
const functionName = { path: ["功能分类科目", "科目名称"], width: 20, wrapAt: WRAP };
const expenditureColumns: AmountColumn[] = [
  { path: ["合计"], measure: "total" }, { path: ["基本支出"], measure: "basic" }, { path: ["项目支出"], measure: "project" },
  { path: ["经营支出"] }, { path: ["上解上级支出"] }, { path: ["对附属单位补助支出"] },
];
const functionTable = { codeColumns: functionCode, nameColumn: functionName, seqColumn: seq, lanci: true, landscape: true };
const emptyFunctionTable = {
  ...heading, ...functionTable, kind: null, amountColumns: expenditureColumns.slice(0, 3), rows: [],
};

/** Prefixes 序号 1…n to a grid's rows. */
const numbered = (rows: string[][]) => rows.map((r, i) => [String(i + 1), ...r]);
const summaryBody = numbered(pipeRows(seed.summary));
const threePublicBody = numbered(pipeRows(seed.threePublic));
const threePublicColumns: Column[] = [
  { path: ["序号"], width: 5, align: "center" }, { path: ["项  目"], width: 36, align: "left" },
  ...["合计", "一般公共预算财政拨款", "政府性基金预算拨款", "国有资本经营预算财政拨款"]
    .map((p): Column => ({ path: ["资 金 性 质", p], width: 14, align: "right" })),
];

const incomeColumns: AmountColumn[] = [
  { path: ["合计"] }, { path: ["本年收入", "小计"] },
  ...["财政拨款收入", "财政专户收入", "事业收入", "经营收入", "上级补助收入", "附属单位上缴收入", "其他收入"].map((p): AmountColumn => ({ path: ["本年收入", p], width: 10 })),
  { path: ["上年结转"] },
];
const fiscalBody = numbered(pipeRows(seed.fiscalSummary));
const fiscalColumns: Column[] = [
  { path: ["序号"], width: 5, align: "center" },
  { path: ["收入", "项  目"], width: 24, align: "left" }, { path: ["收入", "金额"], width: 12, align: "right" },
  { path: ["支出", "项  目"], width: 28, align: "left" }, { path: ["支出", "合计"], width: 12, align: "right" },
  ...["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"].map((p): Column => ({ path: ["支出", p], width: 14, align: "right" })),
];
const performanceColumns: Column[] = [
  { path: ["一级指标"], width: 12, align: "left" }, { path: ["二级指标"], width: 20, align: "left" },
  { path: ["三级指标"], width: 26, align: "left" }, { path: ["绩效指标描述"], width: 56, align: "left" },
  { path: ["指标值"], width: 32, align: "left" }, { path: ["指标值确定依据"], width: 16, align: "left" },
];
const performanceTables = seed.performance.map((p) => {
  const body = pipeRows(p.rows);
  return gridTable({
    ...heading, title: p.title, columns: performanceColumns, body, note: `绩效目标：${p.target}`, landscape: true,
    ext: { kind: "performance", row_format: "performance", rows: performanceRows(p.name, null, null,
      body.map(([l1 = "", l2 = "", l3 = "", , value = ""]) => [l1, l2, l3, value] as [string, string, string, string])) },
  });
});

export const fengrunWrapped: SampleDoc = {
  docId: "fengrun-yibao_2023_dept-budget_wrapped",
  department: org,
  fiscalYear: 2023,
  unit: "万元",
  ruling: "three-line",
  departmentCode: "450",
  units: [{ code: "450001", name: "丰润区医疗保障局本级" }, { code: "450002", name: "丰润区医疗保险事业管理中心" }],
  cover: [
    "丰润区医疗保障局2023年部门预算",
    "按照《预算法》、《地方预决算公开操作规程》和《关于进一步推进预算公开工作的实施意见》规定，现将丰润区医疗保障局2023年部门预算公开如下。",
    "丰润区医疗保障局部门预算包括丰润区医疗保障局本级和丰润区医疗保险事业管理中心。第一部分为部门预算表，第二部分为部门所属单位预算表。",
    "（本文件为测试样例，表中数据取自该部门公开的2023年部门预算。）",
  ],
  tables: [
    gridTable({
      ...heading, title: "部门预算收支总表",
      columns: [
        { path: ["序号"], width: 5, align: "center" },
        { path: ["收入", "项  目"], width: 28, align: "left" }, { path: ["收入", "预算数"], width: 12, align: "right" },
        { path: ["支出", "项  目"], width: 28, align: "left" }, { path: ["支出", "预算数"], width: 12, align: "right" },
      ],
      headerFooter: ["栏次", "1", "2", "3", "4"],
      body: summaryBody,
      golden: goldenByLabel("summary", summaryBody, [["收入总计", "income_total"], ["支出总计", "expenditure_total"]]),
    }),
    codedTable({
      ...heading, ...functionTable, kind: null, title: "部门预算收入总表",
      amountColumns: incomeColumns, rows: items(seed.income),
      ext: { kind: "income", codeType: "functional" },
    }),    codedTable({
      ...heading, ...functionTable, kind: "expenditure", title: "部门预算支出总表",
      amountColumns: expenditureColumns, rows: items(seed.expenditure),
    }),
    gridTable({
      ...heading, title: "部门预算财政拨款收支总表", landscape: true,
      columns: fiscalColumns, headerFooter: ["栏次", "1", "2", "3", "4", "5", "6", "7"], body: fiscalBody,
      ext: { kind: "fiscal_summary", row_format: "panels", rows: panelRows(fiscalBody, fiscalColumns, [
        { side: "income", name: 1, amounts: [2] }, { side: "expenditure", name: 3, amounts: [4, 5, 6, 7] },
      ]) },
    }),    codedTable({
      ...heading, ...functionTable, kind: "general_by_function", title: "部门预算一般公共预算财政拨款支出表",
      amountColumns: expenditureColumns.slice(0, 3), rows: mapCells(items(seed.expenditure), (c) => c.slice(0, 3)),
    }),
    codedTable({
      ...heading, kind: "basic_by_economic", title: "部门预算一般公共预算财政拨款基本支出表", seqColumn: seq, lanci: true,
      codeColumns: [{ path: ["支出部门经济分类科目", "科目编码"], width: 10, slice: "full" }],
      nameColumn: { path: ["支出部门经济分类科目", "科目名称"], width: 20, wrapAt: WRAP },
      amountColumns: [
        { path: ["一般公共预算基本支出", "合计"], measure: "total" },
        { path: ["一般公共预算基本支出", "人员经费"], measure: "personnel" },
        { path: ["一般公共预算基本支出", "公用经费"], measure: "public" },
      ],
      rows: items(seed.basic),
    }),
    codedTable({
      ...emptyFunctionTable, title: "部门预算政府基金预算财政拨款支出表", note: "注：无政府基金预算财政拨款预算，空表列示。",
      ext: { kind: "gov_fund", codeType: "functional" },
    }),
    codedTable({
      ...emptyFunctionTable, title: "部门预算国有资本经营预算财政拨款支出表", note: "注：无国有资本经营预算财政拨款预算，空表列示。",
      ext: { kind: "state_capital", codeType: "functional" },
    }),
    gridTable({
      ...heading, title: "部门预算财政拨款“三公”经费支出表",
      columns: threePublicColumns, headerFooter: ["栏次", "1", "2", "3", "4", "5"], body: threePublicBody,
      golden: goldenByLabel("three_public", threePublicBody, [
        ["“三公”经费小计", "total"], ["一、因公出国（境）费", "overseas"], ["二、公务用车购置及运维费", "vehicle"],
        ["其中：公务用车购置费", "vehicle_purchase"], ["公务用车运行维护费", "vehicle_operation"], ["三、公务接待费", "reception"],
      ], "合计"),
    }),
    ...performanceTables,
    codedTable({
      ...heading, ...functionTable, org: "丰润区医疗保障局本级", kind: null, title: "单位预算支出总表",
      amountColumns: expenditureColumns, rows: items(seed.unitExpenditure),
      ext: { kind: "expenditure", codeType: "functional", scope: "unit", unitCode: "450001", unitName: "丰润区医疗保障局本级" },
    }),
  ],
  notes:
    "Generated sample (not a published file): values from seed 001_b74d73884716a2a0 (丰润区医疗保障局 2023 部门预算), 万元, printed without " +
    "thousands separators as in the seed. Three-line tables (no vertical rules, no rules between body rows); a 序号 column (合计 is row 1) " +
    "and a 栏次 row (栏次 | 1 | 2 …) under the header; one-column codes with 类/款/项 rows. Names longer than 10 characters wrap inside " +
    "their cell onto a second line (机关事业单位基本养老 / 保险缴费支出), amounts vertically centred; golden names are the joined lines. " +
    "summary: 本年收入合计 17147.23 + 上年结转结余 110.00 = 收入总计 17257.23; golden takes 收入总计/支出总计. three_public is printed " +
    "row-wise (项目 rows × 资金性质 columns) with 会议费 and 培训费 rows; total = “三公”经费小计 (6.00, equal to 合计 here); only the " +
    "公务用车 rows have amounts. The last table (单位预算支出总表, 丰润区医疗保障局本级) repeats the department's table for one unit and is " +
    "not in the golden; the empty 政府基金 and 国有资本经营 tables carry notes. All identities hold. samples/expected holds the empty " +
    "gov_fund and state_capital tables and the unit-level expenditure table (scope unit, 450001 丰润区医疗保障局本级, measures total/basic/project " +
    "and the printed headers of the other columns). Also there: income (部门预算收入总表, by functional code like the 支出总表, with 序号, 栏次 " +
    "and wrapped names; 上年结转 110.00 on 210, 21013, 2101301), fiscal_summary (部门预算财政拨款收支总表 with 序号 and 栏次; 一、一般公共预算拨款 " +
    "printed twice on the 收入 side, 本年 17147.23 and under 年初财政拨款结转和结余 110.00), and three of the seed's 13 project 绩效目标表 " +
    "(1、基金监管费, 4、医疗救助, 5、印刷费; one table each, titles numbered as in the seed; 一级 | 二级 | 三级指标 | 绩效指标描述 | 指标值 | " +
    "指标值确定依据; the 绩效目标 text, printed above the grid in the seed, is printed as the note under it). The seed's project amounts are " +
    "not printed with them, and it has no 项目支出表.",
};
