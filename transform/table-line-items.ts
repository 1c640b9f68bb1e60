// Records of one recognised table → line items in the golden vocabulary.
import type { AmountUnit, LineItem, TableKind } from "./line-item.ts";
import { isRowWiseThreePublic, measureFor, meaningfulPath, threePublicRowMeasure } from "./measures.ts";
import type { RecordAmount, TableRecord } from "./table-records.ts";
import type { Column, TableLayout } from "./table-layout.ts";
import { TOTAL_LABEL } from "./text.ts";

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

function item(kind: TableKind, code: string, name: string, measure: string, a: RecordAmount, unit: AmountUnit): LineItem {
  return {
    table: kind, code, name, measure, amount: a.printed, unit,
    page: a.cell.page, bbox: a.cell.bbox, row: a.cell.row, col: a.cell.col,
  };
}

export function tableLineItems(kind: TableKind, layout: TableLayout, records: TableRecord[], unit: AmountUnit): LineItem[] {
  const reported = reportedColumns(layout.columns);
  const siblings = layout.columns.filter((c) => c.role.role === "amount").map((c) => c.header);
  if (kind === "summary") return summaryItems(records, reported, unit);
  if (kind === "three_public" && isRowWiseThreePublic(records.map((r) => r.name))) return rowWiseThreePublicItems(records, reported, unit);

  const codedPanels = new Set(records.filter((r) => r.code).map((r) => r.panel));
  const twoPanel = codedPanels.size > 1;
  const hasCodes = codedPanels.size > 0;
  const totals: LineItem[] = [], coded: LineItem[] = [], others: LineItem[] = [];
  for (const rec of records) {
    const amounts = rec.amounts.filter((a) => reported.has(a.column.index));
    const single = records.length === 1 && !rec.code;
    const name = rec.name || (single || !hasCodes ? "合计" : "");
    const isTotal = !rec.code && (single || TOTAL_LABEL.test(name) || /^(人员经费|公用经费)合计$/.test(name));
    for (const a of amounts) {
      let measure = measureFor(kind, a.column.header, siblings);
      if (twoPanel) {
        // Two-panel basic expenditure: one amount column per side; the footers say personnel / public.
        measure = /人员经费/.test(name) ? "personnel" : /公用经费/.test(name) ? "public" : "total";
      }
      const li = item(kind, rec.code, name, measure, a, unit);
      (rec.code ? coded : isTotal ? totals : others).push(li);
    }
  }
  return [...totals, ...coded, ...others];
}

const INCOME_TOTAL = [/^(收入)?总计$/, /^收入合计$/, /^合计$/];
const EXPENDITURE_TOTAL = [/^(支出)?总计$/, /^支出合计$/, /^合计$/];

/**
 * Summary (收支总表): income on the first panel, expenditure on the others. The
 * grand totals are the 总计 rows (after 上年结转), else 收入合计 / 支出合计.
 */
function summaryItems(records: TableRecord[], reported: Set<number>, unit: AmountUnit): LineItem[] {
  const out: LineItem[] = [];
  const pick = (panels: TableRecord[], patterns: RegExp[], measure: string) => {
    for (const re of patterns) {
      const rec = panels.find((r) => re.test(r.name) && r.amounts.some((a) => reported.has(a.column.index)));
      if (rec) {
        const a = firstTotalAmount(rec, reported);
        out.push(item("summary", "", rec.name, measure, a, unit));
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
function rowWiseThreePublicItems(records: TableRecord[], reported: Set<number>, unit: AmountUnit): LineItem[] {
  const hasMeetingRows = records.some((r) => /会议费|培训费/.test(r.name));
  const out: LineItem[] = [];
  for (const rec of records) {
    const a = rec.amounts.find((x) => reported.has(x.column.index));
    if (a) out.push(item("three_public", "", rec.name, threePublicRowMeasure(rec.name, hasMeetingRows), a, unit));
  }
  return out;
}
