// extract/table/open-edges.ts: a ruled table whose top ruling is not drawn (a continuation
// page starting with a body row) gets it back from where its column rulings end.
import { test } from "node:test";
import assert from "node:assert/strict";
import { closeOpenEdges } from "../extract/table/open-edges.ts";
import { findLatticeTables } from "../extract/table/lattice.ts";
import type { Edge } from "../extract/table/edges.ts";

const h = (at: number, from: number, to: number): Edge => ({ orientation: "h", at, from, to });
const v = (at: number, from: number, to: number): Edge => ({ orientation: "v", at, from, to });
const columns = [50, 200, 300, 450];

test("column rulings that run a row above the first horizontal ruling close the table there", () => {
  // Rows at 100-120 (no top ruling), 120-140, 140-160; the verticals start at 100.
  const edges = [h(120, 50, 450), h(140, 50, 450), h(160, 50, 450), ...columns.map((x) => v(x, 100, 160))];
  const before = findLatticeTables(edges);
  assert.equal(before[0]!.ys.length - 1, 2, "without the fix the first row is not in the table");
  const closed = closeOpenEdges(edges);
  assert.deepEqual(closed.slice(edges.length), [h(100, 50, 450)]);
  const [table] = findLatticeTables(closed);
  assert.deepEqual(table!.ys, [100, 120, 140, 160]);
  assert.equal(table!.cells.filter((c) => c.row === 0).length, 3);
});

test("the same below: a table whose bottom ruling is missing", () => {
  const edges = [h(100, 50, 450), h(120, 50, 450), h(140, 50, 450), ...columns.map((x) => v(x, 100, 160))];
  assert.deepEqual(closeOpenEdges(edges).slice(edges.length), [h(160, 50, 450)]);
});

test("no closing edge for overshoots, glyph strokes drawn as paths, or lines running across the page", () => {
  // Verticals overshooting their table by 2 pt (a pen's end).
  const overshoot = [h(100, 50, 450), h(120, 50, 450), h(140, 50, 450), ...columns.map((x) => v(x, 98, 142))];
  assert.equal(closeOpenEdges(overshoot).length, overshoot.length);
  // Short strokes meeting one horizontal each (a title's glyphs as paths): not column rulings.
  const glyphs = [h(179, 100, 200), ...[110, 120, 130, 140].map((x) => v(x, 170, 186))];
  assert.equal(closeOpenEdges(glyphs).length, glyphs.length);
  // Verticals reaching 200 pt above the table: not a missing row.
  const long = [h(300, 50, 450), h(320, 50, 450), h(340, 50, 450), ...columns.map((x) => v(x, 100, 340))];
  assert.equal(closeOpenEdges(long).length, long.length);
  // Only two verticals end there: not enough to call it a ruling.
  const two = [h(120, 50, 450), h(140, 50, 450), h(160, 50, 450), v(50, 100, 160), v(450, 100, 160), v(200, 120, 160), v(300, 120, 160)];
  assert.equal(closeOpenEdges(two).length, two.length);
});
