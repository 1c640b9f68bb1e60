// Unruled tables by text alignment: the body grows over rows of labels only and across the blank
// rows before 收入总计, but not into a paragraph under the table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { findStreamTables } from "../extract/table/stream.ts";
import { tableGrid } from "../extract/table-ir.ts";
import type { Word } from "../extract/pdf/page-words.ts";

const SIZE = 10;
const word = (text: string, x0: number, top: number): Word => ({ text, x0, x1: x0 + text.length * (/^[\d.,]+$/.test(text) ? 5 : 10), top, bottom: top + SIZE, size: SIZE, upright: true });
/** A two-panel summary: 项目 | 预算数 | 项目 | 预算数, rows 14 pt apart. */
function summaryWords(rows: Array<[string, string, string, string]>, firstTop: number): Word[] {
  return rows.flatMap(([a, b, c, d], i) => {
    const top = firstTop + i * 14;
    return [a && word(a, 40, top), b && word(b, 200, top), c && word(c, 300, top), d && word(d, 480, top)].filter((w): w is Word => !!w);
  });
}

test("a summary's label-only rows (二、事业收入 …) and its 总计 row after blank rows stay in the table", () => {
  const words = [
    word("2025年部门财务收支预算总表", 150, 20), word("单位：元", 480, 40),
    ...summaryWords([["项目", "预算数", "项目", "预算数"]], 60),
    ...summaryWords([
      ["一、财政拨款收入", "91,016,775.35", "一、一般公共服务支出", "82,096,797.42"],
      ["1.一般公共预算资金", "91,016,775.35", "二、社会保障和就业支出", "4,213,779.28"],
      ["2.政府性基金", "", "三、卫生健康支出", "1,097,073.43"],
      ["3.国有资本经营预算", "", "四、住房保障支出", "3,609,125.22"],
      ["二、事业收入", "", "", ""],
      ["三、事业单位经营收入", "", "", ""],
      ["四、其他收入", "", "", ""],
    ], 74),
    // Six blank rows, then the totals.
    ...summaryWords([["收入总计", "91,016,775.35", "支出总计", "91,016,775.35"]], 74 + 13 * 14),
  ];
  const found = findStreamTables(words);
  assert.equal(found.length, 1);
  const grid = tableGrid(found[0]!.table);
  assert.deepEqual(grid.map((r) => r[0]), ["项目", "一、财政拨款收入", "1.一般公共预算资金", "2.政府性基金", "3.国有资本经营预算", "二、事业收入", "三、事业单位经营收入", "四、其他收入", "收入总计"]);
  assert.deepEqual(grid.at(-1), ["收入总计", "91,016,775.35", "支出总计", "91,016,775.35"]);
});

test("a paragraph under an unruled table, crossing its figure columns, does not join it", () => {
  const rows: Array<[string, string, string, string]> = [
    ["一、财政拨款收入", "100.00", "一、一般公共服务支出", "60.00"],
    ["二、事业收入", "", "二、教育支出", "40.00"],
    ["三、其他收入", "", "", ""],
    ["收入合计", "100.00", "支出合计", "100.00"],
  ];
  const words = [...summaryWords([["项目", "预算数", "项目", "预算数"]], 60), ...summaryWords(rows, 74)];
  const notes = [word("注：本表反映部门年度总体收支预算情况，包括一般公共预算和政府性基金预算的全部收入和支出", 40, 74 + 4 * 14 + 2)];
  const after = [word("（此页无数据）", 40, 74 + 6 * 14), word("另起一行的说明文字", 40, 74 + 7 * 14)];
  const found = findStreamTables([...words, ...notes, ...after]);
  assert.equal(found.length, 1);
  const grid = tableGrid(found[0]!.table);
  assert.equal(grid.length, 5, grid.map((r) => r.join("|")).join("\n"));
  assert.ok(!found[0]!.words.has(notes[0]!) && !found[0]!.words.has(after[0]!));
});

test("one line of figures with blank columns: the header's lowest words place the columns", () => {
  const t = 100;
  const words = [
    word("“三公”经费预算数", 150, t), word("机关运行经费预算", 430, t + 2),
    word("公务用车购置及运行费", 270, t + 14), word("数", 470, t + 16),
    word("合计", 40, t + 22), word("因公出国(境)费", 100, t + 22), word("公务接待费", 200, t + 22),
    word("小计", 280, t + 30), word("购置费", 330, t + 30), word("运行费", 390, t + 30),
    // Figures flush right: 合计, 因公出国(境)费, 公务接待费 printed; 小计 | 购置费 | 运行费 blank; 机关运行经费 under its centred header.
    word("867.50", 45, t + 46), word("839.00", 130, t + 46), word("28.50", 215, t + 46), word("213.28", 470, t + 46),
  ];
  const found = findStreamTables(words);
  assert.equal(found.length, 1);
  const grid = tableGrid(found[0]!.table);
  assert.equal(found[0]!.table.nCols, 7);
  assert.deepEqual(grid.at(-1), ["867.50", "839.00", "28.50", "", "", "", "213.28"]);
  assert.deepEqual(grid.find((r) => r.includes("小计"))?.slice(3, 6), ["小计", "购置费", "运行费"]);
});

