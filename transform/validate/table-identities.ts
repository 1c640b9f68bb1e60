// Identities inside one table:
// - hierarchy: a 类 = Σ its 款, a 款 = Σ its 项 (where children are printed);
// - totals: 合计 (or 人员经费合计 / 公用经费合计 of a panel) = Σ the top-level codes;
// - columns: in every row, a 合计/小计 column = Σ its sibling columns
//   (合计 = 基本支出 + 项目支出, 基本支出 小计 = 人员经费 + 公用经费, 三公 合计 = 出国 + 车辆 + 接待 …),
//   read from the flattened header, separately for 预算数 and 决算数 columns.
import { meaningfulPath, versionOf } from "../measures.ts";
import type { Column } from "../table-layout.ts";
import type { TableRecord } from "../table-records.ts";
import { SUM_LABEL } from "../text.ts";
import { isBudgetUnitRow } from "../budget-unit-rows.ts";
import { amountValue, blankValue, type TableCells } from "./document-cells.ts";
import type { CellValue, Identity } from "./identity.ts";

const FUNCTIONAL_OR_ECONOMIC = /^\d{3}(\d{2}){0,2}$/;

/** A classification row (a budget unit's subtotal row, 309 医疗保障局, looks like a 类 but is not one). */
const isClassified = (t: TableCells, r: TableRecord) => FUNCTIONAL_OR_ECONOMIC.test(r.code) && !isBudgetUnitRow(t.kind, r);
const isUnitRow = (t: TableCells, r: TableRecord) => isBudgetUnitRow(t.kind, r);

export function tableIdentities(t: TableCells): Identity[] {
  return [...hierarchyIdentities(t), ...totalIdentities(t), ...columnIdentities(t)];
}

/** Amount of a record in a given grid column, or null when blank. */
function valueAt(t: TableCells, rec: TableRecord, col: Column): CellValue {
  const a = rec.amounts.find((x) => x.column.index === col.index);
  return a ? amountValue(t, rec, a) : blankValue(t, rec, col.index, col.header.join("/"));
}

function amountColumnsOfPanel(t: TableCells, panel: number): Column[] {
  return t.source.layout.panels[panel]?.columns.filter((c) => c.role.role === "amount") ?? [];
}

/**
 * The records of each panel, cut into sections at budget units' rows: a table
 * printed per unit (036 医疗保障局, then 036001 本级 and its codes, 036002 中心 and
 * its codes) repeats codes from one unit to the next.
 */
function sections(t: TableCells): Array<{ panel: number; owner: TableRecord | null; records: TableRecord[] }> {
  const out: Array<{ panel: number; owner: TableRecord | null; records: TableRecord[] }> = [];
  for (const panel of new Set(t.records.map((r) => r.panel))) {
    let cur: { panel: number; owner: TableRecord | null; records: TableRecord[] } = { panel, owner: null, records: [] };
    out.push(cur);
    for (const r of t.records.filter((x) => x.panel === panel)) {
      if (isUnitRow(t, r)) { cur = { panel, owner: r, records: [] }; out.push(cur); }
      else cur.records.push(r);
    }
  }
  return out;
}

const unitCodeOf = (r: TableRecord) => r.unitCode ?? r.code;

function hierarchyIdentities(t: TableCells): Identity[] {
  const out: Identity[] = [];
  for (const { panel, records } of sections(t)) {
    const coded = records.filter((r) => isClassified(t, r));
    const byCode = new Map<string, TableRecord>();
    for (const r of coded) if (!byCode.has(r.code)) byCode.set(r.code, r);
    for (const parent of byCode.values()) {
      const children = [...byCode.values()].filter((c) => c.code.length === parent.code.length + 2 && c.code.startsWith(parent.code));
      if (!children.length) continue;
      out.push(...sumIdentities(t, panel, "parent_equals_children", `${t.title}: ${parent.code} = Σ its children`, parent, children));
    }
  }
  return out;
}

function sumIdentities(t: TableCells, panel: number, rule: string, description: string, total: TableRecord, parts: TableRecord[]): Identity[] {
  const out: Identity[] = [];
  for (const col of amountColumnsOfPanel(t, panel)) {
    const tv = valueAt(t, total, col);
    const pv = parts.map((r) => valueAt(t, r, col));
    if (tv.blank && pv.every((p) => p.blank)) continue;
    out.push({ rule, description, total: tv, parts: pv });
  }
  return out;
}

/** The top-level codes of some records: 类 where printed, else the shortest codes printed. */
function topLevel(t: TableCells, records: TableRecord[]): TableRecord[] {
  const coded = records.filter((r) => isClassified(t, r));
  if (!coded.length) return [];
  const topLength = Math.min(...coded.map((r) => r.code.length));
  return coded.filter((r) => r.code.length === topLength);
}

