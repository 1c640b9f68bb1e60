// OCR'd titles and header words put back to the vocabulary the transform recognises:
// real misreadings from image-only renderings of the golden PDFs (Tesseract chi_sim, 200 dpi).
import { test } from "node:test";
import assert from "node:assert/strict";
import { findApprox, snapCell, snapWords } from "../extract/ocr/fuzzy-match.ts";
import { HEADER_TERMS, TITLE_WORDS } from "../extract/ocr/ocr-vocabulary.ts";
import { repairCellText, repairOcrTable, repairTitleLine, headerRowCount, joinSplitFigure } from "../extract/ocr/ocr-text-repair.ts";
import { tableKindFromTitle } from "../transform/table-kind.ts";
import type { Table } from "../extract/table-ir.ts";

test("fuzzy match: a confusable substitution is cheap, any other costs 1; exact matches required", () => {
  const hit = findApprox(Array.from("支出"), Array.from("财政拨款文出预算表"));
  assert.deepEqual(hit && [hit.start, hit.end, hit.cost], [4, 6, 0.25]);
  assert.equal(findApprox(Array.from("收支"), Array.from("收入预算总表")), null, "入 is no misreading of 支");
  assert.equal(findApprox(Array.from("基本支出"), Array.from("基本工资")), null, "two plain substitutions in four characters");
});

test("titles: real misreadings snap back and name their table kind", () => {
  const cases: Array<[string, string, string | null]> = [
    ["收文预算总表", "收支预算总表", "summary"],
    ["文出预算总表", "支出预算总表", "expenditure"],
    ["财政拨亚收文预算总表", "财政拨款收支预算总表", "fiscal_summary"],
    ["2024年部门财务收文预算总表", "2024年部门财务收支预算总表", "summary"],
    ["2024年部门一般公共预算基本文出部门预算经阐分类预算表", "2024年部门一般公共预算基本支出部门预算经济分类预算表", "basic_by_economic"],
    ["一般公共预算文出预算表（功能科目）", "一般公共预算支出预算表（功能科目）", "general_by_function"],
    ["财政拨短政府性基金文出预算表", "财政拨款政府性基金支出预算表", "gov_fund"],
  ];
  for (const [read, printed, kind] of cases) {
    assert.equal(repairTitleLine(read), printed);
    assert.equal(tableKindFromTitle(repairTitleLine(read)), kind, read);
  }
  // Correct titles stay as they are.
  for (const t of ["2024年部门收入预算总表", "收入决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款基本支出决算表"]) assert.equal(snapWords(t, TITLE_WORDS), t);
  assert.equal(repairTitleLine("编制部门：上海市普陀区人民政府万里街道办事处"), "编制部门：上海市普陀区人民政府万里街道办事处", "not a title: left alone");
});

test("header cells: stray characters dropped, misread characters put back, unknown headers kept", () => {
  const cases: Array<[string, string]> = [
    ["、\n合计", "合计"], ["疯合计", "合计"], ["基本支册", "基本支出"], ["T基本支出", "基本支出"],
    ["本年支出个入计", "本年支出合计"], ["网本功能分类科目名称", "功能分类科目名称"], ["国清公务接待费", "公务接待费"],
    ["上缴上级支2出", "上缴上级支出"], ["科目 名称", "科目名称"], ["公出国(境)费", "因公出国（境）费"],
  ];
  for (const [read, printed] of cases) assert.equal(snapCell(read, HEADER_TERMS), printed, read);
  for (const keep of ["2024年“三公”经费预算数", "类", "款", "单位名称", "其中：教学科研人员"]) assert.equal(snapCell(keep, HEADER_TERMS), keep);
});

test("cell text: brackets and a leading 一 misread; figures untouched", () => {
  assert.equal(repairCellText("政府办公厅〈室)及相关机构事务"), "政府办公厅（室）及相关机构事务");
  assert.equal(repairCellText("-般公共服务支出"), "一般公共服务支出");
  assert.equal(repairCellText("-"), "-");
  assert.equal(repairCellText("-1,200.00"), "-1,200.00");
});

test("an OCR table: header rows are those above the first figure; only they are snapped", () => {
  const cell = (row: number, col: number, text: string) => ({ row, col, rowSpan: 1, colSpan: 1, text, page: 1, bbox: [col * 10, row * 10, col * 10 + 10, row * 10 + 10] as [number, number, number, number] });
  const t: Table = {
    page: 1, bbox: [0, 0, 30, 30], nRows: 3, nCols: 2, method: "ocr", before: ["文出预算总表"], after: [],
    cells: [cell(0, 0, "、合计"), cell(0, 1, "基z支出"), cell(1, 0, "18,330.37"), cell(1, 1, "9,312.90"), cell(2, 0, "合计"), cell(2, 1, "疯合计")],
  };
  assert.equal(headerRowCount(t), 1);
  const r = repairOcrTable(t);
  assert.deepEqual(r.before, ["支出预算总表"]);
  assert.deepEqual(r.cells.map((c) => c.text), ["合计", "基本支出", "18,330.37", "9,312.90", "合计", "疯合计"]);
});

