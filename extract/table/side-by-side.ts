// Two ruled tables printed side by side with the same rows (a two-panel table
// drawn as two grids: 人员经费 on the left, 公用经费 on the right) are one table.
import type { LatticeTable } from "./lattice.ts";

export interface SideBySideOptions {
  /** Row borders of the two grids must lie this close (points). */
  rowTolerance: number;
  /** At most this much horizontal space between the grids (points). */
  maxGap: number;
}

export const DEFAULT_SIDE_BY_SIDE_OPTIONS: SideBySideOptions = { rowTolerance: 2, maxGap: 30 };

function sameRows(a: LatticeTable, b: LatticeTable, tol: number): boolean {
  return a.ys.length === b.ys.length && a.ys.every((y, i) => Math.abs(y - b.ys[i]!) <= tol);
}

/** Join grids that share their row borders and sit next to each other, left to right. */
export function joinSideBySide(tables: LatticeTable[], o: SideBySideOptions = DEFAULT_SIDE_BY_SIDE_OPTIONS): LatticeTable[] {
  const sorted = [...tables].sort((a, b) => a.top - b.top || a.x0 - b.x0);
  const out: LatticeTable[] = [];
  for (const t of sorted) {
    const left = out.find((l) => sameRows(l, t, o.rowTolerance) && t.x0 >= l.x1 - o.rowTolerance && t.x0 - l.x1 <= o.maxGap);
    if (!left) { out.push({ ...t }); continue; }
    // A gap between the grids becomes one empty column, so the right grid keeps its own borders.
    const gap = t.x0 - left.x1 > o.rowTolerance;
    const shift = left.xs.length - 1 + (gap ? 1 : 0);
    const xs = gap ? [...left.xs, ...t.xs] : [...left.xs, ...t.xs.slice(1)];
    const cells = [
      ...left.cells,
      ...t.cells.map((c) => ({ ...c, col: c.col + shift })),
      ...(gap ? [{ x0: left.x1, x1: t.x0, top: left.top, bottom: left.bottom, row: 0, col: left.xs.length - 1, rowSpan: left.ys.length - 1, colSpan: 1 }] : []),
    ];
    Object.assign(left, { x1: t.x1, xs, cells });
  }
  return out;
}
