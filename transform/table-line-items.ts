// Records of one recognised table → line items in the golden vocabulary.
import type { AmountUnit, LineItem, TableKind } from "./contract/index.ts";
import { asMeasure, isRowWiseThreePublic, measureFor, meaningfulPath, threePublicRowMeasure } from "./measures.ts";
import type { RecordAmount, TableRecord } from "./table-records.ts";
import type { Column, TableLayout } from "./table-layout.ts";
import { TOTAL_LABEL } from "./text.ts";
import { isBudgetUnitRow } from "./budget-unit-rows.ts";

const ACTUAL = /决算/;
const BUDGET = /预算数|^预算$/;
const PRIOR_YEAR = /上年/;

/**
 * Columns that hold the figure this table reports: in final accounts the actual
 * (决算数) columns, never the budget beside them; the current year, not the prior.
 */
export function reportedColumns(columns: Column[]): Set<number> {
  const amount = columns.filter((c) => c.role.role === "amount");
  const hasActual = amount.some((c) => c.header.some((h) => ACTUAL.test(h)));
  const hasCurrent = amount.some((c) => !c.header.some((h) => PRIOR_YEAR.test(h)));
  return new Set(
    amount
      .filter((c) => !(hasActual && c.header.some((h) => BUDGET.test(h)) && !c.header.some((h) => ACTUAL.test(h))))
      .filter((c) => !(hasCurrent && c.header.some((h) => PRIOR_YEAR.test(h))))
      .map((c) => c.index),
  );
}

/** A line item before verification (transform/verify-items.ts completes it). */
export type DraftLineItem = Omit<LineItem, "verification" | "identities">;

/** Where a table's items come from: its index in the document, its unit and scope. */
export interface TableContext {
  kind: TableKind;
  tableIndex: number;
  unit: AmountUnit | null;
  scope: "department" | "unit";
  budgetUnit: string | null;
}

function item(t: TableContext, code: string, name: string, measure: string, a: RecordAmount): DraftLineItem {
  return {
    table: t.kind, tableIndex: t.tableIndex, code, name, ...asMeasure(measure, meaningfulPath(a.column.header).join("/")), amount: a.printed, unit: t.unit,
    page: a.cell.page, bbox: a.cell.bbox, row: a.cell.row, col: a.cell.col, scope: t.scope, budgetUnit: t.budgetUnit,
  };
}

export function tableLineItems(t: TableContext, layout: TableLayout, records: TableRecord[]): DraftLineItem[] {
  const kind = t.kind;
  const reported = reportedColumns(layout.columns);
  const siblings = layout.columns.filter((c) => c.role.role === "amount").map((c) => c.header);
  if (kind === "summary") return summaryItems(t, records, reported);
  if (kind === "three_public" && isRowWiseThreePublic(records.map((r) => r.name))) return rowWiseThreePublicItems(t, records, reported);

  const codedPanels = new Set(records.filter((r) => r.code).map((r) => r.panel));
  const twoPanel = codedPanels.size > 1;
  const hasCodes = codedPanels.size > 0;
  const measures = columnMeasures(kind, layout, reported, siblings);
  const units = unitSections(kind, records);
  const totals: DraftLineItem[] = [], coded: DraftLineItem[] = [], others: DraftLineItem[] = [];
  for (const rec of records) {
    const amounts = rec.amounts.filter((a) => reported.has(a.column.index));
    const single = records.length === 1 && !rec.code;
    const name = rec.name || (single || !hasCodes ? "合计" : "");
    const isTotal = !rec.code && (single || TOTAL_LABEL.test(name) || /^(人员经费|公用经费)合计$/.test(name));
    // A budget unit's row is that unit's figure, not a classification code's; the rows under it are its
    // own (budgetUnit). The table stays what it is: a department table split by unit is the department's.
    const unit = units.get(rec);
    const context = unit ? { ...t, budgetUnit: unit.name } : t;
    const code = unit?.row === rec ? "" : rec.code;
    for (const a of amounts) {
      let measure = measures.get(a.column.index)!;
      if (twoPanel) {
        // Two-panel basic expenditure: one amount column per side; the footers say personnel / public.
        measure = /人员经费/.test(name) ? "personnel" : /公用经费/.test(name) ? "public" : "total";
      }
      const li = item(context, code, name, measure, a);
      (code ? coded : isTotal ? totals : others).push(li);
    }
  }
  return [...totals, ...coded, ...others];
}

