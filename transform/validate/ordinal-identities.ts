// Identities of rows numbered by ordinals, in tables without classification codes (or beside them):
// - a row 一、X = Σ the rows numbered under it (1、… / （一）… / 1. …), 其中 rows excluded;
// - the table's 合计 = Σ its 一、二、… rows, where it prints no codes (政府采购, row-wise 三公, income by source);
// - rows grouped under one merged label (一般公共预算资金 | 小计 / 公共财政拨款资金 / 专项收入):
//   the group's 小计 = Σ its other rows, and the table's 总计 = Σ the groups' 小计.
import type { Column } from "../table-layout.ts";
import type { TableRecord } from "../table-records.ts";
import type { Cell } from "../../extract/table-ir.ts";
import { amountValue, blankValue, type TableCells } from "./document-cells.ts";
import type { CellValue, Identity } from "./identity.ts";
import { SUM_LABEL } from "../text.ts";
import { tableKindSpec } from "../table-kind-registry.ts";

const TOP = /^[一二三四五六七八九十]+、/;
const OF_WHICH = /^其中/;
const GRAND = /^(合\s*计|总\s*计|收入总计|支出总计)$/;

function valueAt(t: TableCells, rec: TableRecord, col: Column): CellValue {
  const a = rec.amounts.find((x) => x.column.index === col.index);
  return a ? amountValue(t, rec, a) : blankValue(t, rec, col.index, col.header.join("/"));
}

function sums(t: TableCells, rule: string, description: string, total: TableRecord, parts: TableRecord[]): Identity[] {
  const out: Identity[] = [];
  const panel = t.source.layout.panels[total.panel];
  for (const col of panel?.columns.filter((c) => c.role.role === "amount") ?? []) {
    const tv = valueAt(t, total, col);
    const pv = parts.map((r) => valueAt(t, r, col));
    if (tv.blank && pv.every((p) => p.blank)) continue;
    out.push({ rule, description, total: tv, parts: pv });
  }
  return out;
}

export function ordinalIdentities(t: TableCells): Identity[] {
  // Projects and indicators print rows of their own kind: their figures are not sums of the rows below.
  if (tableKindSpec(t.kind).shape !== "line_items") return [];
  if (t.kind === "summary" || t.kind === "fiscal_summary") return [...subItemIdentities(t)];
  return [...subItemIdentities(t), ...topOrdinalIdentities(t), ...groupIdentities(t), ...labelDepthIdentities(t)];
}

/**
 * Tables whose rows nest by the label column they print in (政府采购: 采购品目大类 › 专项名称 ›
 * 经济科目 › 采购物品名称): a row = Σ the rows of the next deeper level under it, up to the next
 * row as shallow as itself. A row's depth is the deepest label column in which a cell of its own starts.
 */
function labelDepthIdentities(t: TableCells): Identity[] {
  const layout = t.source.layout;
  const labels = layout.columns.filter((c) => c.role.role === "name").map((c) => c.index);
  if (labels.length < 2 || t.records.some((r) => r.code)) return [];
  // A row under a merged label (物业管理服务 bought two ways, one row each) is as deep as that label.
  const depthOf = (r: TableRecord) => {
    let own = -1, covered = -1;
    labels.forEach((col, i) => {
      const cell = layout.refs[r.row]?.[col];
      if (!cell || !cell.text.trim() || cell.col !== col) return;
      if (cell.row === r.row) own = i; else covered = i;
    });
    return own >= 0 ? own : covered;
  };
  const out: Identity[] = [];
  for (const panel of new Set(t.records.map((r) => r.panel))) {
    const rows = t.records.filter((r) => r.panel === panel);
    const depth = rows.map(depthOf);
    rows.forEach((parent, i) => {
      const own = depth[i]!;
      if (own < 0 || GRAND.test(parent.name.replace(/\s+/g, "")) || !parent.amounts.length) return;
      let end = i + 1;
      while (end < rows.length && depth[end]! > own) end++;
      const below = depth.slice(i + 1, end);
      if (!below.length) return;
      const next = Math.min(...below);
      const children = rows.slice(i + 1, end).filter((_, k) => below[k] === next);
      out.push(...sums(t, "nested_rows_sum", `${t.title}: ${parent.name} = Σ the rows under it`, parent, children));
    });
  }
  return out;
}

