// Table recognition that survives a misread: the kind from title and header together, a
// garbled header cell named by its column's sums; and what an OCR number carries to the user.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decideTableKind, headerKinds } from "../extract/ocr/ocr-table-kind.ts";
import { nameHeadersBySums } from "../extract/ocr/ocr-header-roles.ts";
import { repairOcrTable } from "../extract/ocr/ocr-text-repair.ts";
import { toGoldenCsv } from "../transform/golden-csv.ts";
import { recogniseTables } from "../transform/recognise-tables.ts";
import { documentLineItems } from "../transform/document-line-items.ts";
import type { Table } from "../extract/table-ir.ts";
import type { LineItem } from "../transform/contract/index.ts";
import { item } from "./fixtures/warehouse-docs.ts";

const EXPENDITURE_HEADER = ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"];

test("kind: one misread character in the title is put right when the header says which table it is", () => {
  const d = decideTableKind("2024年一般公共预算广出预算表", EXPENDITURE_HEADER);
  assert.deepEqual([d.kind, d.title, d.by], ["general_by_function", "2024年一般公共预算支出预算表", "title+header"]);
  // Without a header that supports it, the loose reading is not taken.
  assert.equal(decideTableKind("2024年一般公共预算广出预算表", []).kind, null);
  assert.equal(decideTableKind("2024年一般公共预算广出预算表", ["项目", "金额"]).kind, null);
  // Correct titles keep their kind whatever the header; 收入 is not loosely taken for 收支.
  assert.equal(decideTableKind("2024年部门收入预算总表", ["项目", "合计", "财政拨款", "事业收入"]).kind, "income");
  assert.equal(decideTableKind("部门收支总表", ["收入", "预算数", "支出", "预算数"]).kind, "summary");
  assert.equal(decideTableKind("“三公”经费预算表", ["合计", "因公出国（境）费", "公务接待费"]).kind, "three_public");
  assert.deepEqual([...headerKinds(["合计", "人员经费", "公用经费"])].sort(), ["basic_by_economic", "economic_summary"]);
});

const cell = (row: number, col: number, text: string, colSpan = 1, rowSpan = 1) => ({ row, col, rowSpan, colSpan, text, page: 9, bbox: [col * 50, row * 20, (col + colSpan) * 50, (row + rowSpan) * 20] as [number, number, number, number] });

/** A 三公 table whose 公务用车 小计 was read as 个f。: 合计 | 因公出国 | 公务用车 (小计, 购置, 运行) | 公务接待. */
function threePublic(subtotal: string): Table {
  return {
    page: 9, bbox: [0, 0, 300, 60], nRows: 3, nCols: 6, method: "ocr", before: ["2024年“三公”经费预算表", "单位：万元"], after: [],
    cells: [
      cell(0, 0, "合计", 1, 2), cell(0, 1, "因公出国（境）费", 1, 2), cell(0, 2, "公务用车购置及运行费", 3), cell(0, 5, "公务接待费", 1, 2),
      cell(1, 2, subtotal), cell(1, 3, "购置费"), cell(1, 4, "运行费"),
      cell(2, 0, "1,471.70"), cell(2, 1, "963.50"), cell(2, 2, "508.20"), cell(2, 3, "300.00"), cell(2, 4, "208.20"), cell(2, 5, "0.00"),
    ],
  };
}

test("a garbled header cell is named by what its column adds up to (the 三公 小计), so the total is not taken from the wider 合计", () => {
  const named = nameHeadersBySums(threePublic("个f。"), 2);
  assert.equal(named.cells.find((c) => c.row === 1 && c.col === 2)!.text, "小计");
  // A column that is no sum of its neighbours keeps its text.
  const t = threePublic("个f。");
  t.cells = t.cells.map((c) => (c.row === 2 && c.col === 2 ? { ...c, text: "500.00" } : c));
  assert.equal(nameHeadersBySums(t, 2).cells.find((c) => c.row === 1 && c.col === 2)!.text, "个f。");
  // Through the whole repair and the transform: the vehicle figure is the 小计.
  const items = documentLineItems(recogniseTables([repairOcrTable(threePublic("个f。"))]), null);
  const vehicle = items.find((i) => i.table === "three_public" && i.measure === "vehicle");
  assert.equal(vehicle?.amount, "508.20");
});

test("header sums in a three-level 三公 header: each garbled 小计 is the sum of its siblings, a group counting through its own first column", () => {
  // 合计 | 三公: 小计, 因公出国, 公务用车 (小计, 购置费, 运行维护费), 公务接待费 | 会议费 | 培训费 (jianchayuan's, read from a fax: 小计 → 小讣).
  const t: Table = {
    page: 7, bbox: [0, 0, 450, 80], nRows: 4, nCols: 9, method: "ocr", before: [], after: [],
    cells: [
      cell(0, 0, "合计", 1, 3), cell(0, 1, "“三公”经费", 6), cell(0, 7, "会议费", 1, 3), cell(0, 8, "培训费", 1, 3),
      cell(1, 1, "小讣", 1, 2), cell(1, 2, "因公出国（境）费", 1, 2), cell(1, 3, "公务用车购置及运行维护费", 3), cell(1, 6, "公务接待费", 1, 2),
      cell(2, 3, "小讣"), cell(2, 4, "公务用车购置费"), cell(2, 5, "公务用车运行维护费"),
      ...["1276.7", "418.26", "80", "237", "", "237", "101.26", "158.44", "700"].map((v, k) => cell(3, k, v)),
    ],
  };
  const named = nameHeadersBySums(t, 3);
  assert.deepEqual([named.cells.find((c) => c.row === 1 && c.col === 1)!.text, named.cells.find((c) => c.row === 2 && c.col === 3)!.text], ["小计", "小计"]);
});

test("lines --with-flags: the golden columns unchanged, then what OCR says of each number", () => {
  const base = { table: "expenditure" as const, code: "2010101", name: "行政运行", measure: "total" as const, unit: "万元" as const, page: 3, bbox: [0, 0, 1, 1] as [number, number, number, number], row: 2, col: 3 };
  const items: LineItem[] = [
    item({ ...base, amount: "162.72", repairedAmount: "160.72", ocrConfidence: 0.41, ocrEngine: "paddle", ocrSecondReading: "160.72", ocrFlags: ["low_confidence", "repaired"] }),
    item({ ...base, code: "2010102", name: "一般行政管理事务", amount: "12.00" }),
  ];
  assert.equal(toGoldenCsv(items), "table,code,name,measure,amount\nexpenditure,2010101,行政运行,total,160.72\nexpenditure,2010102,一般行政管理事务,total,12.00\n");
  assert.equal(toGoldenCsv(items, { withFlags: true }), [
    "table,code,name,measure,amount,amount_read,repaired_amount,ocr_engine,ocr_confidence,ocr_second_reading,ocr_flags",
    "expenditure,2010101,行政运行,total,160.72,162.72,160.72,paddle,0.41,160.72,low_confidence;repaired",
    "expenditure,2010102,一般行政管理事务,total,12.00,,,,,,",
  ].join("\n") + "\n");
});
