// Sample 5: seed 004 (焦作市医疗保障局 2025), whose seed text is the OCR of a scan. The tables are printed here
// with the correct values (OCR damage repaired by the tables' own identities); the PDF is clean text, and an
// OCR variant is made from it at test time by rasterising. Ruled grid, split 类|款|项 codes without parent rows
// in the seed's order, a department row (309) under 合计, every kind the seed prints.
import type { Column, SampleDoc } from "../model.ts";
import { type AmountColumn, type CodedSpec, codedTable, goldenByLabel, goldenOfRow, gridTable } from "../layout.ts";
import { items, mapCells, mergeByCode, pipeRows } from "../table-data.ts";
import { codedRows, panelRows, performanceRows, typeFirstProjectRows } from "../ext-rows.ts";
import * as seed from "../seed-tables/jiaozuo-004.ts";

const org = "焦作市医疗保障局";
const heading = { org, unit: "万元" as const };
const amount = (path: string[], width = 11): Column => ({ path, width, align: "right" });

const functionCode: CodedSpec["codeColumns"] = [
  { path: ["科目编码", "类"], width: 5, slice: [0, 3] },
  { path: ["科目编码", "款"], width: 4, slice: [3, 5] },
  { path: ["科目编码", "项"], width: 4, slice: [5, 7] },
];
const expenditureColumns: AmountColumn[] = [
  { path: ["总计"], measure: "total" },
  { path: ["基本支出", "合计"], measure: "basic" },
  { path: ["基本支出", "人员经费", "小计"] },
  { path: ["基本支出", "人员经费", "工资福利支出"] },
  { path: ["基本支出", "人员经费", "对个人和家庭的补助"] },
  { path: ["基本支出", "公用经费", "小计"] },
  { path: ["基本支出", "公用经费", "商品和服务支出"] },
  { path: ["基本支出", "公用经费", "资本性支出"] },
  { path: ["项目支出", "合计"], measure: "project" },
  { path: ["项目支出", "其他运转类"] },
  { path: ["项目支出", "特定目标类"] },
];
const generalColumns: AmountColumn[] = [
  { path: ["合计"], measure: "total" },
  { path: ["基本支出", "小计"], measure: "basic" },
  { path: ["基本支出", "人员经费", "工资福利支出"] },
  { path: ["基本支出", "人员经费", "对个人和家庭的补助"] },
  { path: ["基本支出", "公用经费", "商品和服务支出"] },
  { path: ["基本支出", "公用经费", "资本性支出"] },
  { path: ["项目支出", "小计"], measure: "project" },
  { path: ["项目支出", "其他运转类"] },
  { path: ["项目支出", "特定目标类"] },
];
const functionTable = {
  ...heading, codeColumns: functionCode, landscape: true,
  unitCodeColumn: { path: ["单位代码"], width: 7 },
  nameColumn: { path: ["单位（科目名称）"], width: 30 },
};
const total = items(seed.expenditureTotal);
const unitRow = (cells: string[]) => ({ code: "", name: "医疗保障局", cells, unitCode: "309" });
const expenditureRows = [...total, unitRow(total[0]!.cells), ...items(seed.expenditure)];
/** The 一般公共预算 table drops the 人员经费 and 公用经费 小计 columns. */
const dropSubtotals = (cells: string[]) => cells.filter((_, j) => j !== 2 && j !== 5);
const generalRows = mapCells(expenditureRows, dropSubtotals);

