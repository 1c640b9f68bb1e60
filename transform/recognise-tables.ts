// Tables of a document, page by page → the standard tables it prints: title and
// kind recognised, unit read, tables continued over pages merged into one
// (their repeated header rows dropped).
import type { Table } from "../extract/table-ir.ts";
import type { AmountUnit, TableKind } from "./contract/index.ts";
import { tableKindFromTitle, looksLikeTitle } from "./table-kind.ts";
import { analyseLayout, isColumnNumberRow, rowTexts, type TableLayout } from "./table-layout.ts";
import { cellLine } from "./text.ts";

export interface RecognisedTable {
  kind: TableKind | null;
  title: string;
  unit: AmountUnit | null;
  pages: number[];
  /** Flattened header path per column, e.g. "一般公共预算支出/基本支出". */
  headers: string[];
  /** The table, parts continued on later pages appended below the first. */
  table: Table;
  layout: TableLayout;
  /** Notes printed with the table (本表为空表 …). */
  notes: string[];
  /** True when the table prints nothing in its body but a 合计 label or a 本表为空 note (published empty). */
  empty: boolean;
  /** A department-level table, or one unit's own table (documents may print both). */
  scope: "department" | "unit";
  /** The unit a unit-level table is for, as printed. */
  unitName: string | null;
}

/** 预算单位：X, 单位名称：X, 单位：X — but not 编制单位 (the compiling department) nor 金额单位 / 单位：万元. */
const UNIT_LINE = /(?<!编制|金额)(?:预算单位|决算单位|单位名称|单位)[:：]\s*([^\s:：]{2,40}?)(?=\s|(金额)?单位[:：]|$)/;

/** Unit-level tables say so in their title (单位预算支出总表) or name their unit above the table. */
export function scopeOf(title: string, before: string[]): { scope: "department" | "unit"; unitName: string | null } {
  for (const l of before) {
    const m = cellLine(l).match(UNIT_LINE);
    if (m && !/^(万元|元)$/.test(m[1]!)) return { scope: "unit", unitName: m[1]! };
  }
  return { scope: /^单位|单位(预算|决算)/.test(title) ? "unit" : "department", unitName: null };
}

const UNIT = /单位[:：]\s*(万元|元)|[（(](万元|元)[)）]/;

export function unitIn(lines: string[]): AmountUnit | null {
  for (const l of lines) {
    const m = l.replace(/\s+/g, "").match(UNIT);
    if (m) return (m[1] ?? m[2]) as AmountUnit;
  }
  return null;
}

/**
 * The title of a table: the nearest title-like line above it that names a
 * standard table (a label such as 公开01表 may stand nearer), else the nearest
 * title-like line, else a title row caught inside the ruled area. A title
 * wrapped over lines (…“三公”经费、会议费、培训费 / 支出预算表) is read joined.
 */
export function titleOf(table: Table, layout: TableLayout): string | null {
  const candidates: string[] = [];
  const lines = table.before.map(cellLine);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    // A unit or the compiling unit on the same line as the title: "2025年部门收支总表 单位：元".
    const head = line.replace(/\s*(编制(单位|部门)[:：].*|(金额)?单位[:：].*)$/, "");
    for (const t of [line, head]) {
      if (!looksLikeTitle(t)) continue;
      const joined = wrappedTitle(lines, i, t);
      for (const c of joined ? [joined, t] : [t]) if (!candidates.includes(c)) candidates.push(c);
    }
  }
  for (const t of layout.titleRows) {
    const head = t.replace(/\s*(金额)?单位[:：].*$/, "");
    if (looksLikeTitle(head)) candidates.push(head);
  }
  return candidates.find((t) => tableKindFromTitle(t) !== null) ?? candidates[0] ?? null;
}

/** How many lines above its end a wrapped title may start. */
const MAX_TITLE_LINES = 3;
/** Lines that are never part of a title: labels (表3, 公开09表), units, compiling units, sentences. */
const NOT_TITLE_TEXT = /^((附)?表\s*\d+(\s*[-－—]\s*\d+)?|(公开|预算|部门)?\s*\d+\s*表)$|单位[:：]|编制|[。；：:]$|[，。；]/;

