// extract/table/: ruling segments → edges → lattice tables; words → cell text.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Segment } from "../extract/pdf/page-rulings.ts";
import type { Word } from "../extract/pdf/page-words.ts";
import { segmentsToEdges, type Edge } from "../extract/table/edges.ts";
import { findLatticeTables, type GridCell, type LatticeTable } from "../extract/table/lattice.ts";
import { assignWords, wordsToText } from "../extract/table/words-to-cells.ts";

const h = (y: number, x0: number, x1: number): Segment => ({ x0, y0: y, x1, y1: y, from: "stroke" });
const v = (x: number, y0: number, y1: number): Segment => ({ x0: x, y0, x1: x, y1, from: "stroke" });

/** Full ruled grid: every row and column line drawn across the whole table. */
function grid(xs: number[], ys: number[]): Segment[] {
  const [x0, x1] = [xs[0]!, xs[xs.length - 1]!];
  const [y0, y1] = [ys[0]!, ys[ys.length - 1]!];
  return [...ys.map((y) => h(y, x0, x1)), ...xs.map((x) => v(x, y0, y1))];
}

const spans = (t: LatticeTable) => t.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]);
const bbox = (c: { x0: number; top: number; x1: number; bottom: number }) => [c.x0, c.top, c.x1, c.bottom];

const word = (text: string, x0: number, top: number, x1: number, bottom: number, size = 10): Word => ({ text, x0, top, x1, bottom, size, upright: true });

describe("segmentsToEdges", () => {
  test("orientation, position and extent", () => {
    assert.deepEqual(segmentsToEdges([h(10, 0, 100), v(50, 0, 40)]), [
      { orientation: "h", at: 10, from: 0, to: 100 },
      { orientation: "v", at: 50, from: 0, to: 40 },
    ]);
  });

  test("parallel edges within the snap tolerance (2) move to their mean", () => {
    const edges = segmentsToEdges([h(10, 0, 50), h(11.5, 60, 100), h(20, 0, 100)]);
    assert.deepEqual(edges, [
      { orientation: "h", at: 10.75, from: 0, to: 50 },
      { orientation: "h", at: 10.75, from: 60, to: 100 },
      { orientation: "h", at: 20, from: 0, to: 100 },
    ]);
  });

  test("edges further apart than the snap tolerance stay apart", () => {
    const ats = segmentsToEdges([h(10, 0, 50), h(12.5, 0, 50)]).map((e) => e.at);
    assert.deepEqual(ats, [10, 12.5]);
  });

  test("collinear pieces with a gap up to the join tolerance (2) become one edge", () => {
    assert.deepEqual(segmentsToEdges([h(10, 0, 50), h(10, 51.5, 100), h(10, 30, 45)]), [{ orientation: "h", at: 10, from: 0, to: 100 }]);
    assert.deepEqual(segmentsToEdges([v(5, 0, 20), v(5, 22, 40)]), [{ orientation: "v", at: 5, from: 0, to: 40 }]);
  });

  test("a wider gap keeps two edges", () => {
    assert.deepEqual(segmentsToEdges([h(10, 0, 50), h(10, 53, 100)]), [
      { orientation: "h", at: 10, from: 0, to: 50 },
      { orientation: "h", at: 10, from: 53, to: 100 },
    ]);
  });

  test("edges shorter than 3 points are dropped (glyph strokes)", () => {
    assert.deepEqual(segmentsToEdges([h(10, 0, 2.5), v(40, 0, 3), h(30, 0, 100)]), [
      { orientation: "h", at: 30, from: 0, to: 100 },
      { orientation: "v", at: 40, from: 0, to: 3 },
    ]);
  });

  test("snapping then joining: slightly offset pieces of one ruling", () => {
    const edges = segmentsToEdges([h(20, 0, 60), h(20.8, 61, 120)]);
    assert.equal(edges.length, 1);
    assert.deepEqual(edges[0], { orientation: "h", at: 20.4, from: 0, to: 120 });
  });
});

