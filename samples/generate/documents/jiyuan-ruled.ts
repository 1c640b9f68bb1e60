// Sample 1: ruled grid, split 类|款|项 codes with parent rows, four-row merged headers,
// tables running over two pages with title and header repeated. Values of seed 000, 万元.
import type { Column, SampleDoc } from "../model.ts";
import { type AmountColumn, type CodedSpec, codedTable, goldenByLabel, goldenOfRow, gridTable } from "../layout.ts";
import { codedRows, panelRows, performanceRows, projectRows } from "../ext-rows.ts";
import { items, mapCells, mergeByCode, pipeRows, withParents } from "../table-data.ts";
import * as seed from "../seed-tables/jiyuan-000.ts";

const org = "济源产城融合示范区医疗保障局";
const heading = { org, unit: "万元" as const };

const functionCode: CodedSpec["codeColumns"] = [
  { path: ["项目", "科目编码", "类"], width: 5, slice: [0, 3] },
  { path: ["项目", "科目编码", "款"], width: 4, slice: [3, 5] },
  { path: ["项目", "科目编码", "项"], width: 4, slice: [5, 7] },
];
const functionName = { path: ["项目", "科目名称"], width: 30 };
const expenditureColumns: AmountColumn[] = [
  { path: ["本年支出", "合计"], measure: "total" },
  { path: ["本年支出", "基本支出", "小计"], measure: "basic" },
  { path: ["本年支出", "基本支出", "人员经费", "工资福利支出"] },
  { path: ["本年支出", "基本支出", "人员经费", "对个人和家庭的补助"] },
  { path: ["本年支出", "基本支出", "公用经费"] },
  { path: ["本年支出", "项目支出", "小计"], measure: "project" },
  { path: ["本年支出", "项目支出", "其他运转类"] },
  { path: ["本年支出", "项目支出", "特定目标类"] },
];

const leaves = items(seed.expenditureLeaves);
const isGovFund = (code: string) => code.startsWith("212") || code.startsWith("229");
const byFunction = (rows: typeof leaves, total: string) =>
  [...withParents(rows, seed.functionNames, [3, 5], "commas"), ...items(total)];

const summaryBody = pipeRows(seed.summary);
const threePublicRow = seed.threePublic;

