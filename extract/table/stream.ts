// Unruled tables, found by text alignment (pdfplumber's "text" strategy, narrowed
// to budget tables): a run of lines that print amounts is a table body; the
// x-ranges that no body word covers separate its columns; the lines just above
// the body, up to the title, are its header, a header word spanning the columns
// it covers.
import type { Cell, Table } from "../table-ir.ts";
import type { Word } from "../pdf/page-words.ts";
import { groupLines, wordsToText } from "./words-to-cells.ts";

export interface StreamOptions {
  /** Fewest lines printing amounts that make a table body. */
  minBodyLines: number;
  /** Fewest columns a table has. */
  minCols: number;
  /** An empty vertical strip at least this wide (× font size) separates two columns. */
  minColumnGap: number;
  /** Header lines taken above the body at most. */
  maxHeaderLines: number;
  /** Lines further apart than this (× font size) are not in one table. */
  maxLineGap: number;
  /** Spans whose centres differ by less than this (points) from a group header's centre are equally good. */
  groupCentreTolerance: number;
  /** Blank rows up to this height (× font size) may separate a table's last row (合计, 总计) from the rows above. */
  maxBlankGap: number;
  /** Labels and figures this far apart (× font size) at least are two columns; closer, glyph runs of one word (≥ | 95 | %). */
  minTurnGap: number;
  /** Lines of wrapped-name ends (机关事业单位基本养老 / 保险缴费支出) taken under a table's last row at most. */
  maxTrailingFragments: number;
  /** Single characters this close (× font size) on a line of no other label are one spaced label (合　　计). */
  maxSpacedLabelGap: number;
  /** A header cell's text continued this close below it (× font size), in the same columns, is one wrapped header (附属单位上缴收 / 入). */
  maxHeaderWrapGap: number;
}

export const DEFAULT_STREAM_OPTIONS: StreamOptions = { minBodyLines: 3, minCols: 2, minColumnGap: 0.5, maxHeaderLines: 6, maxLineGap: 3.5, groupCentreTolerance: 6, maxBlankGap: 16, minTurnGap: 0.05, maxTrailingFragments: 2, maxSpacedLabelGap: 3, maxHeaderWrapGap: 0.6 };

const AMOUNT_WORD = /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-—]$/;
const TITLE_OR_UNIT = /表(（[^）]*）|\([^)]*\))?$|单位[:：]|编制(单位|部门)/;
/** A line opening a note under a table (注：…, 绩效目标：…) ends it. */
const NOTE_LINE = /^(注|说明|备注|绩效目标)\s*[:：]/;
/** A header naming indicator columns (三级指标, or 指标内容 as some templates print it): the rows under it are a 绩效目标表's, with figures or without. */
const INDICATOR_HEADER = /(三级指标|指标内容).*指标值/;

/** The two extents share some width. */
const overlapsX = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
const isAmountWord = (w: Word) => AMOUNT_WORD.test(w.text.replace(/\s+/g, ""));

interface Line { words: Word[]; top: number; bottom: number; size: number; text: string; amounts: number; indicator?: boolean }

