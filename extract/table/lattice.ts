// Edges → intersections → cells → tables, after pdfplumber's lattice finder.
// A cell is the smallest rectangle whose four corners are intersections joined
// by edges; cells sharing corners form a table; the distinct cell borders of a
// table give its grid, and each cell's row and column spans.
import type { Edge } from "./edges.ts";

export interface Rect { x0: number; top: number; x1: number; bottom: number }

export interface GridCell extends Rect { row: number; col: number; rowSpan: number; colSpan: number }

export interface LatticeTable extends Rect {
  /** Grid line positions: columns between xs[i] and xs[i+1], rows between ys[j] and ys[j+1]. */
  xs: number[];
  ys: number[];
  cells: GridCell[];
}

export interface LatticeOptions {
  /** How far an edge may stop short of another and still meet it. */
  intersectionTolerance: number;
  /** Grid lines of one table closer than this are one line. */
  gridTolerance: number;
  /** Smallest table worth returning: rows × columns. One row counts: a 合计 row alone on the next page is a table's end. */
  minRows: number;
  minCols: number;
}

export const DEFAULT_LATTICE_OPTIONS: LatticeOptions = { intersectionTolerance: 2, gridTolerance: 1.5, minRows: 1, minCols: 2 };

interface Point { x: number; y: number; h: Set<number>; v: Set<number> }

export function findLatticeTables(edges: Edge[], o: LatticeOptions = DEFAULT_LATTICE_OPTIONS): LatticeTable[] {
  const points = intersections(edges, o.intersectionTolerance);
  const cells = pointsToCells(points);
  return groupCells(cells)
    .map((group) => toGrid(group, o.gridTolerance))
    .filter((t) => t.ys.length - 1 >= o.minRows && t.xs.length - 1 >= o.minCols)
    .sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

function intersections(edges: Edge[], tol: number): Map<string, Point> {
  const h = edges.map((e, i) => ({ e, i })).filter(({ e }) => e.orientation === "h");
  const v = edges.map((e, i) => ({ e, i })).filter(({ e }) => e.orientation === "v");
  const points = new Map<string, Point>();
  for (const { e: ve, i: vi } of v) {
    for (const { e: he, i: hi } of h) {
      if (ve.at >= he.from - tol && ve.at <= he.to + tol && he.at >= ve.from - tol && he.at <= ve.to + tol) {
        const key = `${ve.at},${he.at}`;
        const p = points.get(key) ?? { x: ve.at, y: he.at, h: new Set<number>(), v: new Set<number>() };
        p.h.add(hi); p.v.add(vi);
        points.set(key, p);
      }
    }
  }
  return points;
}

const shares = (a: Set<number>, b: Set<number>) => { for (const x of a) if (b.has(x)) return true; return false; };

function pointsToCells(points: Map<string, Point>): Rect[] {
  const sorted = [...points.values()].sort((a, b) => a.y - b.y || a.x - b.x);
  const byX = new Map<number, Point[]>(), byY = new Map<number, Point[]>();
  for (const p of sorted) {
    (byX.get(p.x) ?? byX.set(p.x, []).get(p.x)!).push(p);
    (byY.get(p.y) ?? byY.set(p.y, []).get(p.y)!).push(p);
  }
  const cells: Rect[] = [];
  for (const p of sorted) {
    const below = byX.get(p.x)!.filter((q) => q.y > p.y && shares(p.v, q.v));
    const right = byY.get(p.y)!.filter((q) => q.x > p.x && shares(p.h, q.h));
    search: for (const b of below) {
      for (const r of right) {
        const corner = points.get(`${r.x},${b.y}`);
        if (corner && shares(corner.v, r.v) && shares(corner.h, b.h)) {
          cells.push({ x0: p.x, top: p.y, x1: r.x, bottom: b.y });
          break search;
        }
      }
    }
  }
  return cells;
}

/** Cells that share a corner belong to the same table. */
function groupCells(cells: Rect[]): Rect[][] {
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  cells.forEach((c, i) => {
    for (const key of [`${c.x0},${c.top}`, `${c.x1},${c.top}`, `${c.x0},${c.bottom}`, `${c.x1},${c.bottom}`]) {
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Rect[]>();
  cells.forEach((c, i) => (groups.get(find(i)) ?? groups.set(find(i), []).get(find(i))!).push(c));
  return [...groups.values()];
}

function clusterPositions(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (!out.length || v - out[out.length - 1]! > tol) out.push(v);
  return out;
}

/**
 * The first of the sorted grid lines within `tol` of `v` (-1: none), found by bisection: a
 * scan per cell made finding the grid quadratic in a big table's cells.
 */
function indexOf(lines: number[], v: number, tol: number): number {
  let lo = 0, hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // v - l, as |l - v| computes it below l: the same rounding, so the same lines qualify as a scan would find.
    if (v - lines[mid]! > tol) lo = mid + 1;
    else hi = mid;
  }
  // Lines before lo lie more than tol below v; a lines[lo] not within tol lies more than tol above it, as do the lines after it.
  return lo < lines.length && Math.abs(lines[lo]! - v) <= tol ? lo : -1;
}

function toGrid(cells: Rect[], tol: number): LatticeTable {
  const xv: number[] = [], yv: number[] = [];
  for (const c of cells) { xv.push(c.x0, c.x1); yv.push(c.top, c.bottom); }
  const xs = clusterPositions(xv, tol);
  const ys = clusterPositions(yv, tol);
  // A cell thinner than the grid tolerance collapses onto one grid line: it is no cell.
  const grid: GridCell[] = cells.map((c) => {
    const col = indexOf(xs, c.x0, tol), row = indexOf(ys, c.top, tol);
    // Fields named, not spread: copying by spread cost more than the rest of the grid.
    return { x0: c.x0, top: c.top, x1: c.x1, bottom: c.bottom, row, col, colSpan: indexOf(xs, c.x1, tol) - col, rowSpan: indexOf(ys, c.bottom, tol) - row };
  }).filter((c) => c.colSpan > 0 && c.rowSpan > 0);
  grid.sort((a, b) => a.row - b.row || a.col - b.col);
  return { x0: xs[0]!, x1: xs[xs.length - 1]!, top: ys[0]!, bottom: ys[ys.length - 1]!, xs, ys, cells: grid };
}
