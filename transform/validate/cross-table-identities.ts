// Identities between the tables of one document:
// - the 类 of the expenditure table = the summary's numbered expenditure items (by name);
// - the 类 of the 一般公共预算 table = the 一般公共预算 column of the fiscal summary (by name);
// - the basic-expenditure table's total = the 基本支出 of the 一般公共预算 table's 合计;
// - the expenditure table's 合计 = the summary's 本年支出合计.
import { SUM_LABEL } from "../text.ts";
import { amountValue, measureValue, type TableCells } from "./document-cells.ts";
import type { CellValue, Identity } from "./identity.ts";

const ORDINAL = /^[一二三四五六七八九十]+、/;
const stripOrdinal = (s: string) => s.replace(ORDINAL, "");


const totalRow = (t: TableCells) => t.records.find((r) => !r.code && SUM_LABEL.test(r.name) && !/人员经费|公用经费/.test(r.name));

/** Numbered rows of a summary's expenditure side (panels after the first), by name without ordinal. */
function expenditureItems(summary: TableCells, columnMatch?: RegExp): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  for (const r of summary.records.filter((x) => x.panel > 0 && ORDINAL.test(x.name))) {
    const a = columnMatch ? r.amounts.find((x) => x.column.header.some((h) => columnMatch.test(h))) : r.amounts[0];
    if (a) out.set(stripOrdinal(r.name), amountValue(summary, r, a));
  }
  return out;
}

function byNameIdentities(rule: string, description: string, table: TableCells, items: Map<string, CellValue>): Identity[] {
  const out: Identity[] = [];
  for (const rec of table.records.filter((r) => r.code.length === 3)) {
    const other = items.get(rec.name);
    const mine = measureValue(table, rec, "total");
    if (other && mine) out.push({ rule, description: `${description}: ${rec.code} ${rec.name}`, total: mine, parts: [other] });
  }
  return out;
}

export function crossTableIdentities(tables: TableCells[]): Identity[] {
  // The first table of the kind that prints figures: a table of contents can carry a kind's title with no rows.
  const first = (kind: TableCells["kind"]) => tables.find((t) => t.kind === kind && t.records.some((r) => r.amounts.length > 0));
  const summary = first("summary"), fiscal = first("fiscal_summary"), expenditure = first("expenditure");
  const general = first("general_by_function"), basic = first("basic_by_economic");
  const out: Identity[] = [];
  if (summary && expenditure) out.push(...byNameIdentities("expenditure_matches_summary", "支出表 类 = 收支总表 item", expenditure, expenditureItems(summary)));
  if (fiscal && general) out.push(...byNameIdentities("general_budget_matches_fiscal_summary", "一般公共预算支出表 类 = 财政拨款收支总表 一般公共预算 column", general, expenditureItems(fiscal, /一般公共预算/)));
  if (basic && general) {
    const gTotal = totalRow(general);
    const gBasic = gTotal ? measureValue(general, gTotal, "basic") : null;
    const bTotal = totalRow(basic);
    const footers = basic.records.filter((r) => !r.code && /^(人员经费|公用经费)合计$/.test(r.name));
    const parts = bTotal ? [measureValue(basic, bTotal, "total")] : footers.map((r) => (r.amounts[0] ? amountValue(basic, r, r.amounts[0]) : null));
    if (gBasic && parts.length && parts.every((p) => p)) {
      out.push({ rule: "basic_matches_general_budget", description: "一般公共预算基本支出表 合计 = 一般公共预算支出表 基本支出 合计", total: gBasic, parts: parts as CellValue[] });
    }
  }
  if (basic) {
    // The split of basic expenditure into 人员经费 / 公用经费 printed by the economic table is the one the
    // functional tables print: always for the 一般公共预算 table (same fund), for the all-funds table when its
    // basic total is the economic table's (all basic expenditure is general public budget).
    const split = (measure: "personnel" | "public") => {
      const total = totalRow(basic);
      const footer = basic.records.find((r) => !r.code && new RegExp(`^${measure === "personnel" ? "人员经费" : "公用经费"}合计$`).test(r.name));
      return (total ? measureValue(basic, total, measure) : null) ?? (footer?.amounts[0] ? amountValue(basic, footer, footer.amounts[0]) : null);
    };
    const basicTotal = totalRow(basic) ? measureValue(basic, totalRow(basic), "total") : null;
    for (const [table, needsSameTotal] of [[general, false], [expenditure, true]] as const) {
      const row = table ? totalRow(table) : undefined;
      if (!table || !row) continue;
      const tableBasic = measureValue(table, row, "basic");
      if (needsSameTotal && !(tableBasic && basicTotal && tableBasic.value === basicTotal.value)) continue;
      for (const measure of ["personnel", "public"] as const) {
        const mine = measureValue(table, row, measure), theirs = split(measure);
        if (mine && theirs) out.push({ rule: "basic_split_matches_economic", description: `${table.title} 合计 ${measure === "personnel" ? "人员经费" : "公用经费"} = 一般公共预算基本支出表's`, total: mine, parts: [theirs] });
      }
    }
  }
  if (summary && expenditure) {
    const sub = summary.records.find((r) => r.panel > 0 && /^本年支出合计$/.test(r.name));
    const eTotal = totalRow(expenditure);
    const subValue = sub?.amounts[0] ? amountValue(summary, sub, sub.amounts[0]) : null;
    const eValue = eTotal ? measureValue(expenditure, eTotal, "total") : null;
    if (subValue && eValue) out.push({ rule: "expenditure_total_matches_summary", description: "支出表 合计 = 收支总表 本年支出合计", total: eValue, parts: [subValue] });
  }
  return out;
}