describe("findLatticeTables", () => {
  test("a 3 × 2 grid: 3 rows, 2 columns, 6 cells, bbox", () => {
    const tables = findLatticeTables(segmentsToEdges(grid([0, 100, 200], [0, 20, 40, 60])));
    assert.equal(tables.length, 1);
    const t = tables[0]!;
    assert.deepEqual(t.xs, [0, 100, 200]);
    assert.deepEqual(t.ys, [0, 20, 40, 60]);
    assert.equal(t.ys.length - 1, 3, "nRows");
    assert.equal(t.xs.length - 1, 2, "nCols");
    assert.deepEqual(bbox(t), [0, 0, 200, 60]);
    assert.deepEqual(spans(t), [[0, 0, 1, 1], [0, 1, 1, 1], [1, 0, 1, 1], [1, 1, 1, 1], [2, 0, 1, 1], [2, 1, 1, 1]]);
    assert.deepEqual(bbox(t.cells[3]!), [100, 20, 200, 40]);
  });

  test("merged header: 项目 over two rows (rowSpan 2), 金额 over two columns (colSpan 2), a body cell over two rows", () => {
    // Columns 0 | 50 | 100 | 150; rows 0 | 20 | 40 | 60 | 80.
    // Row 0: [项目 rs2][金额 cs2]; row 1: [·][a][b]; rows 2–3: [name rs2][x][y] / [·][x][y].
    const segments = [
      h(0, 0, 150), h(20, 50, 150), h(40, 0, 150), h(60, 50, 150), h(80, 0, 150),
      v(0, 0, 80), v(50, 0, 80), v(100, 20, 80), v(150, 0, 80),
    ];
    const [t, ...rest] = findLatticeTables(segmentsToEdges(segments));
    assert.equal(rest.length, 0);
    assert.deepEqual(t!.xs, [0, 50, 100, 150]);
    assert.deepEqual(t!.ys, [0, 20, 40, 60, 80]);
    assert.deepEqual(spans(t!), [
      [0, 0, 2, 1], [0, 1, 1, 2],
      [1, 1, 1, 1], [1, 2, 1, 1],
      [2, 0, 2, 1], [2, 1, 1, 1], [2, 2, 1, 1],
      [3, 1, 1, 1], [3, 2, 1, 1],
    ]);
    assert.deepEqual(bbox(t!.cells[0]!), [0, 0, 50, 40]);
    assert.deepEqual(bbox(t!.cells[1]!), [50, 0, 150, 20]);
    assert.deepEqual(bbox(t!.cells[4]!), [0, 40, 50, 80]);
  });

  test("two tables on one page, sorted top to bottom", () => {
    const segments = [...grid([300, 400, 500], [200, 220, 240]), ...grid([50, 150, 250, 350], [20, 40, 60, 80])];
    const tables = findLatticeTables(segmentsToEdges(segments));
    assert.equal(tables.length, 2);
    assert.deepEqual(tables.map(bbox), [[50, 20, 350, 80], [300, 200, 500, 240]]);
    assert.deepEqual(tables.map((t) => [t.ys.length - 1, t.xs.length - 1]), [[3, 3], [2, 2]]);
    assert.deepEqual(tables.map((t) => t.cells.length), [9, 4]);
  });

  test("rulings that stop up to 2 points short of each other still meet", () => {
    const segments = [h(0, 0, 200), h(20, 1.5, 198.5), h(40, 0, 200), v(0, 0, 40), v(100, 1.5, 38.5), v(200, 0, 40)];
    const [t] = findLatticeTables(segmentsToEdges(segments));
    assert.ok(t);
    assert.deepEqual([t.ys.length - 1, t.xs.length - 1], [2, 2]);
    assert.equal(t.cells.length, 4);
  });

  test("a one-row table counts (合计 alone on the next page); a single column does not", () => {
    const one = findLatticeTables(segmentsToEdges(grid([0, 100, 200], [0, 20])));
    assert.deepEqual(one.map((t) => [t.ys.length - 1, t.xs.length - 1]), [[1, 2]]);
    assert.deepEqual(findLatticeTables(segmentsToEdges(grid([0, 100], [0, 20, 40]))), []);
  });

  test("loose parallel lines are not a table", () => {
    assert.deepEqual(findLatticeTables(segmentsToEdges([h(0, 0, 100), h(50, 0, 100)])), []);
  });
});

describe("assignWords / wordsToText", () => {
  // One row (top 0, bottom 20), two cells split at x = 100.
  const cells: GridCell[] = [
    { x0: 0, top: 0, x1: 100, bottom: 20, row: 0, col: 0, rowSpan: 1, colSpan: 1 },
    { x0: 100, top: 0, x1: 200, bottom: 20, row: 0, col: 1, rowSpan: 1, colSpan: 1 },
  ];

  test("a word straddling a border is cut into the two cells", () => {
    // 14 characters of 0.5 em at size 10 → 5 pt each: "2,082.85" covers 60..100, "171.07" 100..130.
    const { inCell, outside } = assignWords(cells, [word("2,082.85171.07", 60, 5, 130, 17)]);
    assert.deepEqual(outside, []);
    assert.deepEqual(inCell.map((ws) => ws.map((w) => w.text)), [["2,082.85"], ["171.07"]]);
    assert.deepEqual([inCell[0]![0]!.x0, inCell[0]![0]!.x1], [60, 100]);
    assert.deepEqual([inCell[1]![0]!.x0, inCell[1]![0]!.x1], [100, 130]);
    assert.deepEqual(inCell.map((ws) => wordsToText(ws)), ["2,082.85", "171.07"]);
  });

  test("words go to the cell they lie in; words outside every cell are returned apart", () => {
    const title = word("支出决算表", 20, -30, 70, -20);
    const { inCell, outside } = assignWords(cells, [word("合计", 10, 5, 30, 15), word("7,121.14", 150, 5, 190, 15), title]);
    assert.deepEqual(inCell.map((ws) => ws.map((w) => w.text)), [["合计"], ["7,121.14"]]);
    assert.deepEqual(outside, [title]);
  });

  test("a word needs half its height inside the cell's rows", () => {
    const { inCell, outside } = assignWords(cells, [word("below", 10, 16, 40, 26)]);
    assert.deepEqual(inCell, [[], []]);
    assert.equal(outside.length, 1);
  });

  test("lines inside a cell are joined with \\n, top to bottom", () => {
    const text = wordsToText([word("保险缴费支出", 5, 34, 65, 44), word("机关事业单位基本养老", 5, 22, 105, 32)]);
    assert.equal(text, "机关事业单位基本养老\n保险缴费支出");
  });

  test("two numbers close together stay separated by a space", () => {
    // Gap 2 pt > 0.15 × size 10.
    assert.equal(wordsToText([word("3.50", 27, 0, 45, 10), word("12.00", 0, 0, 25, 10)]), "12.00 3.50");
  });

  test("touching numbers and close CJK pieces join without a space; a wide gap between words is a space", () => {
    assert.equal(wordsToText([word("12", 0, 0, 10, 10), word("00", 11, 0, 21, 10)]), "1200");
    assert.equal(wordsToText([word("合", 0, 0, 10, 10), word("计", 12, 0, 22, 10)]), "合计");
    assert.equal(wordsToText([word("单位", 0, 0, 20, 10), word("万元", 30, 0, 50, 10)]), "单位 万元");
  });
});