const summaryBody = pipeRows(seed.summary);
const incomeColumns: Column[] = [
  { path: ["部门代码"], width: 8, align: "left" }, { path: ["部门名称"], width: 22, align: "left" },
  amount(["总计"], 12), amount(["本年收入", "合计"], 12), amount(["本年收入", "一般公共预算", "小计"], 12),
  amount(["本年收入", "一般公共预算", "其中：财政拨款"], 12), amount(["本年收入", "政府性基金预算"]), amount(["本年收入", "国有资本经营预算"]),
  amount(["本年收入", "财政专户管理资金收入"]), amount(["本年收入", "事业收入"]), amount(["本年收入", "上级补助收入"]),
  amount(["本年收入", "其他收入"]), amount(["上年结转结余", "合计"]), amount(["上年结转结余", "一般公共预算"]), amount(["上年结转结余", "政府性基金预算"]),
];
const incomeBody = pipeRows(seed.income);
const fiscalColumns: Column[] = [
  { path: ["收入", "项目"], width: 22, align: "left" }, amount(["收入", "金额"], 12),
  { path: ["支出", "项目"], width: 26, align: "left" }, amount(["支出", "合计"], 12),
  amount(["支出", "一般公共预算", "小计"], 12), amount(["支出", "一般公共预算", "其中：财政拨款"], 12),
  amount(["支出", "一般公共预算", "其中：上级专项转移支付安排支出"], 12), amount(["支出", "政府性基金"]),
  amount(["支出", "国有资本经营预算"]), amount(["支出", "财政专户管理资金收入"]), amount(["支出", "单位资金"]),
];
const fiscalBody = pipeRows(seed.fiscalSummary);
const economicSummaryColumns: Column[] = [
  { path: ["部门预算经济分类", "类"], width: 5, align: "center" }, { path: ["部门预算经济分类", "款"], width: 4, align: "center" },
  { path: ["部门预算经济分类", "科目名称"], width: 22, align: "left" },
  { path: ["政府预算经济分类", "类"], width: 5, align: "center" }, { path: ["政府预算经济分类", "款"], width: 4, align: "center" },
  { path: ["政府预算经济分类", "科目名称"], width: 16, align: "left" },
  amount(["总计"], 12), amount(["一般公共预算", "小计"], 12), amount(["一般公共预算", "其中：财政拨款"], 12), amount(["政府性基金"]),
  amount(["国有资本经营预算"]), amount(["上年结转结余"]), amount(["财政专户管理资金收入"]), amount(["事业收入"]), amount(["其他收入"]),
];
const economicSummaryBody = pipeRows(seed.economicSummary);
const emptyFunction = {
  ...functionTable, kind: null, amountColumns: generalColumns, rows: [{ code: "", name: "合计", cells: [] }],
};
const projectColumns: Column[] = [
  { path: ["类型"], width: 10, align: "center" }, { path: ["项目名称"], width: 36, align: "left" },
  { path: ["项目单位"], width: 20, align: "left" }, amount(["合计"], 12),
  amount(["本年拨款", "一般公共预算"], 12), amount(["本年拨款", "政府性基金预算"]), amount(["本年拨款", "国有资本经营预算"]),
  amount(["财政拨款结转结余", "一般公共预算"]), amount(["财政拨款结转结余", "政府性基金预算"]), amount(["财政拨款结转结余", "国有资本经营预算"]),
  amount(["财政专户管理资金"]), amount(["单位资金"]),
];
const projectBody = pipeRows(seed.projects);
const deptIndicators = pipeRows(seed.performanceDept) as [string, string, string, string][];
const indicatorGroups = ["成本指标", "产出指标", "效益指标", "满意度指标"];
const projectPerfColumns: Column[] = [
  { path: ["单位编码（项目编码）"], width: 22, align: "left" }, { path: ["项目单位（项目名称）"], width: 28, align: "left" },
  amount(["项目金额（万元）", "资金总额"], 10), amount(["项目金额（万元）", "政府预算资金"], 10),
  ...indicatorGroups.flatMap((g): Column[] => [
    { path: ["绩效目标", g, "三级指标"], width: 30, align: "left" }, { path: ["绩效目标", g, "指标值"], width: 10, align: "center" },
  ]),
];
const projectPerfBody: string[][] = [
  ["309101", "焦作市医疗保障局", "535.56", "535.56", "", "", "", "", "", "", "", ""],
  ...seed.performanceProjects.flatMap((p) => pipeRows(p.rows).map((cells, i) =>
    [i === 0 ? p.code : "", i === 0 ? p.name : "", i === 0 ? p.amount : "", i === 0 ? p.amount : "", ...cells.map((c) => c ?? "")])),
];
const projectPerfRows = seed.performanceProjects.flatMap((p) => {
  const cells = pipeRows(p.rows);
  return indicatorGroups.flatMap((g, k) => performanceRows(p.name, p.code, "309101",
    cells.filter((r) => (r[2 * k] ?? "") !== "").map((r) => [g, null, r[2 * k]!, r[2 * k + 1]!] as [string, null, string, string])));
});
const threePublicRow = seed.threePublic;

