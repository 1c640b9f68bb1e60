// A ruled table whose top (or bottom) ruling is not drawn — a continuation page that starts
// with a body row, a producer that leaves the outer border out — still shows where that row
// ends: its column rulings run past the last horizontal ruling they meet. Where several
// verticals of one table end together beyond it, the missing ruling is put back there, so
// the row above the first ruling (below the last) is a row of the table, not loose text.
import type { Edge } from "./edges.ts";

export interface OpenEdgeOptions {
  /** A vertical must run at least this far (points) past the last horizontal it meets … */
  minOverhang: number;
  /** … and no further than this (a row, not a stray line reaching across the page). */
  maxOverhang: number;
  /** Only column rulings count: verticals that meet at least this many horizontals (glyph strokes drawn as paths meet one or two). */
  minCrossings: number;
  /** Vertical ends this close (points) are one missing ruling. */
  endTolerance: number;
  /** Fewest verticals ending together that make a missing ruling. */
  minVerticals: number;
  /** How far an edge may stop short of another and still meet it (as the lattice finder's). */
  intersectionTolerance: number;
}

export const DEFAULT_OPEN_EDGE_OPTIONS: OpenEdgeOptions = { minOverhang: 5, maxOverhang: 60, minCrossings: 3, endTolerance: 2, minVerticals: 3, intersectionTolerance: 2 };

export function closeOpenEdges(edges: Edge[], o: OpenEdgeOptions = DEFAULT_OPEN_EDGE_OPTIONS): Edge[] {
  const h = edges.filter((e) => e.orientation === "h");
  const v = edges.filter((e) => e.orientation === "v");
  const tops: Array<{ x: number; y: number }> = [];
  const bottoms: Array<{ x: number; y: number }> = [];
  for (const ve of v) {
    const met = h.filter((he) => ve.at >= he.from - o.intersectionTolerance && ve.at <= he.to + o.intersectionTolerance && he.at >= ve.from - o.intersectionTolerance && he.at <= ve.to + o.intersectionTolerance);
    if (met.length < o.minCrossings) continue;
    let first = Infinity, last = -Infinity;
    for (const he of met) { first = Math.min(first, he.at); last = Math.max(last, he.at); }
    const above = first - ve.from, below = ve.to - last;
    if (above >= o.minOverhang && above <= o.maxOverhang) tops.push({ x: ve.at, y: ve.from });
    if (below >= o.minOverhang && below <= o.maxOverhang) bottoms.push({ x: ve.at, y: ve.to });
  }
  return [...edges, ...closing(tops, o), ...closing(bottoms, o)];
}

/** Vertical ends grouped by height; a group of enough verticals is a horizontal edge across them. */
function closing(ends: Array<{ x: number; y: number }>, o: OpenEdgeOptions): Edge[] {
  const sorted = [...ends].sort((a, b) => a.y - b.y);
  const out: Edge[] = [];
  let group: Array<{ x: number; y: number }> = [];
  const flush = () => {
    if (group.length >= o.minVerticals) {
      let from = Infinity, to = -Infinity, sum = 0;
      for (const e of group) { from = Math.min(from, e.x); to = Math.max(to, e.x); sum += e.y; }
      out.push({ orientation: "h", at: sum / group.length, from, to });
    }
    group = [];
  };
  for (const e of sorted) {
    if (group.length && e.y - group[group.length - 1]!.y > o.endTolerance) flush();
    group.push(e);
  }
  flush();
  return out;
}
