// Sample 2: no rules at all (columns aligned by whitespace), one-column 7-digit codes, 合计 on top,
// numbers printed without trailing zeros, a four-panel summary, look-alike tables of other kinds.
// Values of seed 002, 万元.
import type { Column, SampleDoc } from "../model.ts";
import { type AmountColumn, type CodedSpec, type Item, codedTable, goldenByLabel, gridTable } from "../layout.ts";
import { items, mapCells, mergeByCode, pipeRows } from "../table-data.ts";
import { panelRows, performanceRows } from "../ext-rows.ts";
import * as seed from "../seed-tables/beilin-002.ts";

const org = "西安市碑林区医疗保障局";
const heading = { org, unit: "万元" as const };

const functionCode: CodedSpec["codeColumns"] = [{ path: ["功能科目编码"], width: 12, slice: "full" }];
const functionName = { path: ["功能科目名称"], width: 28 };
const economicCode: CodedSpec["codeColumns"] = [{ path: ["部门经济科目编码"], width: 12, slice: "full" }];
const economicName = { path: ["部门经济科目名称"], width: 28 };

/** 表5 rows (合计 | 人员 | 公用 | 专项) joined with 表7's 合计 as the 基本支出 小计: total | basic | personnel | public | project. */
const basicByCode = new Map(items(seed.basicByFunction).map((r) => [r.code, r.cells[0] ?? ""]));
const functionRows: Item[] = items(seed.generalByFunction).map((r) => {
  const [total = "", personnel = "", pub = "", project = ""] = r.cells;
  return { ...r, cells: [total, basicByCode.get(r.code) ?? "", personnel, pub, project] };
});
const merged = (text: string) => mergeByCode(mapCells(items(text), (c) => c.slice(2)), "trimmed");

const summaryBody = pipeRows(seed.summary);
const panels = (income: string, expenditure: string): Column[] => [
  { path: [income, "项 目"], width: 26, align: "left" }, { path: [income, "预算数"], width: 9, align: "right" },
  ...["支出功能分类科目(按大类)", "部门预算支出经济分类科目(按大类)", "政府预算支出经济分类科目(按大类)"].flatMap((p): Column[] => [
    { path: [expenditure, p], width: 26, align: "left" }, { path: [expenditure, "预算数"], width: 9, align: "right" },
  ]),
];
const threePublicColumns: Column[] = [
  ["合计"], ["因公出国（境）费"], ["公务用车购置及运行费", "小计"], ["公务用车购置及运行费", "公务用车购置费"],
  ["公务用车购置及运行费", "公务用车运行费"], ["公务接待费"], ["会议费"], ["培训费"],
].map((path) => ({ path, width: 12, align: "right" as const }));

const fiscalBody = pipeRows(seed.fiscalSummary);
const fiscalColumns = panels("收 入", "支 出");
const indicatorColumns: Column[] = [
  { path: ["一级指标"], width: 14, align: "left" }, { path: ["二级指标"], width: 20, align: "left" },
  { path: ["指标内容"], width: 40, align: "left" }, { path: ["指标值"], width: 22, align: "left" },
];
const indicators = (text: string) => pipeRows(text) as [string, string, string, string][];
const projectPerformance = seed.performanceProjects.map((p) => gridTable({
  ...heading, label: p.label, title: "2022年部门预算专项业务经费绩效目标表",
  columns: indicatorColumns, body: indicators(p.rows),
  note: `项目名称：${p.name}；主管部门：${p.department}；实施期资金总额${p.amount}万元，其中：财政拨款${p.amount}万元。总体目标：${p.target}`,
  ext: { kind: "performance", row_format: "performance", rows: performanceRows(p.name, null, null, indicators(p.rows)) },
}));