const amount = (path: string[], width = 11): Column => ({ path, width, align: "right" });
const incomeColumns: Column[] = [
  { path: ["部门（单位）代码"], width: 9, align: "left" }, { path: ["部门（单位）名称"], width: 26, align: "left" },
  amount(["总计"]), amount(["本年收入", "合计"]), amount(["本年收入", "一般公共预算", "小计"]),
  amount(["本年收入", "一般公共预算", "其中：财政拨款"]), amount(["本年收入", "政府性基金预算"]), amount(["本年收入", "国有资本经营预算"]),
  amount(["本年收入", "财政专户管理资金收入"]), amount(["本年收入", "事业收入"]), amount(["本年收入", "上级补助收入"]),
  amount(["本年收入", "其他收入"]), amount(["上年结转结余", "合计"]), amount(["上年结转结余", "一般公共预算"]), amount(["上年结转结余", "政府性基金预算"]),
];
const incomeBody = pipeRows(seed.income);
const fiscalColumns: Column[] = [
  { path: ["收入", "项目"], width: 24, align: "left" }, amount(["收入", "金额"], 12),
  { path: ["支出", "项目"], width: 26, align: "left" }, amount(["支出", "合计"], 12),
  amount(["支出", "一般公共预算", "小计"], 12), amount(["支出", "一般公共预算", "其中：财政拨款"], 12),
  amount(["支出", "政府性基金预算"], 12), amount(["支出", "国有资本经营预算"], 12),
];
const fiscalBody = pipeRows(seed.fiscalSummary);
const economicSummaryColumns: Column[] = [
  { path: ["部门预算经济分类", "类"], width: 5, align: "center" }, { path: ["部门预算经济分类", "款"], width: 4, align: "center" },
  { path: ["部门预算经济分类", "科目名称"], width: 22, align: "left" },
  { path: ["政府预算经济分类", "类"], width: 5, align: "center" }, { path: ["政府预算经济分类", "款"], width: 4, align: "center" },
  { path: ["政府预算经济分类", "科目名称"], width: 16, align: "left" },
  amount(["总计"]), amount(["一般公共预算", "小计"]), amount(["一般公共预算", "其中：财政拨款"]), amount(["政府性基金预算"]),
  amount(["国有资本经营预算"]), amount(["上年结转结余"]), amount(["财政专户管理资金收入"]), amount(["事业收入"]), amount(["其他收入"]),
];
const economicSummaryBody = pipeRows(seed.economicSummary);
const projectColumns: Column[] = [
  { path: ["部门（单位）代码"], width: 9, align: "left" }, { path: ["部门（项目）名称"], width: 36, align: "left" },
  { path: ["项目类型"], width: 10, align: "center" }, amount(["合计"]),
  amount(["本年拨款", "一般公共预算"]), amount(["本年拨款", "政府性基金预算"]), amount(["本年拨款", "国有资本经营预算"]),
  amount(["上年结转结余", "一般公共预算"]), amount(["上年结转结余", "政府性基金预算"]), amount(["上年结转结余", "国有资本经营预算"]),
  amount(["财政专户管理资金"]), amount(["单位资金"]),
];
const projectBody = pipeRows(seed.projects);
const deptIndicators = pipeRows(seed.performanceDept) as [string, string, string, string][];
const indicatorGroups = ["成本指标", "产出指标", "效益指标", "满意度指标"];
const projectPerfColumns: Column[] = [
  { path: ["单位编码（项目编码）"], width: 22, align: "left" }, { path: ["项目单位（项目名称）"], width: 28, align: "left" },
  amount(["项目金额（万元）", "资金总额"], 9), amount(["项目金额（万元）", "政府预算资金"], 9),
  ...indicatorGroups.flatMap((g): Column[] => [
    { path: ["绩效目标", g, "三级指标"], width: 28, align: "left" }, { path: ["绩效目标", g, "指标值"], width: 10, align: "center" },
  ]),
];
const projectPerfBody: string[][] = [
  ["036001", "济源产城融合示范区医疗保障局", "305.8", "305.8", "", "", "", "", "", "", "", ""],
  ...seed.performanceProjects.flatMap((p) => pipeRows(p.rows).map((cells, i) =>
    [i === 0 ? p.code : "", i === 0 ? p.name : "", i === 0 ? p.amount : "", i === 0 ? p.amount : "", ...cells.map((c) => c ?? "")])),
];
/** Side-by-side indicator groups → rows, group by group (成本, 产出, 效益, 满意度), top to bottom. */
const projectPerfRows = seed.performanceProjects.flatMap((p) => {
  const cells = pipeRows(p.rows);
  return indicatorGroups.flatMap((g, k) => performanceRows(p.name, p.code, "036001",
    cells.filter((r) => (r[2 * k] ?? "") !== "").map((r) => [g, null, r[2 * k]!, r[2 * k + 1]!] as [string, null, string, string])));
});