export function findStreamTables(words: Word[], o: StreamOptions = DEFAULT_STREAM_OPTIONS): Array<{ table: Table; words: Set<Word> }> {
  const lines: Line[] = groupLines(words.filter((w) => w.upright)).map((ws) => joinSpacedLabel(ws, o)).map((ws) => ({
    words: ws,
    top: Math.min(...ws.map((w) => w.top)),
    bottom: Math.max(...ws.map((w) => w.bottom)),
    size: Math.max(...ws.map((w) => w.size)),
    text: wordsToText(ws),
    amounts: ws.filter(isAmountWord).length,
  }));
  markIndicatorRows(lines, o);
  const out: Array<{ table: Table; words: Set<Word> }> = [];
  let i = 0;
  while (i < lines.length) {
    if (!isBodyLine(lines[i]!)) { i++; continue; }
    // Grow the body while lines are close: amount lines, and text lines between them (wrapped names).
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      const gap = line.top - lines[j - 1]!.bottom;
      if (TITLE_OR_UNIT.test(line.text) || NOTE_LINE.test(line.text)) break;
      // Across a wide gap (blank rows before 收入总计) only a line of the same columns continues the table.
      if (gap > o.maxLineGap * line.size && !(isBodyLine(line) && gap <= o.maxBlankGap * line.size && alignsWith(line, lines.slice(i, end + 1)))) break;
      if (isBodyLine(line)) end = j;
      // Rows of labels only (二、事业收入 | 二、外交支出) continue it, as many as the label columns hold
      // (a summary lists its empty income lines before 收入总计); other lone fragments only briefly.
      else if (line.words.length < 2 && j - end > 2 && !inLabelColumns(line, lines.slice(i, end + 1))) break;
    }
    // The last row's name may wrap onto lines under it (the page ends there): keep those ends.
    for (let k = 0; k < o.maxTrailingFragments; k++) {
      const line = lines[end + 1];
      if (!line || line.words.length !== 1 || line.top - lines[end]!.bottom > o.maxLineGap * line.size) break;
      if (TITLE_OR_UNIT.test(line.text) || NOTE_LINE.test(line.text) || !inLabelColumns(line, lines.slice(i, end + 1))) break;
      end++;
    }
    const body = lines.slice(i, end + 1);
    // One line of figures under a header is a table too (the 三公 table, a 支出总表 with no rows by code).
    const figuresOnly = body.length === 1 && body[0]!.amounts >= 2 && body[0]!.amounts === body[0]!.words.length && i > 0 && !TITLE_OR_UNIT.test(lines[i - 1]!.text);
    if (body.filter(isBodyLine).length >= o.minBodyLines || figuresOnly) {
      let start = i;
      while (start > 0 && i - start < o.maxHeaderLines) {
        const above = lines[start - 1]!;
        if (TITLE_OR_UNIT.test(above.text) || isSentence(above) || lines[start]!.top - above.bottom > o.maxLineGap * above.size) break;
        start--;
      }
      const table = buildTable(lines.slice(start, i), body, o);
      if (table) out.push(table);
    }
    i = end + 1;
  }
  return out;
}

/**
 * A label printed with its characters spread over its cell (合　　计, 收 入 总 计) is one word: left
 * apart, its characters would each look like a column of its own.
 */
const SPACED_TOTAL_LABEL = /^\p{Script=Han}{0,6}[合总小共]计$/u;

function joinSpacedLabel(line: Word[], o: StreamOptions): Word[] {
  const labels = line.filter((w) => !isAmountWord(w));
  if (labels.length < 2 || !labels.every((w) => /^\p{Script=Han}$/u.test(w.text.trim()))) return line;
  const sorted = [...labels].sort((a, b) => a.x0 - b.x0);
  if (sorted.some((w, k) => k > 0 && w.x0 - sorted[k - 1]!.x1 > o.maxSpacedLabelGap * w.size)) return line;
  // Only a total's label is printed so; single characters over columns of their own (类 | 款 | 项) stay apart.
  if (!SPACED_TOTAL_LABEL.test(sorted.map((w) => w.text.trim()).join(""))) return line;
  const joined: Word = {
    ...sorted[0]!, text: sorted.map((w) => w.text.trim()).join(""),
    x1: Math.max(...sorted.map((w) => w.x1)), top: Math.min(...sorted.map((w) => w.top)), bottom: Math.max(...sorted.map((w) => w.bottom)),
  };
  return [joined, ...line.filter((w) => !labels.includes(w))].sort((a, b) => a.x0 - b.x0);
}

/** Every word of the line overlaps a word of the table's lines above, column by column. */
function alignsWith(line: Line, table: Line[]): boolean {
  const words = table.flatMap((l) => l.words);
  return line.words.every((w) => words.some((u) => overlapsX(u, w)));
}

/** Every word of the line sits under a label of the table and crosses no column of figures (a paragraph would). */
function inLabelColumns(line: Line, table: Line[]): boolean {
  const words = table.flatMap((l) => l.words);
  return line.words.every((w) => words.some((u) => !isAmountWord(u) && overlapsX(u, w)) && !words.some((u) => isAmountWord(u) && overlapsX(u, w)));
}

/** A body line prints at least one amount (or is an indicator row) and is not a sentence (a 栏次 line numbering the columns counts: it places them). */
const isBodyLine = (l: Line) => (l.amounts > 0 ? !isSentence(l) : !!l.indicator) && !/[。；]/.test(l.text);

