// extract/table/side-by-side.ts: two grids with the same rows, next to each other, are one table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { findLatticeTables } from "../extract/table/lattice.ts";
import { joinSideBySide } from "../extract/table/side-by-side.ts";
import type { Edge } from "../extract/table/edges.ts";

/** Edges of a grid with the given column and row borders. */
function grid(xs: number[], ys: number[]): Edge[] {
  return [
    ...ys.map((y) => ({ orientation: "h" as const, at: y, from: xs[0]!, to: xs[xs.length - 1]! })),
    ...xs.map((x) => ({ orientation: "v" as const, at: x, from: ys[0]!, to: ys[ys.length - 1]! })),
  ];
}

test("two panels drawn as separate grids become one table with an empty column between", () => {
  const ys = [100, 120, 140, 160];
  const tables = findLatticeTables([...grid([50, 100, 200, 260], ys), ...grid([280, 330, 430, 490], ys)]);
  assert.equal(tables.length, 2);
  const [joined] = joinSideBySide(tables);
  assert.equal(joinSideBySide(tables).length, 1);
  assert.deepEqual(joined!.xs, [50, 100, 200, 260, 280, 330, 430, 490]);
  assert.equal(joined!.cells.length, 9 + 9 + 1);
  const right = joined!.cells.filter((c) => c.x0 >= 280).map((c) => c.col);
  assert.deepEqual([...new Set(right)].sort(), [4, 5, 6]);
  const gap = joined!.cells.find((c) => c.x0 === 260)!;
  assert.deepEqual([gap.col, gap.rowSpan, gap.colSpan], [3, 3, 1]);
});

test("grids with different rows, or far apart, stay separate", () => {
  const a = grid([50, 100, 200], [100, 120, 140]);
  assert.equal(joinSideBySide(findLatticeTables([...a, ...grid([210, 300, 400], [100, 125, 140])])).length, 2);
  assert.equal(joinSideBySide(findLatticeTables([...a, ...grid([300, 350, 400], [100, 120, 140])])).length, 2);
});
