// Unruled 绩效目标表 and wrapped names at a table's end: rows under a header naming indicator
// columns are read with or without figures; a value's glyph runs (≥ | 95 | %) stay one cell;
// a note line (绩效目标：…) ends the table; a last row's wrapped name end stays in it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { findStreamTables } from "../extract/table/stream.ts";
import { tableGrid } from "../extract/table-ir.ts";
import type { Word } from "../extract/pdf/page-words.ts";

const SIZE = 10;
const width = (text: string) => [...text].reduce((s, ch) => s + (/[\d.,%]/.test(ch) ? 5 : 10), 0);
const word = (text: string, x0: number, top: number): Word => ({ text, x0, x1: x0 + width(text), top, bottom: top + SIZE, size: SIZE, upright: true });
/** One printed line: cells at the given x, a cell given as glyph runs printed touching. */
const line = (top: number, cells: Array<[number, string | string[]]>): Word[] =>
  cells.flatMap(([x, text]) => {
    const runs = Array.isArray(text) ? text : [text];
    let at = x;
    return runs.map((r) => { const w = word(r, at, top); at = w.x1; return w; });
  });

test("an unruled 绩效目标表 without figures is one table; ≥ | 95 | % stay one value; the 绩效目标 note ends it", () => {
  const words = [
    word("4、医疗救助绩效目标表", 150, 20), word("单位：万元", 480, 40),
    ...line(60, [[40, "一级指标"], [120, "二级指标"], [220, "三级指标"], [380, "指标值"]]),
    ...line(80, [[40, "产出指标"], [120, "数量指标"], [220, "医疗救助人次"], [380, ["≥", "21500人次"]]]),
    ...line(94, [[120, "质量指标"], [220, "救助人数同去年比"], [380, "提高"]]),
    ...line(108, [[120, "时效指标"], [220, "发放进度"], [380, "及时发放到位"]]),
    ...line(122, [[40, "效益指标"], [120, "社会效益指标"], [220, "测算对象满意度"], [380, ["≥", "95", "%"]]]),
    ...line(140, [[40, "绩效目标：1.医疗救助人次达到21500人"]]),
  ];
  const found = findStreamTables(words);
  assert.equal(found.length, 1);
  const grid = tableGrid(found[0]!.table);
  assert.deepEqual(grid.map((r) => r.at(-1)), ["指标值", "≥21500人次", "提高", "及时发放到位", "≥95%"]);
  assert.deepEqual(grid.map((r) => r[2]), ["三级指标", "医疗救助人次", "救助人数同去年比", "发放进度", "测算对象满意度"]);
});

test("a name wrapped under the table's last row (the page ends there) stays in the table", () => {
  const words = [
    word("部门预算收入总表", 150, 20), word("单位：万元", 480, 40),
    ...line(60, [[40, "科目编码"], [120, "科目名称"], [300, "合计"]]),
    ...line(76, [[40, "2101504"], [120, "信息化建设"], [300, "47.90"]]),
    ...line(90, [[40, "2101550"], [120, "事业运行"], [300, "544.84"]]),
    ...line(104, [[120, "其他医疗保障管理事务"]]),
    ...line(115, [[40, "2101599"], [300, "5.00"]]),
    ...line(126, [[120, "支出"]]),
  ];
  const found = findStreamTables(words);
  assert.equal(found.length, 1);
  assert.deepEqual(tableGrid(found[0]!.table).map((r) => r[1]), ["科目名称", "信息化建设", "事业运行", "其他医疗保障管理事务", "", "支出"]);
});