export const jiyuanRuled: SampleDoc = {
  docId: "jiyuan-yibao_2022_dept-budget_ruled",
  department: org,
  fiscalYear: 2022,
  unit: "万元",
  ruling: "grid",
  departmentCode: "036",
  units: [{ code: "036001", name: "济源产城融合示范区医疗保障局" }, { code: "036002", name: "济源市社会医疗保险中心" }],
  cover: [
    "济源产城融合示范区医疗保障局2022年部门预算",
    "济源产城融合示范区医疗保障局部门2022年收入总计7702.57万元，支出总计7702.57万元，与2021年相比，收、支总计各减少62.33万元，减少0.80%。主要原因是：2022年破产企业退休人员人数减少，导致政府性基金中破产企业退休人员个人账户专项减少。",
    "本预算为汇总预算，包括局机关本级预算和1个局属单位（济源市社会医疗保险中心）预算。以下为部门预算公开表，金额单位为万元。",
    "（本文件为测试样例，表中数据取自该部门公开的2022年部门预算。）",
  ],
  tables: [
    gridTable({
      ...heading, label: "预算01表", title: "2022年部门收支预算总表",
      columns: [
        { path: ["收入", "项目"], width: 30, align: "left" }, { path: ["收入", "金额"], width: 14, align: "right" },
        { path: ["支出", "项目"], width: 30, align: "left" }, { path: ["支出", "金额"], width: 14, align: "right" },
      ],
      body: summaryBody,
      golden: goldenByLabel("summary", summaryBody, [["收入总计", "income_total"], ["支出总计", "expenditure_total"]]),
    }),
    gridTable({
      ...heading, label: "预算02表", title: "2022年部门收入预算表", landscape: true,
      columns: incomeColumns, body: incomeBody,
      ext: { kind: "income", row_format: "coded", rows: codedRows(incomeBody, incomeColumns, { code: [0], codeType: "unit", name: 1, firstAmount: 2 }) },
    }),
    codedTable({
      ...heading, kind: "expenditure", label: "预算03表", title: "2022年部门支出预算表", landscape: true,
      codeColumns: functionCode, nameColumn: functionName, amountColumns: expenditureColumns,
      rows: byFunction(leaves, seed.expenditureTotal),
    }),
    gridTable({
      ...heading, label: "预算04表", title: "2022年财政拨款收支总体情况表", landscape: true,
      columns: fiscalColumns, body: fiscalBody,
      ext: { kind: "fiscal_summary", row_format: "panels", rows: panelRows(fiscalBody, fiscalColumns, [
        { side: "income", name: 0, amounts: [1] }, { side: "expenditure", name: 2, amounts: [3, 4, 5, 6, 7] },
      ]) },
    }),
    codedTable({
      ...heading, kind: "general_by_function", label: "预算05表", title: "2022年一般公共预算支出预算表", landscape: true,
      codeColumns: functionCode, nameColumn: functionName, amountColumns: expenditureColumns,
      rows: byFunction(leaves.filter((r) => !isGovFund(r.code)), seed.generalTotal),
      note: "备注：本表仅含当年财政拨款安排的支出。",
    }),
    codedTable({
      ...heading, kind: "basic_by_economic", label: "预算06表", title: "2022年一般公共预算基本支出表",
      codeColumns: [
        { path: ["部门预算支出经济分类", "科目编码", "类"], width: 6, slice: [0, 3] },
        { path: ["部门预算支出经济分类", "科目编码", "款"], width: 6, slice: [3, 5] },
      ],
      nameColumn: { path: ["部门预算支出经济分类", "科目名称"], width: 30 },
      amountColumns: [
        { path: ["本年一般公共预算基本支出", "合计"], width: 14, measure: "total" },
        { path: ["本年一般公共预算基本支出", "人员经费"], width: 14, measure: "personnel" },
        { path: ["本年一般公共预算基本支出", "公用经费"], width: 14, measure: "public" },
      ],
      rows: [...mergeByCode(mapCells(items(seed.basic), (c) => c.slice(2)), "commas"), ...mapCells(items(seed.basicTotal), (c) => c.slice(2))],
    }),
    gridTable({
      ...heading, label: "预算07表", title: "2022年支出经济分类汇总表", landscape: true,
      columns: economicSummaryColumns, body: economicSummaryBody,
      ext: { kind: "economic_summary", row_format: "coded", rows: codedRows(economicSummaryBody, economicSummaryColumns, {
        code: [0, 1], codeType: "economic", name: 2, gov: { code: [3, 4], name: 5 }, firstAmount: 6, unitCodes: ["036"],
      }) },
    }),
    gridTable({
      ...heading, label: "预算08表", title: "2022年一般公共预算“三公”经费预算表",
      columns: [
        { path: ["“三公”经费合计"], width: 14, align: "right" },
        { path: ["因公出国（境）费"], width: 14, align: "right" },
        { path: ["公务用车购置及运行费", "小计"], width: 12, align: "right" },
        { path: ["公务用车购置及运行费", "公务用车购置费"], width: 14, align: "right" },
        { path: ["公务用车购置及运行费", "公务用车运行费"], width: 14, align: "right" },
        { path: ["公务接待费"], width: 14, align: "right" },
      ],
      body: [threePublicRow],
      golden: goldenOfRow("three_public", threePublicRow, ["total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]),
      note: "注：按照党中央、国务院有关规定及部门预算管理有关规定，“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。（1）因公出国（境）费，指单位工作人员公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出。（2）公务用车购置及运行费，指单位公务用车购置费及租用费、燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出。（3）公务接待费，指单位按规定开支的各类公务接待（含外宾接待）支出。",
    }),
    codedTable({
      ...heading, kind: null, label: "预算09表", title: "2022年政府性基金支出预算表", landscape: true,
      codeColumns: functionCode, nameColumn: functionName, amountColumns: expenditureColumns,
      rows: byFunction(leaves.filter((r) => isGovFund(r.code)), seed.govFundTotal),
      ext: { kind: "gov_fund", codeType: "functional" },
    }),
    gridTable({
      ...heading, label: "预算10表", title: "项目支出预算表", landscape: true,
      columns: projectColumns, body: projectBody,
      ext: { kind: "project", row_format: "project", rows: projectRows(projectBody, projectColumns, { unitCode: 0, name: 1, type: 2, firstAmount: 3 }) },
    }),
    gridTable({
      ...heading, label: "预算11表", title: "部门(单位)整体绩效目标表（2022年度）",
      columns: [
        { path: ["一级指标"], width: 14, align: "left" }, { path: ["二级指标"], width: 18, align: "left" },
        { path: ["三级指标"], width: 30, align: "left" }, { path: ["指标值"], width: 12, align: "center" },
      ],
      body: deptIndicators,
      note: "注：部门（单位）名称：济源产城融合示范区医疗保障局；部门预算总额7,702.6万元，其中基本支出3,009.2万元，项目支出4,693.4万元。",
      ext: { kind: "performance", row_format: "performance", rows: performanceRows("department", null, null, deptIndicators) },
    }),
    gridTable({
      ...heading, label: "预算12表", title: "2022年度部门预算项目绩效目标表", landscape: true,
      columns: projectPerfColumns, body: projectPerfBody,
      ext: { kind: "performance", row_format: "performance", rows: projectPerfRows },
    }),
  ],
  notes:
    "Generated sample (not a published file): values from seed 000_3a2320fc16a74353 (济源产城融合示范区医疗保障局 2022 部门预算), 万元. " +
    "Layout is our own: ruled grid; functional codes split into 类|款|项 columns (款/项 print 2 digits); the seed prints only 项 rows, " +
    "so 类 and 款 parent rows were added as sums of their 项 rows; 合计 rows at the bottom. expenditure = 部门支出预算表 (runs over two pages, " +
    "title and header repeated); basic = 基本支出 小计 and project = 项目支出 小计 (the 人员经费/公用经费 and 其他运转类/特定目标类 sub-columns are not measures). " +
    "basic_by_economic: the seed prints each item once per 政府经济分类 code; here items are merged per 部门经济分类 code (amounts summed) and " +
    "codes split 类|款. summary = 部门收支预算总表, 收入总计/支出总计 7702.57. three_public: 因公出国（境）费 blank (omitted). " +
    "The 政府性基金支出预算表 (codes 212, 229) is printed with amounts but is not a golden kind. All identities hold. " +
    "Beyond the golden kinds (samples/expected): 预算02表 income by unit (036 department, 036001 本级, 036002 济源市社会医疗保险中心); " +
    "预算04表 fiscal_summary (财政拨款收支总体情况表, 收入 | 支出 panels, the seed's list of 支出 classes); 预算07表 economic_summary " +
    "(部门 and 政府 economic codes side by side, in the seed's order, one row per code pair, not merged; the seed's text layer drops blank cells, " +
    "so 302 14 租赁费 12.00 and 310 02 办公设备购置 35.00 were placed in 政府性基金预算 and 302 16 培训费 20.00 in 一般公共预算 小计 only, the one " +
    "placement under which every column adds up to 合计; 上年结转结余 and the other source columns are blank); 预算09表 gov_fund with amounts; " +
    "预算10表 project (unit code, name, 项目类型, 本年拨款 by fund; the 政府性基金 projects 12.00, 468.10, 38.13, 25.00, 35.00, 3.20 placed by " +
    "the unit subtotals 12.00 / 569.43 and the 212/229 rows of 预算09表); 预算11表 部门整体绩效目标表 (indicator rows only, 指标值说明 left out, " +
    "a subset of the seed's 投入管理 rows); 预算12表 项目绩效目标表 for three 036001 projects in the seed's side-by-side layout (成本 | 产出 | 效益 | 满意度, " +
    "三级指标 and 指标值 each; no 二级指标 column). Project names are joined without the seed's line-break spaces.",
};
