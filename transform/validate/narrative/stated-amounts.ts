// Amounts the narrative states for a row or a column of the tables — by kind of expenditure
// (基本支出, 项目支出, 人员经费, 公用经费, the 三公 parts, 机关运行经费), by code (（204类）（06款）（01项）)
// or by the narrative form of names (公共安全支出（类）法院（款）行政运行（项）) — held against the
// cells that print them. A statement may speak of any fund scope (all funds, 一般公共预算, 财政拨款),
// so every cell it could mean is a candidate; only a stated amount that none of them prints is a
// finding. Statements about another year (上年, 2023年 in a 2024 document) and changes
// (增加 / 减少 …万元) are no statements of this year's figures.
import type { AmountUnit, FindingInput as Finding, TableKind } from "../../contract/index.ts";
import { narrativeCode } from "../../normalise-codes.ts";
import { measureFor } from "../../measures.ts";
import { SUM_LABEL } from "../../text.ts";
import { exactAmount } from "../../exact-amount.ts";
import { amountValue, blankValue, type TableCells } from "../document-cells.ts";
import type { CellValue } from "../identity.ts";
import { sentenceCell, statedAmounts, type Sentence, type StatedAmount } from "./sentences.ts";

/** A kind of figure the text names, and the measures (and row labels) of the cells that print it. */
interface Term { name: string; pattern: RegExp; measures: string[]; rows?: RegExp; kinds?: TableKind[] }

const TERMS: Term[] = [
  { name: "基本支出", pattern: /基本支出/g, measures: ["basic"], rows: /^([一二三四五六七八九十]+、)?基本支出$/ },
  { name: "项目支出", pattern: /项目支出/g, measures: ["project"], rows: /^([一二三四五六七八九十]+、)?项目支出$/ },
  { name: "人员经费", pattern: /人员经费/g, measures: ["personnel"], rows: /^人员经费(合计)?$/ },
  { name: "公用经费", pattern: /公用经费/g, measures: ["public"], rows: /^公用经费(合计)?$/ },
  { name: "因公出国（境）费", pattern: /因公出国[（(]境[)）]费?/g, measures: ["overseas"], rows: /因公出国/, kinds: ["three_public"] },
  { name: "公务接待费", pattern: /公务接待费/g, measures: ["reception"], rows: /公务接待/, kinds: ["three_public"] },
  { name: "公务用车购置费", pattern: /公务用车购置费/g, measures: ["vehicle_purchase"], rows: /公务用车购置费/, kinds: ["three_public"] },
  { name: "公务用车运行维护费", pattern: /公务用车运行(维护)?费/g, measures: ["vehicle_operation"], rows: /公务用车运行/, kinds: ["three_public"] },
  { name: "公务用车购置及运行维护费", pattern: /公务用车购置及运行(维护)?费/g, measures: ["vehicle"], rows: /公务用车购置及运行/, kinds: ["three_public"] },
];