/** Running text: full-width sentence punctuation (a narrative line quoting 2946.25万元 or the year 2024 is not a row of figures). */
const isSentence = (l: Line) => /[。；，]/.test(l.text);

/** Lines under a header naming indicator columns, up to a title, a note or a gap, are indicator rows. */
function markIndicatorRows(lines: Line[], o: StreamOptions) {
  for (let i = 0; i < lines.length; i++) {
    if (!INDICATOR_HEADER.test(lines[i]!.text.replace(/\s+/g, ""))) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (TITLE_OR_UNIT.test(line.text) || NOTE_LINE.test(line.text) || line.top - lines[j - 1]!.bottom > o.maxLineGap * line.size) break;
      line.indicator = true;
    }
  }
}

function isColumnNumbering(l: Line): boolean {
  if (/^(栏次|行次)/.test(l.text)) return true;
  const numbers = l.words.map((w) => w.text.trim()).filter((t) => /^\d+$/.test(t));
  return numbers.length >= 3 && numbers.length === l.words.length && numbers.every((t, i) => Number(t) === i + 1);
}

function buildTable(header: Line[], body: Line[], o: StreamOptions): { table: Table; words: Set<Word> } | null {
  // A body of figures alone (the 三公 table's one line) leaves blank columns with no word to place
  // them: the lowest header over each column (小计 | 购置费 | 运行费) places it.
  const figuresOnly = body.every((l) => l.amounts === l.words.length);
  const columns = figuresOnly ? withHeaderLeaves(columnRanges(body, o), header) : columnRanges(body, o);
  if (columns.length < o.minCols) return null;
  const cells: Cell[] = [];
  const all = [...header, ...body];
  all.forEach((line, row) => {
    // Each word goes to the columns it overlaps; a header word may span several.
    const groups = new Map<string, { col: number; span: number; words: Word[] }>();
    for (const w of line.words) {
      const hit = columns.map((c, k) => ({ k, ov: Math.min(w.x1, c[1]) - Math.max(w.x0, c[0]) })).filter((h) => h.ov > 0);
      const mid = (w.x0 + w.x1) / 2;
      const nearest = columns.reduce((best, c, k) => (Math.abs((c[0] + c[1]) / 2 - mid) < Math.abs((columns[best]![0] + columns[best]![1]) / 2 - mid) ? k : best), 0);
      const first = hit.length ? hit[0]!.k : nearest;
      const span = row < header.length && hit.length ? hit[hit.length - 1]!.k - first + 1 : 1;
      const key = `${first}`;
      const g = groups.get(key) ?? { col: first, span, words: [] };
      g.span = Math.max(g.span, span);
      g.words.push(w);
      groups.set(key, g);
    }
    let lastEnd = -1;
    for (const g of [...groups.values()].sort((a, b) => a.col - b.col)) {
      if (g.col <= lastEnd) continue; // overlapping spans: keep the first
      const span = Math.max(1, g.span);
      lastEnd = g.col + span - 1;
      const x0 = Math.min(...g.words.map((w) => w.x0)), x1 = Math.max(...g.words.map((w) => w.x1));
      cells.push({ row, col: g.col, rowSpan: 1, colSpan: span, text: wordsToText(g.words), page: 1, bbox: [x0, line.top, x1, line.bottom] });
    }
  });
  // Wrapped header cells first (附属单位上缴收 / 入): a group's children are then told by where their headers end.
  joinWrappedHeaders(cells, header.length, o);
  widenGroupHeaders(cells, header.length, columns, o);
  const xs = columns.flat();
  return {
    table: {
      page: 1, bbox: [Math.min(...xs), all[0]!.top, Math.max(...xs), all[all.length - 1]!.bottom],
      nRows: all.length, nCols: columns.length, cells, method: "stream", before: [], after: [],
    },
    words: new Set(all.flatMap((l) => l.words)),
  };
}

/**
 * Column x-ranges: the union of body words' extents, split where a wide enough
 * gap runs through every body line. A 栏次 number is printed centred while the
 * amounts below it are right-aligned: a column holding only such a number joins
 * the neighbouring column of figures that got no number of its own.
 */
