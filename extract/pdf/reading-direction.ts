// A page is read in the direction its text runs. A page whose text mostly runs bottom to
// top (a landscape table on a portrait page, turned by /Rotate or drawn that way), top to
// bottom or upside down is turned, words and rulings together, until that text reads left
// to right; the table finders only look at upright text. General geometry: the text's own
// direction decides, whatever /Rotate or the content matrices say.
import type { Word } from "./page-words.ts";
import type { Segment } from "./ruling-segments.ts";

export interface TurnedPage {
  width: number;
  height: number;
  words: Word[];
  segments: Segment[];
  /** Clockwise quarter turn applied (0, 90, 180, 270 degrees). */
  turn: number;
}

/** The quarter turn (degrees counter-clockwise) nearest `angle`, or null when it is further than `tolerance`. */
function quarter(angle: number, tolerance = 2): number | null {
  const q = ((Math.round(angle / 90) * 90) % 360 + 360) % 360;
  const off = Math.abs(((angle - q) % 360 + 540) % 360 - 180);
  return off <= tolerance ? q : null;
}

/** The direction most of the page's characters run in (counter-clockwise degrees), 0 on a tie. */
export function dominantDirection(words: Word[]): number {
  const chars = new Map<number, number>();
  for (const w of words) {
    const q = quarter(w.angle ?? 0);
    if (q !== null) chars.set(q, (chars.get(q) ?? 0) + [...w.text].length);
  }
  let best = 0, most = chars.get(0) ?? 0;
  for (const [q, n] of chars) if (n > most) { best = q; most = n; }
  return best;
}

export function turnUpright(width: number, height: number, words: Word[], segments: Segment[]): TurnedPage {
  const ccw = dominantDirection(words);
  if (ccw === 0) return { width, height, words, segments, turn: 0 };
  // Turning the page clockwise by the text's counter-clockwise angle makes it read left to right.
  const map: (x: number, y: number) => [number, number] =
    ccw === 90 ? (x, y) => [height - y, x] : ccw === 180 ? (x, y) => [width - x, height - y] : (x, y) => [y, width - x];
  const [w2, h2] = ccw === 180 ? [width, height] : [height, width];
  const turned = words.map((w): Word => {
    const [ax, ay] = map(w.x0, w.top), [bx, by] = map(w.x1, w.bottom);
    const angle = (((w.angle ?? 0) - ccw + 540) % 360) - 180;
    const rad = (angle * Math.PI) / 180;
    return { ...w, x0: Math.min(ax, bx), x1: Math.max(ax, bx), top: Math.min(ay, by), bottom: Math.max(ay, by), angle, upright: Math.abs(Math.sin(rad)) < 1e-6 && Math.cos(rad) > 0 };
  });
  const segs = segments.map((s): Segment => {
    const [ax, ay] = map(s.x0, s.y0), [bx, by] = map(s.x1, s.y1);
    return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by), from: s.from };
  });
  return { width: w2, height: h2, words: turned, segments: segs, turn: ccw };
}
