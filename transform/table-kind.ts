// Which standard table a title names. Order matters: the first rule that
// matches wins, most specific first (a 三公 table's title also says 机关运行经费;
// 一般公共预算基本支出 before 一般公共预算 before plain 支出).
import type { TableKind } from "./line-item.ts";

const RULES: Array<[TableKind, RegExp]> = [
  ["three_public", /三公/],
  ["performance", /绩效/],
  ["procurement", /政府采购/],
  ["operating_costs", /机关运行经费/],
  ["gov_fund", /政府性?基金/],
  ["state_capital", /国有资本经营/],
  ["basic_by_economic", /^(?!.*功能分类).*一般公共预算.*基本支出/],
  ["general_by_function", /^(?!.*经济分类).*一般公共预算.*支出/],
  ["fiscal_summary", /财政拨款.*(收支|收入支出)/],
  ["economic_summary", /经济分类.*汇总|支出经济分类/],
  ["summary", /收支.*(总表|总体情况表)|收入支出.*总表|收支(预算|决算)?表$/],
  ["income", /收入.*表/],
  ["project", /项目支出.*表|项目.*明细表/],
  ["expenditure", /支出.*表/],
];

/** Tables that carry a kind's name but are not it (财政拨款 copies of 一般公共预算 tables). */
const NOT_STANDARD = /^(?!.*一般公共预算).*财政拨款.*(基本)?支出.*表/;

export function tableKindFromTitle(title: string): TableKind | null {
  const t = title.replace(/\s+/g, "");
  // 一般公共预算 tables cut the other way (basic expenditure by function, all expenditure by economic code).
  if (/一般公共预算/.test(t) && !/三公|收支|收入支出/.test(t) && ((/基本支出/.test(t) && /功能分类/.test(t)) || (!/基本支出/.test(t) && /经济分类/.test(t)))) return null;
  for (const [kind, re] of RULES) {
    if (!re.test(t)) continue;
    // 财政拨款支出表 copies of the expenditure tables are not the standard ones; 政府性基金 and 三公 tables keep their kind.
    if ((kind === "expenditure" || kind === "general_by_function" || kind === "basic_by_economic") && NOT_STANDARD.test(t)) return null;
    return kind;
  }
  return null;
}

/** A line that reads as a table title: names a table and is not a sentence of the narrative. */
export function looksLikeTitle(line: string): boolean {
  const t = line.replace(/\s+/g, "");
  return t.length <= 60 && /表(（[^）]*）|\([^)]*\))?$/.test(t) && !/[。；]/.test(t);
}