test("a total's label spread over its cell (合　　计) is one word; 类 | 款 | 项 headers stay apart", () => {
  const body = (top: number, code: string, name: string, amount: string) => [word(code, 86, top), word(name, 237, top), word(amount, 423, top)];
  const words = [
    word("科目编码", 136, 650), word("科目名称", 278, 650), word("金额", 433, 650),
    word("合", 205, 667), word("计", 230, 667), word("15,844.04", 423, 667),
    ...body(685, "301", "工资福利支出", "11,960.62"),
    ...body(702, "30101", "基本工资", "2,171.78"),
    ...body(720, "30102", "津贴补贴", "6,372.51"),
  ];
  const [found] = findStreamTables(words);
  assert.ok(found);
  const grid = tableGrid(found.table);
  assert.equal(found.table.nCols, 3, grid.map((r) => r.join("|")).join("\n"));
  assert.deepEqual(grid[1], ["", "合计", "15,844.04"]);
  assert.deepEqual(grid[2], ["301", "工资福利支出", "11,960.62"]);

  const split = [
    word("类", 40, 100), word("款", 60, 100), word("项", 80, 100),
    ...[["201", "", "", "一般公共服务支出", "2,106.66"], ["201", "06", "", "财政事务", "2,106.66"], ["201", "06", "01", "行政运行", "1,511.89"]].flatMap(([a, b, c, n, v], i) =>
      [word(a!, 38, 114 + i * 14), b && word(b, 60, 114 + i * 14), c && word(c, 80, 114 + i * 14), word(n!, 120, 114 + i * 14), word(v!, 300, 114 + i * 14)].filter((w): w is Word => !!w)),
  ];
  const [codes] = findStreamTables(split);
  assert.deepEqual(tableGrid(codes!.table)[0]!.slice(0, 3), ["类", "款", "项"]);
});

test("narrative paragraphs quoting figures and years are not a table (nor a table's header)", () => {
  // As pdf.js splits justified lines: single characters where the text is spread, runs elsewhere.
  const chars = (t: string) => [...t];
  const lines = [
    ["一、收入支出决算总体情况说明"],
    ["上海市普陀区财政局2024年度收入支出总计0万元。与"],
    [...chars("本年收入合计"), "2946.25", ...chars("万元，其中：财政拨款收入")],
    ["2940.05", "万元，占", "99.79%；其他收入", "6.2", "万元，占", "0.21%", "。"],
    ["本年支出合计", "2940.05", "万元，其中：基本支出", "2336.91", "万"],
    ["元，占", "79.49%；", "项目支出", "603.14", "万元，占", "20.51%。"],
    [...chars("上海市普陀区财政局"), "2024", ...chars("年度财政拨款收入支出总计")],
  ];
  const words = lines.flatMap((ws, i) => { let x = 40; return ws.map((t) => { const w = word(t, x, 100 + i * 29); x = w.x1 + (ws.length > 12 ? 12 : 4); return w; }); });
  const found = findStreamTables(words);
  assert.deepEqual(found.map((f) => tableGrid(f.table).map((r) => r.join("|"))), []);
});

test("a header wrapped onto a second line in its own column is one header; a group header over several columns is a parent", () => {
  const small = (text: string, x0: number, top: number): Word => ({ ...word(text, x0, top), x1: x0 + text.length * 7, bottom: top + 7, size: 7 });
  const words = [
    small("本年收入", 120, 87),
    small("合计", 40, 101), small("附属单位上缴收", 200, 101),
    small("财政拨款收入", 80, 110), small("事业收入", 140, 110),
    small("入", 221, 109),
    ...[0, 1, 2].flatMap((i) => [small(`${100 + i}.00`, 40, 130 + i * 12), small(`${60 + i}.00`, 90, 130 + i * 12), small(`${40}.00`, 145, 130 + i * 12), small("1.00", 215, 130 + i * 12)]),
  ];
  const [found] = findStreamTables(words);
  assert.ok(found);
  const headerTexts = found.table.cells.filter((c) => c.row < 4).map((c) => c.text);
  assert.ok(headerTexts.includes("附属单位上缴收入"), headerTexts.join(" | "));
  assert.ok(!headerTexts.includes("入"));
  const group = found.table.cells.find((c) => c.text === "本年收入")!;
  assert.ok(group.colSpan >= 2, "本年收入 spans its columns and stays a parent");
});