/** The title ending at line `end`, with the lines above it that begin it (fragments that are no title themselves), or null. */
function wrappedTitle(lines: string[], end: number, last: string): string | null {
  let joined = last, start = end;
  while (start > 0 && end - start < MAX_TITLE_LINES - 1) {
    const above = lines[start - 1]!.replace(/\s+/g, "");
    if (!above || looksLikeTitle(above) || NOT_TITLE_TEXT.test(above) || above.length > 40) break;
    joined = above + joined;
    start--;
  }
  return start < end && looksLikeTitle(joined) ? joined : null;
}

const NOTHING = /^(合计|总计|小计)$|空|无数据|^[-—－]$/;

/** No figure and no text in the body but totals' labels and 本表为空 notes. */
function printsNothing(layout: TableLayout): boolean {
  for (let r = layout.bodyStart; r < layout.refs.length; r++)
    for (const cell of layout.refs[r]!) {
      const text = cellLine(cell?.text ?? "");
      if (text && !NOTHING.test(text)) return false;
    }
  return true;
}

/** Kinds printed as forms of several grids under one title. */
const FORM_KINDS = new Set<string>(["performance"]);

const CONTINUED_MARK = /[（(]?续(表)?[)）]?/g;
const sameTitle = (a: string, b: string) => a.replace(CONTINUED_MARK, "") === b.replace(CONTINUED_MARK, "");

export function recogniseTables(tables: Table[]): RecognisedTable[] {
  const out: RecognisedTable[] = [];
  for (const table of tables) {
    const layout = analyseLayout(table);
    const title = titleOf(table, layout);
    const prev = out[out.length - 1];
    // No title, or the title repeated (续表): a part of the table above when its columns line up.
    // Tables of one title told apart by their labels (表14-2, 表14-4: one 绩效目标表 per project) are not parts.
    const repeated = title !== null && prev !== undefined && sameTitle(title, prev.title) && !otherLabel(table, prev.table);
    const continued = (title === null || repeated) && prev ? asContinuation(prev, table) : null;
    if (continued) {
      appendPart(prev!, continued, analyseLayout(continued));
      continue;
    }
    // A form printed as several grids (绩效目标表: the targets above, the indicators below) has one title.
    const followsForm = title === null && prev !== undefined && FORM_KINDS.has(prev.kind ?? "") && table.page - prev.pages[prev.pages.length - 1]! <= 1;
    const unit = unitIn([...table.before, ...layout.titleRows, ...layout.columns.flatMap((c) => c.header)]);
    out.push({
      kind: followsForm ? prev!.kind : title ? tableKindFromTitle(title) : null,
      title: followsForm ? prev!.title : title ?? "",
      unit,
      pages: [table.page],
      headers: layout.columns.map((c) => c.header.join("/")),
      table: { ...table, cells: [...table.cells] },
      layout,
      notes: [...table.after],
      // Performance tables print words, not figures: empty only when nothing follows their header.
      empty: followsForm || /绩效/.test(title ?? "") ? table.nRows <= 1 : printsNothing(layout),
      ...scopeOf(title ?? "", table.before),
    });
  }
  for (const t of out) if (t.kind !== "performance") t.empty = printsNothing(t.layout);
  return out;
}

/** A table label printed on its own line above the title: 表3, 表14-2, 预算03表, 公开02表, 附表1. */
const TABLE_LABEL = /^((附)?表\s*\d+(\s*[-－—]\s*\d+)?|(公开|预算|部门)?\s*\d+\s*表)$/;
const labelOf = (t: Table) => t.before.map((l) => cellLine(l).replace(/\s+/g, "")).filter((l) => TABLE_LABEL.test(l)).at(-1) ?? null;
/** Both tables print a label, and not the same one. */
function otherLabel(a: Table, b: Table): boolean {
  const la = labelOf(a), lb = labelOf(b);
  return la !== null && lb !== null && la !== lb;
}

export interface ContinuationOptions {
  /** Column borders of a continued part must lie this close (points) to the first part's. */
  columnTolerance: number;
}

export const DEFAULT_CONTINUATION_OPTIONS: ContinuationOptions = { columnTolerance: 3 };

/** Column borders of a table: the distinct left edges of its cells, and its right edge. */
function columnBorders(table: Table): number[] {
  const xs = new Map<number, number>();
  for (const c of table.cells) { xs.set(c.col, c.bbox[0]); xs.set(c.col + c.colSpan, c.bbox[2]); }
  return [...xs.entries()].sort((a, b) => a[0] - b[0]).map(([, x]) => x);
}

