// Sample 3: amounts in 元 with thousands separators (seed 003's 万元 values ×10000), ruled grid,
// split codes with no parent rows in the seed's order, a unit row (113) under 合计, spaced 总计 labels,
// and a “三公” table in 万元 inside the 元 document.
import type { Column, SampleDoc } from "../model.ts";
import { type AmountColumn, type CodedSpec, codedTable, goldenByLabel, goldenOfRow, gridTable } from "../layout.ts";
import { items, mapCells, mergeByCode, pipeRows } from "../table-data.ts";
import { wanToYuan } from "../amounts.ts";
import * as seed from "../seed-tables/zhumadian-003.ts";

const org = "驻马店市医疗保障局";
const heading = { org, unit: "元" as const };
const toYuan = (cells: string[]) => cells.map(wanToYuan);

const functionCode: CodedSpec["codeColumns"] = [
  { path: ["科目编码", "类"], width: 5, slice: [0, 3] },
  { path: ["科目编码", "款"], width: 4, slice: [3, 5] },
  { path: ["科目编码", "项"], width: 4, slice: [5, 7] },
];
const expenditureColumns = ([
  { path: ["合计"], measure: "total" },
  { path: ["基本支出", "小计"], measure: "basic" },
  { path: ["基本支出", "人员经费", "工资福利支出"] },
  { path: ["基本支出", "人员经费", "对个人和家庭的补助"] },
  { path: ["基本支出", "公用经费", "商品和服务支出"] },
  { path: ["基本支出", "公用经费", "资本性支出"] },
  { path: ["项目支出", "小计"], measure: "project" },
  { path: ["项目支出", "其他运转类"] },
  { path: ["项目支出", "特定目标类"] },
] satisfies AmountColumn[]).map((c): AmountColumn => ({ ...c, width: 13 }));
const functionTable = {
  ...heading, codeColumns: functionCode, landscape: true,
  unitCodeColumn: { path: ["单位代码"], width: 8 },
  nameColumn: { path: ["单位（科目名称）"], width: 28 },
  amountColumns: expenditureColumns,
};
/** Seed rows in 元; the unit row 113 becomes a unit subtotal, not a coded line item. */
const expenditureRows = mapCells(items(seed.expenditure), toYuan)
  .map((r) => (r.code === "113" ? { ...r, code: "", unitCode: "113" } : r));

const summaryBody = pipeRows(seed.summary).map((row) => row.map((cell, i) => (i % 2 ? wanToYuan(cell) : cell)));
const threePublicRow = seed.threePublic;
const threePublicColumns: Column[] = [
  ["“三公”经费合计"], ["因公出国（境）费"], ["公务用车购置及运行费", "小计"], ["公务用车购置及运行费", "公务用车购置费"],
  ["公务用车购置及运行费", "公务用车运行费"], ["公务接待费"],
].map((path) => ({ path, width: 14, align: "right" as const }));