export const jiaozuoRepaired: SampleDoc = {
  docId: "jiaozuo-yibao_2025_dept-budget_repaired",
  department: org,
  fiscalYear: 2025,
  unit: "万元",
  ruling: "grid",
  departmentCode: "309",
  units: [{ code: "309101", name: "焦作市医疗保障局" }, { code: "309201", name: "焦作市社会医疗保险中心" }],
  cover: [
    "焦作市医疗保障局2025年度部门预算",
    "焦作市医疗保障局2025年收入总计132,465.29万元，支出总计132,465.29万元。其中本年收入132,372.61万元，上年结转结余92.68万元；基本支出1,147.92万元，项目支出131,317.37万元。",
    "本部门预算包括焦作市医疗保障局（309101）和焦作市社会医疗保险中心（309201）。以下各表金额单位为万元，报表金额单位转换时可能存在四舍五入尾数误差。",
    "（本文件为测试样例，表中数据取自该部门公开的2025年部门预算扫描件的识别文本，识别错误已按表内勾稽关系更正。）",
  ],
  tables: [
    gridTable({
      ...heading, label: "预算01表", title: "2025年部门收支预算表",
      columns: [
        { path: ["收入", "项目"], width: 30, align: "left" }, { path: ["收入", "金额"], width: 14, align: "right" },
        { path: ["支出", "项目"], width: 30, align: "left" }, { path: ["支出", "金额"], width: 14, align: "right" },
      ],
      body: summaryBody,
      golden: goldenByLabel("summary", summaryBody, [["收入总计", "income_total"], ["支出总计", "expenditure_total"]]),
      note: "注：报表金额单位转换时可能存在四舍五入尾数误差。",
    }),
    gridTable({
      ...heading, label: "预算02表", title: "2025年部门收入预算表", landscape: true,
      columns: incomeColumns, body: incomeBody,
      ext: { kind: "income", row_format: "coded", rows: codedRows(incomeBody, incomeColumns, { code: [0], codeType: "unit", name: 1, firstAmount: 2 }) },
    }),
    codedTable({
      ...functionTable, kind: "expenditure", label: "预算03表", title: "2025年部门支出预算表",
      amountColumns: expenditureColumns, rows: expenditureRows,
    }),
    gridTable({
      ...heading, label: "预算04表", title: "2025年财政拨款收支预算表", landscape: true,
      columns: fiscalColumns, body: fiscalBody,
      ext: { kind: "fiscal_summary", row_format: "panels", rows: panelRows(fiscalBody, fiscalColumns, [
        { side: "income", name: 0, amounts: [1] }, { side: "expenditure", name: 2, amounts: [3, 4, 5, 6, 7, 8, 9, 10] },
      ]) },
    }),
    codedTable({
      ...functionTable, kind: "general_by_function", label: "预算05表", title: "2025年一般公共预算支出预算表",
      amountColumns: generalColumns, rows: generalRows,
      note: "注：报表金额单位转换时可能存在四舍五入尾数误差。本表仅含当年财政拨款安排的支出。",
    }),
    codedTable({
      ...heading, kind: "basic_by_economic", label: "预算06表", title: "2025年一般公共预算基本支出预算表",
      codeColumns: [{ path: ["部门预算支出经济分类科目", "科目编码"], width: 10, slice: "full" }],
      nameColumn: { path: ["部门预算支出经济分类科目", "科目名称"], width: 30 },
      amountColumns: [
        { path: ["本年一般公共预算基本支出", "合计"], width: 14, measure: "total" },
        { path: ["本年一般公共预算基本支出", "人员经费"], width: 14, measure: "personnel" },
        { path: ["本年一般公共预算基本支出", "公用经费"], width: 14, measure: "public" },
      ],
      rows: [...mapCells(items(seed.basicTotal), (c) => c.slice(2)), ...mergeByCode(mapCells(items(seed.basic), (c) => c.slice(2)), "commas")],
    }),
    gridTable({
      ...heading, label: "预算08表", title: "2025年支出经济分类汇总表", landscape: true,
      columns: economicSummaryColumns, body: economicSummaryBody,
      ext: { kind: "economic_summary", row_format: "coded", rows: codedRows(economicSummaryBody, economicSummaryColumns, {
        code: [0, 1], codeType: "economic", name: 2, gov: { code: [3, 4], name: 5 }, firstAmount: 6, unitCodes: ["309"],
      }) },
    }),
    gridTable({
      ...heading, label: "预算09表", title: "2025年一般公共预算“三公”经费预算表",
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
      note: "注：1.报表金额单位转换时可能存在四舍五入尾数误差。2.“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。",
    }),
    codedTable({
      ...emptyFunction, label: "预算10表", title: "2025年政府性基金支出预算表",
      note: "注：报表金额单位转换时可能存在四舍五入尾数误差。本部门2025年度没有政府性基金预算支出，故本表无数据。",
      ext: { kind: "gov_fund", codeType: "functional" },
    }),
    codedTable({
      ...emptyFunction, label: "预算11表", title: "2025年国有资本经营支出预算表",
      note: "注：若合计数与分项数不一致是因四舍五入的原因引起的。本部门2025年度没有国有资本经营预算支出，故本表无数据。",
      ext: { kind: "state_capital", codeType: "functional" },
    }),
    gridTable({
      ...heading, label: "预算12表", title: "2025年项目支出预算表", landscape: true,
      columns: projectColumns, body: projectBody,
      ext: { kind: "project", row_format: "project", rows: typeFirstProjectRows(projectBody, projectColumns) },
    }),
    gridTable({
      ...heading, label: "预算14表", title: "本级部门(单位)整体绩效目标表（2025年度）",
      columns: [
        { path: ["一级指标"], width: 14, align: "left" }, { path: ["二级指标"], width: 18, align: "left" },
        { path: ["三级指标"], width: 32, align: "left" }, { path: ["指标值"], width: 12, align: "center" },
      ],
      body: deptIndicators,
      note: "注：部门（单位）名称：医疗保障局；部门预算总额132465.29万元，其中基本支出1147.92万元，项目支出131317.37万元。",
      ext: { kind: "performance", row_format: "performance", rows: performanceRows("department", null, null, deptIndicators) },
    }),
    gridTable({
      ...heading, label: "预算15表", title: "2025年部门预算项目绩效目标表", landscape: true,
      columns: projectPerfColumns, body: projectPerfBody,
      ext: { kind: "performance", row_format: "performance", rows: projectPerfRows },
    }),
  ],
  notes:
    "Generated sample (not a published file): values from seed 004_4628d8b7aa23fe2e (焦作市医疗保障局 2025 部门预算), 万元 with thousands " +
    "separators. The seed is the OCR of a scanned PDF; this PDF prints the correct values as clean text (an OCR variant is made from it at " +
    "test time). OCR damage repaired, each by the table's own identities or another table of the seed: digits with spaces (132, 465. 29 → " +
    "132,465.29); 部门支出预算表 codes 000|0.5|0.5 → 208 05 05 (name 机关事业单位基本养老保险缴费支出 and 一般公共预算支出预算表), 010|1.0|0.1 → " +
    "210 12 01 and the lost 类 of 210 12 99; wrapped names whose numbers the OCR duplicated and damaged (100 70 / 102. 72 → 102.72; " +
    "130, 100. 42 / 150, 106. 42 → 130,168.42, the 一般公共预算 table's value, the only one under which 项目支出 adds up to 131,317.37); " +
    "basic_by_economic 合计 公用经费 107. 4 → 107.44 (= 1,147.92 − 1,040.48 and = Σ items); 收入预算表 309201 总计 unreadable (·) → 131,624.04 " +
    "(= 131,623.02 + 1.02, and 841.25 + 131,624.04 = 132,465.29); “三公” 公务用车运行费 4. 5 → 4.50; 支出经济分类汇总表 codes 301 l → 301 08 " +
    "and 301 10 (names), 苴伷社会 → 其他社会保障缴费 (301 12), the row printed as 302 | 7 112 1 | 502 办公经费 29.34 → 302 02 印刷费 (the only item of " +
    "the 基本支出 table with 政府经济分类 50201 missing from the summary), lost 款 restored from the names and the 基本支出 table (302 26 劳务费, " +
    "302 99 其他商品和服务支出 twice, 309 07 and 310 07 信息网络及软件购置更新, 502 01 办公经费); 项目绩效 codes split by the OCR (41080022000 " +
    "0000014330) joined. After repair every identity holds: 合计 = Σ items in every column of every table, total = basic + project, " +
    "basic = 人员 + 公用, 收入总计 = 支出总计 = 132,465.29. As in the seed: 项 rows only, no 类/款 parent rows, in the seed's order, with the " +
    "department row (单位代码 309, 医疗保障局) under 合计 (not a line item); summary 本年支出合计 132,465.29 includes 上年结转 (the seed prints it so); " +
    "basic_by_economic prints 30299 twice (政府经济分类 50299 2.14 and 50502 3.00), merged here into one row 5.14; 5-digit codes only. " +
    "Not printed: 一般公共预算基本支出明细表 (per-unit 基本支出 items without codes) and 机关运行经费 (the OCR kept its amounts but lost every item " +
    "name). Beyond the golden kinds (samples/expected): income by unit (309, 309101, 309201), fiscal_summary (its 支出 panel prints 二、年终结转结余 " +
    "92.68 as in the seed, and 收入合计 132,465.29 with 财政拨款 132,253.63 = 132,252.61 + 1.02), economic_summary (部门 and 政府 codes side by " +
    "side, seed's order, not merged), empty gov_fund and state_capital tables with notes, project (类型, 项目名称, 项目单位 by name; the 309 row " +
    "prints its code in the 项目名称 column), 部门整体绩效目标表 (subset, 指标值说明 left out) and 项目绩效目标表 for two 309101 projects " +
    "(side by side, no 二级指标). Seed list of 支出 classes of the 财政拨款收支预算表 shortened to the classes with amounts and a few others.",
};