function columnRanges(body: Line[], o: StreamOptions): Array<[number, number]> {
  const numbering = new Set(body.filter(isColumnNumbering).flatMap((l) => l.words));
  const spans = body.flatMap((l) => l.words.map((w) => ({ x0: w.x0, x1: w.x1, size: w.size, numbering: numbering.has(w), figure: isAmountWord(w) })))
    .sort((a, b) => a.x0 - b.x0);
  const cols: Array<{ x0: number; x1: number; numbers: number; data: number; figures: boolean }> = [];
  for (const w of spans) {
    const last = cols[cols.length - 1];
    // Figures end flush right and labels start flush left: where a label starts clear of a
    // column of figures (two panels: …91,016,775.35 | 一、一般公共服务支出), a new column starts.
    // Glyph runs of one word touch (≥ | 95 | % of ≥95%): a turn needs a visible gap.
    const turn = last && last.figures !== w.figure && w.x0 - last.x1 > o.minTurnGap * w.size;
    if (last && !turn && w.x0 - last.x1 < o.minColumnGap * w.size) { last.x1 = Math.max(last.x1, w.x1); if (w.numbering) last.numbers++; else last.data++; }
    else cols.push({ x0: w.x0, x1: w.x1, numbers: w.numbering ? 1 : 0, data: w.numbering ? 0 : 1, figures: w.figure });
  }
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    if (c.data > 0 || c.numbers === 0) continue;
    const candidates = [i + 1, i - 1].filter((j) => cols[j] && cols[j]!.data > 0 && cols[j]!.numbers === 0);
    if (!candidates.length) continue;
    const j = candidates.sort((a, b) => Math.abs(cols[a]!.x0 - c.x0) - Math.abs(cols[b]!.x0 - c.x0))[0]!;
    const other = cols[j]!;
    other.x0 = Math.min(other.x0, c.x0); other.x1 = Math.max(other.x1, c.x1); other.numbers += c.numbers;
    cols.splice(i, 1);
    i--;
  }
  return cols.map((c) => [c.x0, c.x1]);
}

/**
 * Columns of figures completed by the header's leaves: header words with no header word below
 * them. A leaf that overlaps no column is a column of its own; one that overlaps a column widens it.
 */
function withHeaderLeaves(columns: Array<[number, number]>, header: Line[]): Array<[number, number]> {
  const words = header.flatMap((l) => l.words);
  const leaves = words.filter((w) => !words.some((u) => u !== w && u.top > w.bottom - 0.5 && overlapsX(u, w)));
  const out = columns.map(([x0, x1]) => ({ x0, x1 }));
  const cols = out.map((c) => ({ ...c, figures: true, leaves: 0 }));
  for (const leaf of leaves) {
    const hit = cols.filter((c) => overlapsX(c, leaf));
    if (hit.length === 0) cols.push({ x0: leaf.x0, x1: leaf.x1, figures: false, leaves: 1 });
    for (const c of hit) c.leaves++;
  }
  cols.sort((a, b) => a.x0 - b.x0);
  // Figures are printed flush right under a centred header (机关运行经费预算数 over 213.28): a header
  // with no figure under it and a column of figures with no header beside it are one column.
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    if (c.figures) continue;
    const j = [i + 1, i - 1].find((k) => cols[k]?.figures && cols[k]!.leaves === 0);
    if (j === undefined) continue;
    const other = cols[j]!;
    other.x0 = Math.min(other.x0, c.x0); other.x1 = Math.max(other.x1, c.x1); other.leaves += c.leaves;
    cols.splice(i, 1);
    i--;
  }
  return cols.map((c) => [c.x0, c.x1]);
}

/**
 * A header cell whose text wraps onto the next line (附属单位上缴收 / 入, 机关运行经费预算 / 数) is one
 * header, not a parent over a child: the continuation sits right under it, in the same columns,
 * closer than header levels are set apart, centred or left-aligned with it, and no wider.
 */
