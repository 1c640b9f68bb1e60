// Identities of the summary tables (收支总表, 财政拨款收支总表):
// - 收入总计 = 支出总计;
// - on each side, 本年收入合计 / 本年支出合计 = Σ its numbered items (一、二、…);
// - 总计 = 本年合计 + the rows printed between them (上年结转, 年末结转和结余 …).
import type { TableRecord } from "../table-records.ts";
import { amountValue, type TableCells } from "./document-cells.ts";
import type { CellValue, Identity } from "./identity.ts";

const NUMBERED_ITEM = /^[一二三四五六七八九十]+、/;
const SUBTOTAL = /^(本年|当年)(收入|支出)?(合计|小计)$/;
const GRAND_TOTAL = /^(收入|支出)?总计$|^(收入|支出)合计$/;

/** The first amount a record prints: summary panels have one amount column, or 合计 first. */
function firstAmount(t: TableCells, rec: TableRecord): CellValue | null {
  const a = rec.amounts[0];
  return a ? amountValue(t, rec, a) : null;
}

/** A row's amount from whichever panel holds it (a label spanning panels leaves its amount in the last one). */
function rowAmount(t: TableCells, rec: TableRecord): CellValue | null {
  return firstAmount(t, rec) ?? (() => {
    const other = t.records.find((r) => r.row === rec.row && r.name === rec.name && r.amounts.length);
    return other ? firstAmount(t, other) : null;
  })();
}

export function summaryIdentities(t: TableCells): Identity[] {
  if (t.kind !== "summary" && t.kind !== "fiscal_summary") return [];
  const out: Identity[] = [];
  const panels = [...new Set(t.records.map((r) => r.panel))].sort((a, b) => a - b);
  const grandTotals: CellValue[] = [];
  for (const p of panels) {
    const rows = t.records.filter((r) => r.panel === p);
    const subtotalIdx = rows.findIndex((r) => SUBTOTAL.test(r.name));
    const grandIdx = rows.findIndex((r) => GRAND_TOTAL.test(r.name));
    if (subtotalIdx >= 0) {
      const items = rows.slice(0, subtotalIdx).filter((r) => NUMBERED_ITEM.test(r.name));
      const total = rowAmount(t, rows[subtotalIdx]!);
      const parts = items.map((r) => firstAmount(t, r)).filter((v): v is CellValue => v !== null);
      if (total && parts.length) out.push({ rule: "summary_subtotal_equals_items", description: `${t.title}: ${rows[subtotalIdx]!.name} = Σ numbered items`, total, parts });
      if (grandIdx > subtotalIdx) {
        const grand = rowAmount(t, rows[grandIdx]!);
        // Sub-items of a balance (一、一般公共预算财政拨款 under 年初结转和结余) are not added again.
        const between = rows.slice(subtotalIdx + 1, grandIdx).filter((r) => !NUMBERED_ITEM.test(r.name))
          .map((r) => firstAmount(t, r)).filter((v): v is CellValue => v !== null);
        const sub = rowAmount(t, rows[subtotalIdx]!);
        if (grand && sub) out.push({ rule: "summary_grand_total", description: `${t.title}: ${rows[grandIdx]!.name} = ${rows[subtotalIdx]!.name} + carried balances`, total: grand, parts: [sub, ...between] });
      }
    }
    if (subtotalIdx < 0 && grandIdx > 0) {
      // No 本年合计 row: the 收入合计 / 支出合计 is the sum of the numbered items above it.
      const total = rowAmount(t, rows[grandIdx]!);
      const parts = rows.slice(0, grandIdx).filter((r) => NUMBERED_ITEM.test(r.name)).map((r) => firstAmount(t, r)).filter((v): v is CellValue => v !== null);
      if (total && parts.length) out.push({ rule: "summary_total_equals_items", description: `${t.title}: ${rows[grandIdx]!.name} = Σ numbered items`, total, parts });
    }
    if (grandIdx >= 0) {
      const g = rowAmount(t, rows[grandIdx]!);
      if (g && !grandTotals.some((x) => x.key === g.key)) grandTotals.push(g);
    }
  }
  if (grandTotals.length >= 2) {
    out.push({ rule: "income_equals_expenditure", description: `${t.title}: 收入总计 = 支出总计`, total: grandTotals[0]!, parts: [grandTotals[1]!] });
  }
  return out;
}