export const beilinUnruled: SampleDoc = {
  docId: "beilin-yibao_2022_dept-budget_unruled",
  department: org,
  fiscalYear: 2022,
  unit: "万元",
  ruling: "none",
  departmentCode: "231",
  units: [{ code: "231001", name: "西安市碑林区医疗保障局" }, { code: "231002", name: "西安市碑林区医疗保险经办中心" }],
  cover: [
    "西安市碑林区医疗保障局2022年部门综合预算公开",
    "2022年本部门当年一般公共预算支出1172.36万元，其中：工资福利支出（301）205.53万元；商品和服务支出（302）176.91万元；对个人和家庭的补助支出（303）789.92万元。",
    "本部门无当年政府性基金预算收支，并已公开空表。2021年和2022年，本部门无三公经费预算。以下报表（含附表），计量单位为万元，若存在尾差，是报表转换的四舍五入问题，可以忽略不计。",
    "（本文件为测试样例，表中数据取自该部门公开的2022年部门预算。）",
  ],
  tables: [
    gridTable({
      ...heading, title: "2022年部门综合预算公开报表",
      columns: [
        { path: ["报表"], width: 8, align: "left" }, { path: ["报表名称"], width: 70, align: "left" },
        { path: ["是否空表"], width: 10, align: "center" }, { path: ["公开空表理由"], width: 14, align: "left" },
      ],
      body: pipeRows(seed.reportIndex),
    }),
    gridTable({
      ...heading, label: "表1", title: "2022年部门综合预算收支总表", landscape: true,
      columns: panels("收 入", "支 出"), body: summaryBody,
      golden: goldenByLabel("summary", summaryBody, [["收入总计", "income_total"], ["支出总计", "expenditure_total"]]),
    }),
    codedTable({
      ...heading, kind: "expenditure", label: "表3", title: "2022年部门综合预算支出总表",
      codeColumns: functionCode, nameColumn: functionName,
      amountColumns: [{ path: ["合计"], measure: "total" }, { path: ["基本支出"], measure: "basic" }, { path: ["项目支出"], measure: "project" }],
      rows: mapCells(functionRows, ([total = "", basic = "", , , project = ""]) => [total, basic, project]),
    }),
    gridTable({
      ...heading, label: "表4", title: "2022年部门综合预算财政拨款收支总表", landscape: true,
      columns: fiscalColumns, body: fiscalBody,
      ext: { kind: "fiscal_summary", row_format: "panels", rows: panelRows(fiscalBody, fiscalColumns, [
        { side: "income", name: 0, amounts: [1] }, { side: "expenditure", name: 2, amounts: [3] },
        { side: "expenditure", name: 4, amounts: [5] }, { side: "expenditure", name: 6, amounts: [7] },
      ]) },
    }),
    codedTable({
      ...heading, kind: "general_by_function", label: "表5", title: "2022年部门综合预算一般公共预算支出明细表（按支出功能分类科目-不含上年结转）",
      codeColumns: functionCode, nameColumn: functionName,
      amountColumns: [
        { path: ["合计"], measure: "total" }, { path: ["基本支出", "小计"], measure: "basic" },
        { path: ["基本支出", "人员经费"] }, { path: ["基本支出", "公用经费"] }, { path: ["项目支出"], measure: "project" },
      ],
      rows: functionRows,
    }),
    codedTable({
      ...heading, kind: null, label: "表6", title: "2022年部门综合预算一般公共预算支出明细表（按支出经济分类科目-不含上年结转）",
      codeColumns: economicCode, nameColumn: economicName,
      amountColumns: ["合计", "人员经费支出", "公用经费支出", "专项业务经费支出"].map((p): AmountColumn => ({ path: [p] })),
      rows: merged(seed.economic),
    }),
    codedTable({
      ...heading, kind: null, label: "表7", title: "2022年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目-不含上年结转）",
      codeColumns: functionCode, nameColumn: functionName,
      amountColumns: ["合计", "人员经费支出", "公用经费支出"].map((p): AmountColumn => ({ path: [p] })),
      rows: items(seed.basicByFunction),
    }),
    codedTable({
      ...heading, kind: "basic_by_economic", label: "表8", title: "2022年部门综合预算一般公共预算基本支出明细表（支出经济分类科目-不含上年结转）",
      codeColumns: economicCode, nameColumn: economicName,
      amountColumns: [{ path: ["合计"], measure: "total" }, { path: ["人员经费支出"], measure: "personnel" }, { path: ["公用经费支出"], measure: "public" }],
      rows: merged(seed.basic),
    }),
    gridTable({
      ...heading, label: "表9", title: "2022年部门综合预算政府性基金收支表（不含上年结转）", landscape: true,
      columns: panels("收 入", "支 出"),
      body: [["本年收入合计", "", "本年支出合计", "", "本年支出合计", "", "本年支出合计", ""]],
      note: "本部门无政府性基金预算收支，并已公开空表。",
      ext: { kind: "gov_fund", row_format: "panels", rows: [] },
    }),
    gridTable({
      ...heading, label: "表13", title: "2022年部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表（不含上年结转）",
      columns: threePublicColumns, body: [],
      note: "本部门2022年无“三公”经费及会议费、培训费预算，并已公开空表。",
      ext: { kind: "three_public", row_format: "coded", rows: [] },
    }),
    ...projectPerformance,
    gridTable({
      ...heading, label: "表15", title: "2022年部门整体支出绩效目标表",
      columns: indicatorColumns, body: indicators(seed.performanceDept),
      note: "部门(单位)名称：西安市碑林区医疗保障局；金额合计1,172.35万元，其中财政拨款1,172.35万元。",
      ext: { kind: "performance", row_format: "performance", rows: performanceRows("department", null, null, indicators(seed.performanceDept)) },
    }),
  ],
  notes:
    "Generated sample (not a published file): values from seed 002_4cd56771f99f2713 (西安市碑林区医疗保障局 2022 部门综合预算), 万元, " +
    "numbers printed as in the seed without trailing zeros (19.2, 5). No rules at all; one-column 7-digit codes; 合计 row first. " +
    "general_by_function = 表5; its 基本支出 小计 column is the 合计 of the seed's 表7 (the seed's 表5 prints only 人员/公用/专项 columns), " +
    "project = 专项业务经费支出. The seed's 表3 支出总表 has no body in the seed text; since all funds are 一般公共预算 it is printed " +
    "with the 表5 values (合计/基本支出/项目支出). basic_by_economic = 表8, items merged per 部门经济分类 code (the seed prints one row per " +
    "政府经济分类 code); 30227 委托业务费 and 30306 救济费 print with all cells blank (no rows). Names truncated as in the seed: " +
    "2080505 机关事业单位基本养老保险, 2101599 其他医疗保障管理事务支. Source rounding kept as printed: summary 收入总计/支出总计 1172.35 " +
    "while the expenditure tables total 1172.36 (summary 卫生健康支出 1120.81 vs 1120.82); in 表5 基本支出 小计 differs from 人员+公用 by 0.01 " +
    "on 合计 (1010.52 vs 1010.51), 210, 21015 and 2101501; basic_by_economic 合计 personnel prints 998.13 where expenditure tables print 998.12. " +
    "Not golden: 表6 (一般公共预算支出 by economic code, includes projects), 表7 (基本支出 by functional code), the report index, " +
    "表9 政府性基金 (empty, note) and 表13 “三公” (empty, note; so three_public is not in tables). samples/expected holds the two " +
    "empty tables (gov_fund, three_public). Unit codes 231001/231002 as the seed's 表10 prints them. Also in samples/expected: " +
    "表4 财政拨款收支总表 (fiscal_summary; four panels like 表1, 0.00 and trailing zeros as the seed prints this table), three of the " +
    "seed's six 表14 专项业务经费绩效目标表 (14-2 医疗救助, 14-4 双定机构费用审核及稽核委外业务, 14-6 医保业务档案整理) and the 表15 " +
    "部门整体支出绩效目标表, each as its indicator grid (一级指标 | 二级指标 | 指标内容 | 指标值, 指标内容 as printed with its 指标1： prefix). " +
    "The seed's text of these tables is a conversion that shifted the 一级/二级 labels off their rows; here each label heads the rows " +
    "it groups. Left out: the seed's empty placeholders (指标2：, .....), 表15's 指标值 header (blank in the seed, printed here), the " +
    "key-value block above each grid (项目名称, 主管部门, 资金金额, 总体目标; 表15's 年度主要任务 list), printed instead as the note under " +
    "the grid. Not printed: 表2 收入总表 (the seed prints its title and unit only, no body) and 表10 专项业务经费支出表 (a tree of unit, " +
    "funding and category rows whose project names differ from the 绩效目标表's: 局办公经费 vs 办公经费).",
};