function joinWrappedHeaders(cells: Cell[], headerRows: number, o: StreamOptions) {
  const header = cells.filter((c) => c.row < headerRows).sort((a, b) => a.row - b.row);
  for (const upper of header) {
    if (!cells.includes(upper)) continue;
    const below = header.filter((c) => c !== upper && cells.includes(c) && c.row > upper.row && c.col < upper.col + upper.colSpan && c.col + c.colSpan > upper.col);
    const next = below.sort((a, b) => a.row - b.row)[0];
    if (!next || next.col !== upper.col || next.colSpan !== upper.colSpan) continue;
    const size = upper.bbox[3]! - upper.bbox[1]!;
    const gap = next.bbox[1]! - upper.bbox[3]!;
    const width = (c: Cell) => c.bbox[2]! - c.bbox[0]!;
    const centre = (c: Cell) => (c.bbox[0]! + c.bbox[2]!) / 2;
    const aligned = Math.abs(centre(next) - centre(upper)) < size || Math.abs(next.bbox[0]! - upper.bbox[0]!) < size;
    if (gap > o.maxHeaderWrapGap * size || width(next) > width(upper) || !aligned) continue;
    upper.text = joinWrapped(upper.text, next.text);
    upper.bbox = [Math.min(upper.bbox[0]!, next.bbox[0]!), upper.bbox[1]!, Math.max(upper.bbox[2]!, next.bbox[2]!), next.bbox[3]!];
    cells.splice(cells.indexOf(next), 1);
  }
}

/** Han text wraps without a space; other text with one. */
const joinWrapped = (a: string, b: string) => (/\p{Script=Han}$/u.test(a) && /^\p{Script=Han}/u.test(b) ? a + b : `${a} ${b}`);

/**
 * A group header (基本支出 over 小计 | 人员经费 | 公用经费) is printed centred over
 * its columns with nothing beside it: widen it over the contiguous free columns
 * that have headers below, choosing the span whose centre is nearest its own.
 */
function widenGroupHeaders(cells: Cell[], headerRows: number, columns: Array<[number, number]>, o: StreamOptions) {
  if (headerRows < 2) return;
  const at = (r: number, c: number) => cells.find((x) => x.row === r && c >= x.col && c < x.col + x.colSpan);
  const hasBelow = (r: number, c: number) => { for (let q = r + 1; q < headerRows; q++) if (at(q, c)) return true; return false; };
  for (const cell of cells.filter((x) => x.row < headerRows - 1)) {
    const { row: r, col: c } = cell;
    const end = cell.col + cell.colSpan - 1;
    if (!hasBelow(r, c)) continue;
    // A group's columns have their first header below it on the same row (小计 | 人员经费 | 公用经费),
    // unlike neighbours whose header spans down from higher up (合计, 项目支出).
    const firstBelow = (k: number) => { for (let q = r + 1; q < headerRows; q++) if (at(q, k)) return q; return -1; };
    const level = firstBelow(c);
    // …or whose header, wrapped over lines from higher up, is centred on the children's line (附属单位上缴 / 收入),
    // unlike a header centred on the whole header's height (合计, 上年结转).
    const child = at(level, c)!;
    const centredOnChildren = (k: number) => { const x = at(firstBelow(k), k)!; const mid = (x.bbox[1]! + x.bbox[3]!) / 2; return mid >= child.bbox[1]! && mid <= child.bbox[3]!; };
    const free = (k: number) => k >= 0 && k < columns.length && !at(r, k) && hasBelow(r, k) && (firstBelow(k) === level || centredOnChildren(k));
    let lo = c, hi = end;
    while (free(lo - 1)) lo--;
    while (free(hi + 1)) hi++;
    const centre = (cell.bbox[0] + cell.bbox[2]) / 2;
    let best: [number, number] = [c, end];
    let bestScore = Infinity;
    for (let a = lo; a <= c; a++) for (let b = end; b <= hi; b++) {
      const score = Math.abs((columns[a]![0] + columns[b]![1]) / 2 - centre);
      // Ties go to the wider span: a group header covers all its children.
      if (score < bestScore - o.groupCentreTolerance || (Math.abs(score - bestScore) <= o.groupCentreTolerance && b - a > best[1] - best[0])) { best = [a, b]; bestScore = Math.min(score, bestScore); }
    }
    cell.col = best[0];
    cell.colSpan = best[1] - best[0] + 1;
  }
}