/**
 * What each reported column measures. A panel's one figure column is its total whatever its
 * header (基本支出 in a basic-expenditure table, 金额, 2017年预算数, 收入 | 支出 over the panels of a
 * summary). Of several columns read as a total, the outermost is the total (总计 over 本年收入 ›
 * 合计 over 一般公共预算 › 小计); the others are their group's figure, kept under their header path.
 */
function columnMeasures(kind: TableKind, layout: TableLayout, reported: Set<number>, siblings: string[][]): Map<number, string> {
  const out = new Map<number, string>();
  for (const panel of layout.panels) {
    const mine = panel.columns.filter((c) => reported.has(c.index));
    for (const c of mine) {
      const m = measureFor(kind, c.header, siblings);
      out.set(c.index, mine.length === 1 && asMeasure(m, "").measure === "other" ? "total" : m);
    }
  }
  // Within each panel (a summary's panels each have their own total).
  for (const panel of layout.panels) {
    const totals = panel.columns.filter((c) => reported.has(c.index) && out.get(c.index) === "total");
    if (totals.length < 2 || kind === "three_public") continue;
    // The outermost; of equals, a 合计/总计 before a 小计 (a header read flat), then the leftmost.
    const rank = (c: Column) => meaningfulPath(c.header).length * 2 + (meaningfulPath(c.header).at(-1) === "小计" ? 1 : 0);
    const outer = totals.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    for (const c of totals) if (c !== outer) out.set(c.index, meaningfulPath(c.header).join("/"));
  }
  return out;
}

/** The budget unit each record belongs to: unit rows themselves, and the rows under a unit that is not the table's outermost (the department's own row). */
function unitSections(kind: TableKind, records: TableRecord[]): Map<TableRecord, { row: TableRecord; name: string }> {
  const out = new Map<TableRecord, { row: TableRecord; name: string }>();
  const unitRows = records.filter((r) => isBudgetUnitRow(kind, r));
  if (!unitRows.length) return out;
  const codeOf = (r: TableRecord) => r.unitCode ?? r.code;
  const isOuter = (u: TableRecord) => unitRows.some((v) => v !== u && codeOf(v).startsWith(codeOf(u)));
  let current: TableRecord | null = null;
  for (const r of records) {
    if (unitRows.includes(r)) { current = isOuter(r) ? null : r; out.set(r, { row: r, name: r.name }); continue; }
    // The table's 合计 is nobody's unit.
    if (current && r.panel === current.panel && (r.code || !TOTAL_LABEL.test(r.name))) out.set(r, { row: current, name: current.name });
  }
  return out;
}

const INCOME_TOTAL = [/^(收入)?总计$/, /^收入合计$/, /^合计$/];
const EXPENDITURE_TOTAL = [/^(支出)?总计$/, /^支出合计$/, /^合计$/];

/**
 * Summary (收支总表): income on the first panel, expenditure on the others. The
 * grand totals are the 总计 rows (after 上年结转), else 收入合计 / 支出合计.
 */
function summaryItems(t: TableContext, records: TableRecord[], reported: Set<number>): DraftLineItem[] {
  const out: DraftLineItem[] = [];
  const pick = (panels: TableRecord[], patterns: RegExp[], measure: string) => {
    for (const re of patterns) {
      const rec = panels.find((r) => re.test(r.name) && r.amounts.some((a) => reported.has(a.column.index)));
      if (rec) {
        const a = firstTotalAmount(rec, reported);
        out.push(item(t, "", rec.name, measure, a));
        return;
      }
    }
  };
  pick(records.filter((r) => r.panel === 0), INCOME_TOTAL, "income_total");
  pick(records.filter((r) => r.panel > 0), EXPENDITURE_TOTAL, "expenditure_total");
  return out;
}

/** The amount under 合计 when the row splits its total (合计 | 基本支出 | 项目支出), else the first. */
function firstTotalAmount(rec: TableRecord, reported: Set<number>): RecordAmount {
  const amounts = rec.amounts.filter((a) => reported.has(a.column.index));
  const total = amounts.find((a) => /^(合计|小计|总计)$/.test(meaningfulPath(a.column.header).at(-1) ?? ""));
  return total ?? amounts[0]!;
}

/** Row-wise 三公 table: each expense row's first reported amount (the 合计 column). */
function rowWiseThreePublicItems(t: TableContext, records: TableRecord[], reported: Set<number>): DraftLineItem[] {
  const hasMeetingRows = records.some((r) => /会议费|培训费/.test(r.name));
  const out: DraftLineItem[] = [];
  for (const rec of records) {
    const a = rec.amounts.find((x) => reported.has(x.column.index));
    if (a) out.push(item(t, "", rec.name, threePublicRowMeasure(rec.name, hasMeetingRows), a));
  }
  return out;
}