export const zhumadianYuan: SampleDoc = {
  docId: "zhumadian-yibao_2022_dept-budget_yuan",
  department: org,
  fiscalYear: 2022,
  unit: "元",
  ruling: "grid",
  departmentCode: "113",
  units: [{ code: "113001", name: "驻马店市医疗保障局" }, { code: "113002", name: "驻马店市城镇职工医疗保险处" }],
  cover: [
    "驻马店市医疗保障局2022年度部门预算",
    "驻马店市医疗保障局2022年收入总计12,186,500.00元，支出总计12,186,500.00元。其中一般公共预算收入12,186,500.00元，基本支出9,404,300.00元，项目支出2,782,200.00元。",
    "本部门预算包括局机关本级（113001）和驻马店市城镇职工医疗保险处（113002）。除“三公”经费预算表以万元为单位外，以下各表金额单位为元。",
    "（本文件为测试样例，表中数据取自该部门公开的2022年部门预算，由万元换算为元。）",
  ],
  tables: [
    gridTable({
      ...heading, label: "公开01表", title: "2022年部门收支总体情况表",
      columns: [
        { path: ["收入", "项目"], width: 30, align: "left" }, { path: ["收入", "金额"], width: 16, align: "right" },
        { path: ["支出", "项目"], width: 30, align: "left" }, { path: ["支出", "金额"], width: 16, align: "right" },
      ],
      body: summaryBody,
      golden: goldenByLabel("summary", summaryBody, [["收入总计", "income_total"], ["支出总计", "expenditure_total"]]),
    }),
    codedTable({ ...functionTable, kind: "expenditure", label: "公开03表", title: "2022年部门支出总体情况表", rows: expenditureRows }),
    codedTable({
      ...functionTable, kind: "general_by_function", label: "公开05表", title: "2022年一般公共预算支出情况表", rows: expenditureRows,
      note: "备注：本表仅含当年财政拨款安排的支出",
    }),
    codedTable({
      ...heading, kind: "basic_by_economic", label: "公开06表", title: "一般公共预算基本支出表",
      codeColumns: [{ path: ["部门预算支出经济分类科目", "科目编码"], width: 10, slice: "full" }],
      nameColumn: { path: ["部门预算支出经济分类科目", "科目名称"], width: 30 },
      amountColumns: [
        { path: ["本年一般公共预算基本支出", "合计"], width: 16, measure: "total" },
        { path: ["本年一般公共预算基本支出", "人员经费"], width: 16, measure: "personnel" },
        { path: ["本年一般公共预算基本支出", "公用经费"], width: 16, measure: "public" },
      ],
      rows: mapCells(mergeByCode(mapCells(items(seed.basic), (c) => c.slice(2)), "commas"), toYuan),
    }),
    gridTable({
      ...heading, unit: "万元", label: "公开08表", title: "2022年一般公共预算“三公”经费支出情况表",
      columns: threePublicColumns, body: [threePublicRow],
      golden: goldenOfRow("three_public", threePublicRow, ["total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]),
      note: "注：按照党中央、国务院有关规定及部门预算管理有关规定，“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。",
    }),
    codedTable({
      ...functionTable, kind: null, label: "公开09表", title: "2022年政府性基金支出情况表",
      rows: [{ code: "", name: "合计", cells: [] }],
      note: "我单位2022年无使用政府性基金预算拨款安排的支出，故此表为空表。",
      ext: { kind: "gov_fund", codeType: "functional" },
    }),
  ],
  notes:
    "Generated sample (not a published file): values from seed 003_a693d0eafeb66020 (驻马店市医疗保障局 2022 部门预算), printed there in 万元 " +
    "and scaled ×10000 to 元 here (1,218.65 万元 → 12,186,500.00 元), printed with thousands separators. Exception: the “三公” table is " +
    "printed in 万元 (0.80) as its unit line says; its golden amounts are as printed (万元). Ruled grid; split 类|款|项 codes; as in the seed, " +
    "only 项 rows are printed, in the seed's (unsorted) order, with no 类/款 parent rows; a unit row (单位代码 113, 驻马店市医疗保障局) follows " +
    "合计 and is not a line item. expenditure (公开03表) and general_by_function (公开05表) print the same rows (all funds are 一般公共预算). " +
    "summary labels are printed spaced (收 入 总 计). basic_by_economic: 5-digit codes only (no 301/302 rows), in the seed's order; 30113 住房公积金 " +
    "is printed twice in the seed (政府经济分类 50103 and 50501) and merged here (126,300.00 + 306,400.00 = 432,700.00). Source rounding kept " +
    "as printed: basic_by_economic items add up to 9,404,500.00 total and 8,370,500.00 personnel while 合计 prints 9,404,300.00 and 8,370,300.00 " +
    "(0.02 万元 in the seed); in the function tables the 工资福利支出 column adds to 8,067,600.00 vs 合计 8,067,500.00 and 商品和服务支出 to " +
    "1,033,900.00 vs 1,034,000.00 (not measures). The 政府性基金 table is empty with a note (in samples/expected).",
};
