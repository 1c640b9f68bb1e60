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
import { amountValue, blankValue, type TableCells } from "./document-cells.ts";
import type { CellValue, Identity } from "./identity.ts";

const FUNCTIONAL_OR_ECONOMIC = /^\d{3}(\d{2}){0,2}$/;

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

function hierarchyIdentities(t: TableCells): Identity[] {
  const out: Identity[] = [];
  const panels = new Set(t.records.map((r) => r.panel));
  for (const panel of panels) {
    const coded = t.records.filter((r) => r.panel === panel && FUNCTIONAL_OR_ECONOMIC.test(r.code));
    const byCode = new Map<string, TableRecord>();
    for (const r of coded) if (!byCode.has(r.code)) byCode.set(r.code, r);
    for (const parent of byCode.values()) {
      const children = [...byCode.values()].filter((c) => c.code.length === parent.code.length + 2 && c.code.startsWith(parent.code));
      if (!children.length) continue;
      for (const col of amountColumnsOfPanel(t, panel)) {
        const total = valueAt(t, parent, col);
        const parts = children.map((c) => valueAt(t, c, col));
        if (total.blank && parts.every((p) => p.blank)) continue;
        out.push({ rule: "parent_equals_children", description: `${t.title}: ${parent.code} = Σ its children`, total, parts });
      }
    }
  }
  return out;
}

function totalIdentities(t: TableCells): Identity[] {
  const out: Identity[] = [];
  const panels = new Set(t.records.map((r) => r.panel));
  for (const panel of panels) {
    const inPanel = t.records.filter((r) => r.panel === panel);
    const coded = inPanel.filter((r) => FUNCTIONAL_OR_ECONOMIC.test(r.code));
    if (!coded.length) continue;
    const topLength = Math.min(...coded.map((r) => r.code.length));
    const top = dedupeByCode(coded.filter((r) => r.code.length === topLength));
    const totals = inPanel.filter((r) => !r.code && SUM_LABEL.test(r.name));
    for (const total of totals.slice(0, 1)) {
      for (const col of amountColumnsOfPanel(t, panel)) {
        const tv = valueAt(t, total, col);
        const parts = top.map((r) => valueAt(t, r, col));
        if (tv.blank && parts.every((p) => p.blank)) continue;
        out.push({ rule: "total_equals_top_level", description: `${t.title}: ${total.name} = Σ ${topLength === 3 ? "类" : "top-level rows"}`, total: tv, parts });
      }
    }
  }
  return out;
}

const dedupeByCode = (rs: TableRecord[]) => [...new Map(rs.map((r) => [r.code, r] as const)).values()];

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
  const parts = node.children.map(valueColumns);
  return parts.every((p) => p) ? parts.flat() as Column[] : null;
}

function treeTemplates(node: HeaderNode, out: Array<{ total: Column; parts: Column[] }>) {
  const total = node.children.find((c) => c.column && TOTAL_LIKE.test(c.label));
  const others = node.children.filter((c) => c !== total);
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
