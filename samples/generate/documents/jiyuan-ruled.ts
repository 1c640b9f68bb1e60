// Sample 1: ruled grid, split 类|款|项 codes with parent rows, four-row merged headers,
// tables running over two pages with title and header repeated. Values of seed 000, 万元.
import type { SampleDoc } from "../model.ts";
import { type AmountColumn, type CodedSpec, codedTable, goldenByLabel, goldenOfRow, gridTable } from "../layout.ts";
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

export const jiyuanRuled: SampleDoc = {
  docId: "jiyuan-yibao_2022_dept-budget_ruled",
  department: org,
  fiscalYear: 2022,
  unit: "万元",
  ruling: "grid",
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
    codedTable({
      ...heading, kind: "expenditure", label: "预算03表", title: "2022年部门支出预算表", landscape: true,
      codeColumns: functionCode, nameColumn: functionName, amountColumns: expenditureColumns,
      rows: byFunction(leaves, seed.expenditureTotal),
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
    }),
  ],
  notes:
    "Generated sample (not a published file): values from seed 000_3a2320fc16a74353 (济源产城融合示范区医疗保障局 2022 部门预算), 万元. " +
    "Layout is our own: ruled grid; functional codes split into 类|款|项 columns (款/项 print 2 digits); the seed prints only 项 rows, " +
    "so 类 and 款 parent rows were added as sums of their 项 rows; 合计 rows at the bottom. expenditure = 部门支出预算表 (runs over two pages, " +
    "title and header repeated); basic = 基本支出 小计 and project = 项目支出 小计 (the 人员经费/公用经费 and 其他运转类/特定目标类 sub-columns are not measures). " +
    "basic_by_economic: the seed prints each item once per 政府经济分类 code; here items are merged per 部门经济分类 code (amounts summed) and " +
    "codes split 类|款. summary = 部门收支预算总表, 收入总计/支出总计 7702.57. three_public: 因公出国（境）费 blank (omitted). " +
    "The 政府性基金支出预算表 (codes 212, 229) is printed with amounts but is not a golden kind. All identities hold.",
};