/** Between a term and its amount: words that say which figure, not another figure (支出, 预算, 为, 安排 …). */
const FILLER = /^(?:[（(][^）)]{0,12}[)）])?(?:支出|经费|财政拨款|一般公共预算|预算|决算|年初预算|预算数|决算数|数|合计|共|共计|总额|安排|为|是|列支|[:：])*$/;
const MAX_FILLER = 14;
/** A clause about another year, or a change: its amount is not this year's figure. */
const OTHER_TIME = /上年|去年|上一年|同比|比|较|增加|减少|增长|下降|上升|降低|结转|结余/;
const CODE_FORM = /[（(](\d{3})类[)）](?:[^（(，。；]{0,20}[（(](\d{2})款[)）])?(?:[^（(，。；]{0,20}[（(](\d{2})项[)）])?/g;
const NAME_FORM = /([\u4e00-\u9fa5、]{2,24}[（(]类[)）](?:[\u4e00-\u9fa5、]{2,24}[（(]款[)）])?(?:[\u4e00-\u9fa5、]{2,24}[（(]项[)）])?)/g;
const CODED_KINDS = new Set<TableKind>(["general_by_function", "expenditure", "gov_fund", "state_capital", "fiscal_summary"]);

export function statedAmountFindings(tables: readonly TableCells[], all: readonly Sentence[], fiscalYear: number | null): Finding[] {
  const out: Finding[] = [];
  const year = fiscalYear ? String(fiscalYear) : null;
  const rowsByName = namedRows(tables);
  for (const s of all) {
    const amounts = statedAmounts(s.text);
    if (!amounts.length) continue;
    const statements: Array<{ what: string; amount: StatedAmount; candidates: CellValue[] }> = [];
    for (const term of TERMS) {
      for (const m of s.text.matchAll(term.pattern)) {
        const amount = followingAmount(s.text, amounts, m.index! + m[0].length);
        if (!amount || otherTime(s.text, m.index!, year)) continue;
        statements.push({ what: term.name, amount, candidates: termCells(tables, term) });
      }
    }
    for (const m of s.text.matchAll(CODE_FORM)) {
      const code = m[1]! + (m[2] ?? "") + (m[2] && m[3] ? m[3] : "");
      const amount = followingAmount(s.text, amounts, m.index! + m[0].length, 40);
      if (amount && !otherTime(s.text, m.index!, year)) statements.push({ what: `（${code}）`, amount, candidates: codeCells(tables, code) });
    }
    if (fiscalYear) for (const m of s.text.matchAll(NAME_FORM)) {
      const code = narrativeCode(m[1]!, fiscalYear);
      const amount = code ? followingAmount(s.text, amounts, m.index! + m[0].length) : null;
      if (code && amount && !otherTime(s.text, m.index!, year)) statements.push({ what: `${m[1]}（${code}）`, amount, candidates: codeCells(tables, code) });
    }
    // By a row's name (住房公积金 安排201.50万元): every cell of the rows of that name.
    for (const [name, cells] of rowsByName) {
      for (let at = s.text.indexOf(name); at >= 0; at = s.text.indexOf(name, at + 1)) {
        // Part of a longer name (人大事务 in 其他人大事务): not this row.
        if (at > 0 && HAN.test(s.text[at - 1]!) && !NAME_START.test(s.text[at - 1]!)) continue;
        const amount = followingAmount(s.text, amounts, at + name.length);
        if (!amount || otherTime(s.text, at, year) || statements.some((x) => x.amount === amount)) continue;
        statements.push({ what: name, amount, candidates: cells });
      }
    }
    for (const st of statements) {
      if (!st.candidates.length) continue;
      const stated = exactAmount(st.amount.printed, st.amount.unit).value;
      const unitDigit = exactAmount(lastDigit(st.amount.printed), st.amount.unit).value;
      if (st.candidates.some((c) => { const d = c.value - stated; const tol = unitDigit > c.lastDigit ? unitDigit : c.lastDigit; return (d < 0n ? -d : d) <= tol; })) continue;
      const printed = [...new Set(st.candidates.map((c) => `${c.cell.printed} ${c.unit}`))].slice(0, 4).join(", ");
      out.push({
        rule: "narrative_states_table", severity: "error",
        message: `the text states ${st.what} ${st.amount.printed}${st.amount.unit}, but no table cell it could mean prints that (${printed})`,
        expected: st.candidates[0]!.cell.printed, actual: st.amount.printed,
        cells: [sentenceCell(s, st.amount.printed, st.amount.unit), ...st.candidates.slice(0, 6).map((c) => c.cell)],
      });
    }
  }
  return out;
}

/** The amount right after a term, with only words that qualify the figure between them. */
function followingAmount(text: string, amounts: StatedAmount[], from: number, maxFiller = MAX_FILLER): StatedAmount | null {
  const next = amounts.find((a) => a.at >= from);
  if (!next || next.at - from > maxFiller) return null;
  const between = text.slice(from, next.at);
  return maxFiller > MAX_FILLER || FILLER.test(between) ? next : null;
}

/** Is the clause (since the last ，) about another year or a change? */
function otherTime(text: string, at: number, year: string | null): boolean {
  const start = Math.max(text.lastIndexOf("，", at), text.lastIndexOf(",", at), text.lastIndexOf("：", at));
  const clause = text.slice(start + 1, text.indexOf("，", at) < 0 ? text.length : text.indexOf("，", at));
  const years = [...clause.matchAll(/(\d{4})年/g)].map((m) => m[1]);
  return OTHER_TIME.test(clause) || years.some((y) => y !== year);
}

const lastDigit = (printed: string) => (printed.includes(".") ? `0.${"0".repeat(printed.split(".")[1]!.length - 1)}1` : "1");

/** Every cell a term could mean: the total rows' cells of its measures, and rows named like it. */
function termCells(tables: readonly TableCells[], term: Term): CellValue[] {
  const out: CellValue[] = [];
  for (const t of tables) {
    if (term.kinds && !term.kinds.includes(t.kind)) continue;
    const siblings = t.source.layout.columns.filter((c) => c.role.role === "amount").map((c) => c.header);
    for (const rec of t.records) {
      const totalRow = !rec.code && SUM_LABEL.test(rec.name);
      const named = term.rows?.test(rec.name) ?? false;
      // A blank cell is a figure of 0 (决算 tables leave unspent lines blank).
      for (const col of t.source.layout.columns.filter((c) => c.role.role === "amount" && t.panelOf.get(c.index) === rec.panel)) {
        const m = measureFor(t.kind, col.header, siblings);
        if (!((totalRow && term.measures.includes(m)) || named || (t.kind === "three_public" && term.measures.includes(m)))) continue;
        const a = rec.amounts.find((x) => x.column.index === col.index);
        out.push(a ? amountValue(t, rec, a) : blankValue(t, rec, col.index, col.header.join("/")));
      }
    }
  }
  return out;
}

const HAN = /\p{Script=Han}/u;
/** Characters a name may follow: a list's or a clause's start (、 is no Han character; 是 为 对 用于 are words before a name). */
const NAME_START = /[是为对于即的和及与]/;

/**
 * Names of the most specific coded rows (项 of the functional classification, 款 of the economic)
 * long enough to mean one thing (行政运行 and 其他支出 are everywhere), each with every cell of its
 * rows. A parent's name (商品和服务支出) may be stated summed over funds no table prints.
 */
const MIN_ROW_NAME = 4;
const LEAF_CODE = /^(\d{7}|[35]\d{4})$/;
function namedRows(tables: readonly TableCells[]): Map<string, CellValue[]> {
  const out = new Map<string, CellValue[]>();
  for (const t of tables) for (const r of t.records) {
    const name = r.name.replace(/\s+/g, "").replace(/^[一二三四五六七八九十\d]+[、.．]/, "");
    if (!LEAF_CODE.test(r.code) || name.length < MIN_ROW_NAME || /^其他/.test(name)) continue;
    out.set(name, [...(out.get(name) ?? []), ...r.amounts.map((a) => amountValue(t, r, a))]);
  }
  // Longest names first: a statement is matched by the most specific name.
  return new Map([...out].sort((a, b) => b[0].length - a[0].length));
}

/** Every cell a functional code prints in the tables of functional codes. */
function codeCells(tables: readonly TableCells[], code: string): CellValue[] {
  return tables.filter((t) => CODED_KINDS.has(t.kind)).flatMap((t) => t.records.filter((r) => r.code === code).flatMap((r) => r.amounts.map((a) => amountValue(t, r, a))));
}

export type { AmountUnit };
