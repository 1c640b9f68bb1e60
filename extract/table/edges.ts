// Ruling segments → edges: snapped to common coordinates and joined where
// collinear pieces touch (pdfplumber's snap_tolerance / join_tolerance).
import type { Segment } from "../pdf/page-rulings.ts";

export interface Edge {
  orientation: "h" | "v";
  /** y for a horizontal edge, x for a vertical one. */
  at: number;
  /** Extent along the edge: x0..x1 (horizontal) or top..bottom (vertical). */
  from: number;
  to: number;
}

export interface EdgeOptions {
  /** Parallel edges closer than this are moved onto their mean position. */
  snapTolerance: number;
  /** Collinear edges with a gap up to this are joined into one. */
  joinTolerance: number;
  /** Edges shorter than this (after joining) are dropped: glyph strokes, ticks. */
  minLength: number;
}

export const DEFAULT_EDGE_OPTIONS: EdgeOptions = { snapTolerance: 2, joinTolerance: 2, minLength: 3 };

export function segmentsToEdges(segments: Segment[], o: EdgeOptions = DEFAULT_EDGE_OPTIONS): Edge[] {
  const raw: Edge[] = segments.map((s) =>
    Math.abs(s.y1 - s.y0) <= Math.abs(s.x1 - s.x0)
      ? { orientation: "h", at: (s.y0 + s.y1) / 2, from: s.x0, to: s.x1 }
      : { orientation: "v", at: (s.x0 + s.x1) / 2, from: s.y0, to: s.y1 },
  );
  const out: Edge[] = [];
  for (const orientation of ["h", "v"] as const) {
    const snapped = snap(raw.filter((e) => e.orientation === orientation), o.snapTolerance);
    out.push(...join(snapped, o.joinTolerance).filter((e) => e.to - e.from >= o.minLength));
  }
  return out;
}

/** Cluster edges by position; each cluster moves to its mean. */
function snap(edges: Edge[], tolerance: number): Edge[] {
  const sorted = [...edges].sort((a, b) => a.at - b.at);
  const out: Edge[] = [];
  let cluster: Edge[] = [];
  const flush = () => {
    if (!cluster.length) return;
    const mean = cluster.reduce((s, e) => s + e.at, 0) / cluster.length;
    for (const e of cluster) out.push({ ...e, at: mean });
    cluster = [];
  };
  for (const e of sorted) {
    if (cluster.length && e.at - cluster[cluster.length - 1]!.at > tolerance) flush();
    cluster.push(e);
  }
  flush();
  return out;
}

function join(edges: Edge[], tolerance: number): Edge[] {
  const byLine = new Map<number, Edge[]>();
  for (const e of edges) (byLine.get(e.at) ?? byLine.set(e.at, []).get(e.at)!).push(e);
  const out: Edge[] = [];
  for (const line of byLine.values()) {
    line.sort((a, b) => a.from - b.from);
    let cur = { ...line[0]! };
    for (const e of line.slice(1)) {
      if (e.from <= cur.to + tolerance) cur.to = Math.max(cur.to, e.to);
      else { out.push(cur); cur = { ...e }; }
    }
    out.push(cur);
  }
  return out;
}