/** The numbering style of a row label (一、 / 1、 / (1) / （一）), or null. */
function styleOf(name: string): string | null {
  for (const [style, re] of STYLES) if (re.test(name)) return style;
  return null;
}
const STYLES: Array<[string, RegExp]> = [["一、", /^[一二三四五六七八九十]+、/], ["1、", /^\d+[、.．]/], ["(1)", /^[（(]\d+[)）]/], ["(一)", /^[（(][一二三四五六七八九十]+[)）]/]];

/**
 * A numbered row = Σ the rows numbered one level under it: 一、财政拨款 = 1、… + 2、…, and
 * 1、财政拨款 = (1)… + (2)…; the level under a row is the style of the first numbered row after it.
 */
function subItemIdentities(t: TableCells): Identity[] {
  const out: Identity[] = [];
  for (const panel of new Set(t.records.map((r) => r.panel))) {
    const rows = t.records.filter((r) => r.panel === panel && r.name);
    // Levels by first appearance: the outermost numbering comes first.
    const depth = new Map<string, number>();
    for (const r of rows) { const s = styleOf(r.name); if (s && !depth.has(s)) depth.set(s, depth.size); }
    rows.forEach((parent, i) => {
      const own = styleOf(parent.name);
      if (!own) return;
      const children: TableRecord[] = [];
      for (const r of rows.slice(i + 1)) {
        if (SUM_LABEL.test(r.name)) break;
        if (OF_WHICH.test(r.name)) continue;
        const style = styleOf(r.name);
        if (!style) { children.length = 0; break; } // an unnumbered row among them: not a numbered list
        if (depth.get(style)! <= depth.get(own)!) break;
        if (depth.get(style) === depth.get(own)! + 1) children.push(r);
      }
      if (children.length) out.push(...sums(t, "numbered_items_sum", `${t.title}: ${parent.name} = Σ its numbered items`, parent, children));
    });
  }
  return out;
}

/** The 合计 of a table without codes = Σ its 一、二、… rows. */
function topOrdinalIdentities(t: TableCells): Identity[] {
  if (t.records.some((r) => r.code)) return [];
  const out: Identity[] = [];
  for (const panel of new Set(t.records.map((r) => r.panel))) {
    const rows = t.records.filter((r) => r.panel === panel);
    const total = rows.find((r) => GRAND.test(r.name));
    const top = rows.filter((r) => TOP.test(r.name));
    if (total && top.length >= 2) out.push(...sums(t, "total_equals_numbered_items", `${t.title}: ${total.name} = Σ 一、二、… rows`, total, top));
  }
  return out;
}

/** Rows under one merged label cell in the first label column: the group's 小计 = Σ the others; 总计 = Σ the groups. */
function groupIdentities(t: TableCells): Identity[] {
  const layout = t.source.layout;
  const labels = layout.columns.filter((c) => c.role.role === "name");
  if (labels.length < 2 || t.records.some((r) => r.code)) return [];
  const outer = labels[0]!.index, inner = labels[1]!.index;
  const groups = new Map<Cell, TableRecord[]>();
  for (const r of t.records) {
    const cell = layout.refs[r.row]?.[outer];
    if (cell && cell !== layout.refs[r.row]?.[inner]) groups.set(cell, [...(groups.get(cell) ?? []), r]);
  }
  const out: Identity[] = [];
  const subtotals: TableRecord[] = [];
  for (const rows of groups.values()) {
    const sub = rows.find((r) => /(小计|合计)$/.test(layout.refs[r.row]?.[inner]?.text.replace(/\s+/g, "") ?? ""));
    if (!sub) continue;
    subtotals.push(sub);
    const parts = rows.filter((r) => r !== sub && !OF_WHICH.test(layout.refs[r.row]?.[inner]?.text ?? ""));
    if (parts.length) out.push(...sums(t, "group_subtotal_equals_items", `${t.title}: ${sub.name} = Σ its group's rows`, sub, parts));
  }
  const total = t.records.find((r) => GRAND.test(r.name.replace(/\s+/g, "")) || /^(收入|支出)?总计$/.test(r.name));
  if (total && subtotals.length >= 2) out.push(...sums(t, "total_equals_group_subtotals", `${t.title}: ${total.name} = Σ groups' 小计`, total, subtotals));
  return out;
}