function totalIdentities(t: TableCells): Identity[] {
  const out: Identity[] = [];
  const parts = sections(t);
  for (const panel of new Set(t.records.map((r) => r.panel))) {
    const inPanel = parts.filter((s) => s.panel === panel);
    const total = t.records.find((r) => r.panel === panel && !r.code && !r.unitCode && SUM_LABEL.test(r.name));
    const units = inPanel.map((s) => s.owner).filter((o): o is TableRecord => o !== null);
    if (units.length) {
      // Units: the table's 合计 = Σ the outermost units; a unit = Σ the units under it, or Σ its own top-level codes.
      const outer = units.filter((u) => !units.some((v) => v !== u && unitCodeOf(u).startsWith(unitCodeOf(v))));
      if (total) out.push(...sumIdentities(t, panel, "total_equals_units", `${t.title}: ${total.name} = Σ units`, total, outer));
      for (const u of units) {
        const inner = units.filter((v) => v !== u && unitCodeOf(v).startsWith(unitCodeOf(u)) && !units.some((w) => w !== v && w !== u && unitCodeOf(v).startsWith(unitCodeOf(w)) && unitCodeOf(w).startsWith(unitCodeOf(u))));
        const own = topLevel(t, inPanel.find((s) => s.owner === u)!.records);
        if (inner.length) out.push(...sumIdentities(t, panel, "unit_equals_units", `${t.title}: ${u.name} = Σ its units`, u, inner));
        else if (own.length) out.push(...sumIdentities(t, panel, "unit_equals_top_level", `${t.title}: ${u.name} = Σ its top-level rows`, u, own));
      }
      continue;
    }
    const top = topLevel(t, inPanel.flatMap((s) => s.records));
    if (total && top.length) out.push(...sumIdentities(t, panel, "total_equals_top_level", `${t.title}: ${total.name} = Σ ${top[0]!.code.length === 3 ? "类" : "top-level rows"}`, total, top));
  }
  return out;
}

const TOTAL_LIKE = /^(合计|小计|总计|本年支出合计|本年收入合计|支出合计|收入合计)$/;

interface HeaderNode { label: string; column: Column | null; children: HeaderNode[] }

/** Header tree of one panel's amount columns of one version (预算数 / 决算数 / none). */
function headerTree(columns: Column[]): HeaderNode {
  const root: HeaderNode = { label: "", column: null, children: [] };
  for (const col of columns) {
    let node = root;
    for (const label of meaningfulPath(col.header)) {
      let child = node.children.find((c) => c.label === label && !c.column);
      if (!child) { child = { label, column: null, children: [] }; node.children.push(child); }
      node = child;
    }
    if (node.column || node.children.length) return root; // ambiguous header: no identities
    node.column = col;
  }
  return root;
}

/** Columns whose sum is the node's figure, or null when the header does not say. */
function valueColumns(node: HeaderNode): Column[] | null {
  if (node.column) return [node.column];
  const total = node.children.find((c) => c.column && TOTAL_LIKE.test(c.label));
  if (total) return [total.column!];
  const parts = node.children.filter((c) => !OF_WHICH.test(c.label)).map(valueColumns);
  return parts.length && parts.every((p) => p) ? parts.flat() as Column[] : null;
}

/** "其中：财政拨款" is a part of the figure beside it, not a term of its sum. */
const OF_WHICH = /^其中/;

function treeTemplates(node: HeaderNode, out: Array<{ total: Column; parts: Column[] }>) {
  // Two totals side by side (合计 | 小计 | 财政拨款收入 …) mean the header's grouping was not read: no identity, never a 小计 as its own part.
  if (node.children.filter((c) => c.column && TOTAL_LIKE.test(c.label)).length > 1) { for (const c of node.children) treeTemplates(c, out); return; }
  const total = node.children.find((c) => c.column && TOTAL_LIKE.test(c.label));
  const others = node.children.filter((c) => c !== total && !OF_WHICH.test(c.label));
  if (total && others.length) {
    const parts = others.map(valueColumns);
    if (parts.every((p) => p)) out.push({ total: total.column!, parts: parts.flat() as Column[] });
  }
  for (const c of node.children) treeTemplates(c, out);
}

function columnIdentities(t: TableCells): Identity[] {
  const out: Identity[] = [];
  t.source.layout.panels.forEach((panel, p) => {
    const amount = panel.columns.filter((c) => c.role.role === "amount");
    const versions = new Map<string, Column[]>();
    for (const c of amount) {
      const v = versionOf(c.header);
      (versions.get(v) ?? versions.set(v, []).get(v)!).push(c);
    }
    const templates: Array<{ total: Column; parts: Column[] }> = [];
    for (const cols of versions.values()) treeTemplates(headerTree(cols), templates);
    if (!templates.length) return;
    for (const rec of t.records.filter((r) => r.panel === p)) {
      for (const tpl of templates) {
        const total = valueAt(t, rec, tpl.total);
        if (total.blank) continue;
        const parts = tpl.parts.map((c) => valueAt(t, rec, c));
        out.push({ rule: "column_total_equals_parts", description: `${t.title}: ${meaningfulPath(tpl.total.header).join("/")} = ${tpl.parts.map((c) => meaningfulPath(c.header).join("/")).join(" + ")}`, total, parts });
      }
    }
  });
  return out;
}