/**
 * A table with no title, on the page after the one it continues, whose column
 * borders all fall on the first part's (a 合计 row alone may merge columns):
 * returns it re-gridded onto the first part's columns, or null.
 */
export function asContinuation(prev: RecognisedTable, table: Table, o: ContinuationOptions = DEFAULT_CONTINUATION_OPTIONS): Table | null {
  const lastPage = prev.pages[prev.pages.length - 1]!;
  if (table.page !== lastPage + 1 || table.method !== prev.table.method) return null;
  if (table.method === "stream") return streamContinuation(prev.table, table);
  const borders = columnBorders(prev.table);
  if (borders.length !== prev.table.nCols + 1) return null;
  const at = (x: number) => { const i = borders.findIndex((b) => Math.abs(b - x) <= o.columnTolerance); return i; };
  const cells = [];
  for (const c of table.cells) {
    const col = at(c.bbox[0]), end = at(c.bbox[2]);
    if (col < 0 || end <= col) return null;
    cells.push({ ...c, col, colSpan: end - col });
  }
  return { ...table, nCols: prev.table.nCols, cells };
}

/** Unruled parts have no shared borders: each cell goes to the first part's column it overlaps most. */
function streamContinuation(first: Table, part: Table): Table | null {
  const ranges = Array.from({ length: first.nCols }, () => [Infinity, -Infinity] as [number, number]);
  for (const c of first.cells) if (c.colSpan === 1) { const r = ranges[c.col]!; r[0] = Math.min(r[0], c.bbox[0]); r[1] = Math.max(r[1], c.bbox[2]); }
  const cells = [];
  for (const c of part.cells) {
    let best = -1, bestOverlap = 0;
    ranges.forEach(([x0, x1], k) => { const ov = Math.min(x1, c.bbox[2]) - Math.max(x0, c.bbox[0]); if (ov > bestOverlap) { bestOverlap = ov; best = k; } });
    if (best < 0) return null;
    cells.push({ ...c, col: best, colSpan: 1 });
  }
  // Two body cells of a row on one column: not the same table. The part's repeated header is dropped
  // when appended, so its words (收 入 spaced over a panel) may share a column.
  const body = cells.filter((c) => c.row >= analyseLayout(part).bodyStart);
  const positions = new Set(body.map((c) => `${c.row},${c.col}`));
  if (positions.size !== body.length) return null;
  return { ...part, nCols: first.nCols, cells };
}

/**
 * The leading rows of a continued part that repeat the first part's header (or number its
 * columns, or are blank): the rows to drop. Rows of the body that print no figure (一、…
 * items with empty cells, at the top of a page) are kept.
 */
export function repeatedHeaderRows(first: TableLayout, partLayout: TableLayout): number {
  const header = new Set<string>();
  for (let r = 0; r < first.bodyStart; r++) for (const t of rowTexts(first.refs, r)) if (t) header.add(t);
  let n = 0;
  while (n < partLayout.bodyStart) {
    const texts = rowTexts(partLayout.refs, n).filter(Boolean);
    // Header text repeated, whole or in pieces (收 入 spaced over a panel).
    const repeated = (t: string) => header.has(t) || TITLE_ROW.test(t) || [...header].some((h) => h.includes(t));
    if (texts.length && !isColumnNumberRow(texts) && !texts.every(repeated)) break;
    n++;
  }
  return n;
}

const TITLE_ROW = /表(（[^）]*）|\([^)]*\))?$|单位[:：]|续表/;

/** Append a continued part's body rows (its repeated header dropped) and re-read the layout. */
function appendPart(prev: RecognisedTable, part: Table, partLayout: TableLayout) {
  const skip = repeatedHeaderRows(prev.layout, partLayout);
  const offset = prev.table.nRows - skip;
  const body = part.cells.filter((c) => c.row >= skip).map((c) => ({ ...c, row: c.row + offset }));
  prev.table = { ...prev.table, nRows: prev.table.nRows + part.nRows - skip, cells: [...prev.table.cells, ...body] };
  prev.pages.push(part.page);
  prev.notes.push(...part.after);
  prev.layout = analyseLayout(prev.table);
  prev.headers = prev.layout.columns.map((c) => c.header.join("/"));
}