test("a figure split at a thousands separator is one figure again; two figures or codes are not joined", () => {
  assert.equal(joinSplitFigure("12 121,164"), "12,121,164");
  assert.equal(joinSplitFigure("1, 234,567.80"), "1,234,567.80");
  assert.equal(joinSplitFigure("12 121"), "12 121", "no comma: nothing says these are one figure");
  assert.equal(joinSplitFigure("1,234 5,678"), "1,234 5,678");
});

test("OCR words: a 项 code and the name beside it are two words even without a ruling between them; quote dust dropped", async () => {
  const { ocrWords } = await import("../extract/ocr/ocr-words.ts");
  const w = (left: number, width: number, height: number, text: string) => ({ block: 1, par: 3, line: 8, left, top: 858, width, height, conf: 90, text });
  // wanli-jiedao p23: 205 | 99 | 99 | “其他教育支出, the last 99 22 px from the name.
  const words = ocrWords([w(182, 47, 23, "205"), w(295, 30, 23, "99"), w(399, 30, 23, "99"), w(451, 65, 45, "“其"), w(515, 21, 29, "他"), w(540, 70, 30, "教育"), w(619, 52, 45, "支出")], 0.36, []);
  assert.deepEqual(words.map((x) => x.text), ["205", "99", "99", "其他教育支出"]);
});

test("header cell re-read: an empty cell over ink is told from an empty one (rulings' remains inset away)", async () => {
  const { boxInk } = await import("../extract/ocr/gray-image.ts");
  const width = 100, height = 40;
  const pixels = new Uint8Array(width * height).fill(255);
  for (let x = 0; x < width; x++) pixels[x] = 0; // a ruling's remains along the top edge
  const blank = boxInk({ width, height, pixels }, { x0: 0, top: 0, x1: 50, bottom: 40 }, 4);
  for (let y = 15; y < 25; y++) for (let x = 60; x < 80; x++) pixels[y * width + x] = 0; // a glyph
  const inked = boxInk({ width, height, pixels }, { x0: 50, top: 0, x1: 100, bottom: 40 }, 4);
  assert.equal(blank, 0);
  assert.ok(inked > 0.02, String(inked));
});

test("a figure's grouping restored where OCR dropped a comma or read one as a point; the number never changes", async () => {
  const { regroupFigure } = await import("../extract/ocr/ocr-text-repair.ts");
  assert.equal(regroupFigure("1763,159.52"), "1,763,159.52");
  assert.equal(regroupFigure("1.511.89"), "1,511.89");
  assert.equal(regroupFigure("1,238.58"), "1,238.58");
  assert.equal(regroupFigure("12,34.5"), "12,34.5", "a comma off the thousands positions: left as read");
  assert.equal(regroupFigure("2024"), "2024");
});

test("figure columns: a column mostly of figures (code parts garbled as 号 吧 器 included) is one; a name column is not", async () => {
  const { figureColumns } = await import("../extract/ocr/doubtful-cells.ts");
  const cell = (row: number, col: number, text: string) => ({ row, col, rowSpan: 1, colSpan: 1, text, page: 17, bbox: [col * 10, row * 10, col * 10 + 10, row * 10 + 10] as [number, number, number, number] });
  // caizhengju p17, left panel: 303 | 号 生活补助 | 0 医疗费补助 | 吧 助学金 | 0 奖励金 0.31 | 0 | 11 | 器
  const kuan = ["号", "0", "吧", "0", "0", "11", "器"];
  const t: Table = {
    page: 17, bbox: [0, 0, 40, 80], nRows: 7, nCols: 3, method: "ocr", before: [], after: [],
    cells: kuan.flatMap((k, r) => [cell(r, 0, "303"), cell(r, 1, k), cell(r, 2, ["生活补助", "医疗费补助", "助学金", "奖励金", "个人农业生产补贴", "代缴社会保险费", "其他对个人和家庭的补助"][r]!)]),
  };
  assert.deepEqual([...figureColumns(t, 0.5)].sort(), [0, 1]);
});

test("a thousands separator read as a point (three digits after it) is a comma again, the cell's confidence lowered", async () => {
  const { pointAsThousands } = await import("../extract/ocr/ocr-text-repair.ts");
  assert.equal(pointAsThousands("767.579"), "767,579");
  assert.equal(pointAsThousands("1,206.000"), "1,206,000");
  assert.equal(pointAsThousands("767.57"), null);
  assert.equal(pointAsThousands("7675.790"), null, "four digits before the point: no thousands grouping");
  const cell = (row: number, col: number, text: string) => ({ row, col, rowSpan: 1, colSpan: 1, text, page: 1, bbox: [col * 10, row * 10, col * 10 + 10, row * 10 + 10] as [number, number, number, number], confidence: 0.97 });
  const t: Table = { page: 1, bbox: [0, 0, 20, 20], nRows: 2, nCols: 2, method: "ocr", before: [], after: [], cells: [cell(0, 0, "科目名称"), cell(0, 1, "合计"), cell(1, 0, "邮电费"), cell(1, 1, "767.579")] };
  const r = repairOcrTable(t);
  assert.deepEqual([r.cells[3]!.text, r.cells[3]!.confidence], ["767,579", 0.5]);
});
