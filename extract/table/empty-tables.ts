// Tables published empty without rulings: a title, the header lines under it,
// and no figure (本部门无政府性基金预算收支，并已公开空表). Ruled empty tables
// are found by their grid; these only by the lines under a title.
import type { Cell, Table } from "../table-ir.ts";
import type { Word } from "../pdf/page-words.ts";
import { groupLines, wordsToText } from "./words-to-cells.ts";

export interface EmptyTableOptions {
  /** Header lines read under a title at most. */
  maxLines: number;
  /** Lines further apart than this (× font size) end the table. */
  maxLineGap: number;
  /** Words whose left edges are this close (× font size) are in one column. */
  columnTolerance: number;
}

export const DEFAULT_EMPTY_TABLE_OPTIONS: EmptyTableOptions = { maxLines: 6, maxLineGap: 3, columnTolerance: 1.5 };

const TITLE = /表(（[^）]*）|\([^)]*\))?$/;
const UNIT_OR_COMPILER = /单位[:：]|编制(单位|部门)|^(公开|预算|附)?\s*\d+\s*表$/;
const NOTE = /^注|本表|空表|无数据|^说明/;
const FIGURE = /\d[\d,]*\.\d|\d{1,3}(,\d{3})+/;
const HEADER_WORDS = /项目|科目|合计|金额|编码|名称|预算数|决算数|基本支出|项目支出|小计/;

/**
 * `words` are the page's words outside every table found; `occupied` the vertical
 * ranges of those tables (a title above a ruled table is that table's, not an empty one's).
 */
export function findEmptyTables(words: Word[], occupied: Array<[number, number]>, o: EmptyTableOptions = DEFAULT_EMPTY_TABLE_OPTIONS): Array<{ table: Table; words: Set<Word> }> {
  const lines = groupLines(words.filter((w) => w.upright)).map((ws) => ({ words: ws, text: wordsToText(ws), top: Math.min(...ws.map((w) => w.top)), bottom: Math.max(...ws.map((w) => w.bottom)), size: Math.max(...ws.map((w) => w.size)) }));
  const out: Array<{ table: Table; words: Set<Word> }> = [];
  for (let i = 0; i < lines.length; i++) {
    const title = lines[i]!;
    if (!TITLE.test(title.text.replace(/\s+/g, "")) || /[。；]/.test(title.text)) continue;
    // A table found below this title, before the next title, is the one it names.
    const next = lines.slice(i + 1).find((l) => TITLE.test(l.text.replace(/\s+/g, "")) && !/[。；]/.test(l.text));
    if (occupied.some(([top]) => top >= title.bottom && top < (next?.top ?? Infinity))) continue;
    const header: typeof lines = [];
    let last = title;
    for (let j = i + 1; j < lines.length && header.length < o.maxLines; j++) {
      const line = lines[j]!;
      if (line.top - last.bottom > o.maxLineGap * line.size) break;
      last = line;
      if (UNIT_OR_COMPILER.test(line.text.replace(/\s+/g, "")) && header.length === 0) continue;
      if (NOTE.test(line.text.replace(/\s+/g, "")) || TITLE.test(line.text.replace(/\s+/g, "")) || FIGURE.test(line.text)) break;
      header.push(line);
    }
    // A table's header names its columns (项目, 科目编码, 合计 …); section headings and sentences do not.
    if (!header.some((l) => l.words.length >= 2) || !header.some((l) => HEADER_WORDS.test(l.text))) continue;
    out.push(toTable(header, o));
    i += header.length;
  }
  return out;
}

function toTable(lines: Array<{ words: Word[]; top: number; bottom: number }>, o: EmptyTableOptions): { table: Table; words: Set<Word> } {
  const all = lines.flatMap((l) => l.words);
  const starts: number[] = [];
  for (const x of all.map((w) => w.x0).sort((a, b) => a - b)) {
    const size = all[0]!.size;
    if (!starts.length || x - starts[starts.length - 1]! > o.columnTolerance * size) starts.push(x);
  }
  const colOf = (w: Word) => starts.reduce((best, s, k) => (w.x0 >= s - 0.5 ? k : best), 0);
  const cells: Cell[] = [];
  lines.forEach((l, row) => {
    const byCol = new Map<number, Word[]>();
    for (const w of l.words) (byCol.get(colOf(w)) ?? byCol.set(colOf(w), []).get(colOf(w))!).push(w);
    for (const [col, ws] of byCol) cells.push({ row, col, rowSpan: 1, colSpan: 1, text: wordsToText(ws), page: 1, bbox: [Math.min(...ws.map((w) => w.x0)), l.top, Math.max(...ws.map((w) => w.x1)), l.bottom] });
  });
  const x0 = Math.min(...all.map((w) => w.x0)), x1 = Math.max(...all.map((w) => w.x1));
  return {
    table: { page: 1, bbox: [x0, lines[0]!.top, x1, lines[lines.length - 1]!.bottom], nRows: lines.length, nCols: starts.length, cells, method: "stream", before: [], after: [] },
    words: new Set(all),
  };
}
