// The narrative against the tables: key figures the text repeats (“收入支出总计
// 2995.39万元”, “一般公共服务支出（类）2106.66万元”) must equal the table cells;
// the fiscal year in the headings must be the document's; no template placeholders
// (“XX局”) may be left.
import type { AmountUnit } from "../contract/index.ts";
import type { TableRecord } from "../table-records.ts";
import { amountValue, blankValue, measureValue, type TableCells } from "./document-cells.ts";
import { cellValue, type CellValue, type Identity } from "./identity.ts";
import type { FindingInput as Finding } from "../contract/index.ts";

export type { PageText } from "../../extract/reader-output.ts";
import type { PageText } from "../../extract/reader-output.ts";

const NUM = "(\\d[\\d,]*(?:\\.\\d+)?)(万元|元)";

/** A phrase of the narrative and the table cell it states. */
interface FigureRule {
  name: string;
  pattern: RegExp;
  cell: (tables: TableCells[], match: RegExpMatchArray) => CellValue | null;
}

const first = (tables: TableCells[], kind: TableCells["kind"]) => tables.find((t) => t.kind === kind);
const rowNamed = (t: TableCells | undefined, re: RegExp, panel?: (p: number) => boolean) =>
  t?.records.find((r) => re.test(r.name) && r.amounts.length && (!panel || panel(r.panel)));
const firstValue = (t: TableCells | undefined, r: TableRecord | undefined) => (t && r?.amounts[0] ? amountValue(t, r, r.amounts[0]) : null);


/** The 三公 table's 合计 in the column of one version (预算数 / 决算数); blank counts 0. */
function threePublicTotal(tables: TableCells[], version: RegExp): CellValue | null {
  const t = first(tables, "three_public");
  if (!t) return null;
  // A 三公 table printed with every cell blank has no record: its first body row stands for it.
  const rec = t.records[0] ?? { panel: 0, row: t.source.layout.bodyStart, code: "", name: "合计", amounts: [] };
  const col = t.source.layout.columns.find((c) => c.role.role === "amount" && c.header.some((h) => /合计/.test(h)) && c.header.some((h) => version.test(h)));
  if (!col) return null;
  const a = rec.amounts.find((x) => x.column.index === col.index);
  return a ? amountValue(t, rec, a, "total") : blankValue(t, rec, col.index, col.header.join("/"));
}

const grandTotal = (t: TableCells | undefined, side: "income" | "expenditure") =>
  firstValue(t, rowNamed(t, /^(收入|支出)?总计$/, (p) => (side === "income" ? p === 0 : p > 0)));

const FIGURES: FigureRule[] = [
  { name: "收入支出总计", pattern: new RegExp(`(?<!拨款)收入支出总计(?:为)?${NUM}`, "g"), cell: (ts) => grandTotal(first(ts, "summary"), "income") },
  { name: "收入总计", pattern: new RegExp(`(?<!拨款|支出)收入总计(?:为)?${NUM}`, "g"), cell: (ts) => grandTotal(first(ts, "summary"), "income") },
  { name: "支出总计", pattern: new RegExp(`(?<!拨款|收入)支出总计(?:为)?${NUM}`, "g"), cell: (ts) => grandTotal(first(ts, "summary"), "expenditure") },
  { name: "本年收入合计", pattern: new RegExp(`本年收入合计(?:为)?${NUM}`, "g"), cell: (ts) => firstValue(first(ts, "summary"), rowNamed(first(ts, "summary"), /^本年收入合计$/)) },
  { name: "本年支出合计", pattern: new RegExp(`本年支出合计(?:为)?${NUM}`, "g"), cell: (ts) => firstValue(first(ts, "summary"), rowNamed(first(ts, "summary"), /^本年支出合计$/)) },
  { name: "财政拨款收入支出总计", pattern: new RegExp(`财政拨款收入支出总计(?:为)?${NUM}`, "g"), cell: (ts) => grandTotal(first(ts, "fiscal_summary"), "income") },
  {
    name: "“三公”经费", pattern: new RegExp(`[“"]三公[”"]经费(?:财政拨款)?(?:预算数|决算数|支出)?(?:为)?${NUM}`, "g"),
    cell: (ts) => { const t = first(ts, "three_public"); return measureValue(t, t?.records[0], "total"); },
  },
  {
    name: "“三公”经费年初预算", pattern: new RegExp(`[“"]三公[”"]经费(?:财政拨款)?支出年初预算(?:数)?为${NUM}`, "g"),
    cell: (ts) => threePublicTotal(ts, /预算数/),
  },
  {
    name: "“三公”经费支出决算", pattern: new RegExp(`[“"]三公[”"]经费(?:财政拨款)?支出年初预算(?:数)?为[\\d,.]+万?元，支出决算(?:数)?为${NUM}`, "g"),
    cell: (ts) => threePublicTotal(ts, /决算数/),
  },
];

/** Identities "narrative figure = table cell" for every figure the text states. */
export function narrativeIdentities(tables: TableCells[], pages: PageText[]): Identity[] {
  const out: Identity[] = [];
  for (const { page, text } of pages) {
    const compact = text.replace(/\s+/g, "");
    for (const rule of FIGURES) {
      for (const m of compact.matchAll(rule.pattern)) {
        const tableCell = rule.cell(tables, m);
        if (!tableCell) continue;
        const [printed, unit] = [m[m.length - 2]!.replace(/,/g, ""), m[m.length - 1] as AmountUnit];
        const phrase = m[0].slice(0, 40);
        const stated = cellValue(`narrative:${page}:${m.index}`, { table: "narrative", label: phrase, printed, unit, page, bbox: null }, unit, printed);
        out.push({ rule: "narrative_matches_table", description: `the text states ${rule.name}`, total: stated, parts: [tableCell] });
      }
    }
  }
  return out;
}

const PLACEHOLDER = /[XＸ×]{2,}(局|部门|单位|委员会|办公室|中心)|某某/;

/** Headings naming another fiscal year, and template placeholders left in the text. */
export function narrativeWarnings(pages: PageText[], fiscalYear: number | null, department: string | null): Finding[] {
  const out: Finding[] = [];
  for (const { page, text } of pages) {
    const compact = text.replace(/\s+/g, "");
    if (fiscalYear) {
      const heading = new RegExp(`(第[一二三四五六]部分|${escape(department ?? "\u0000")})(\\d{4})年度?(部门|单位)(预算|决算)`, "g");
      for (const m of compact.matchAll(heading)) {
        if (Number(m[2]) !== fiscalYear) out.push(warning("fiscal_year_consistent", `a heading names fiscal year ${m[2]}, the document is ${fiscalYear}: “${m[0]}”`, String(fiscalYear), m[2]!, page, m[0]));
      }
    }
    for (const m of compact.matchAll(new RegExp(PLACEHOLDER, "g"))) {
      const context = compact.slice(Math.max(0, m.index! - 12), m.index! + m[0].length + 4);
      out.push(warning("no_template_placeholder", `template placeholder left in the text: “${context}”`, null, m[0], page, context));
    }
  }
  return out;
}

function escape(s: string) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

function warning(rule: string, message: string, expected: string | null, actual: string, page: number, label: string): Finding {
  return { rule, severity: "warning", message, expected, actual, cells: [{ table: "narrative", label, printed: actual, unit: "", page, bbox: null }] };
}

