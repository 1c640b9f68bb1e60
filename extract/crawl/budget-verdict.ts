// Whether a fetched file is a budget document, from what its extraction found: it holds a
// standard table (a table kind of the department budget / final accounts), or it is a 预算/决算
// disclosure by its title and its content (the text names the year and the phase) though no
// standard table was recognised. Anything else — a recruitment post table, a procurement
// notice, a budget-preparation circular whose title holds 预算 — is not loaded; the file stays
// in the raw store, recorded as not_budget with the reason. Pure; its input kept small.

export interface BudgetVerdictInput {
  /** The kind of each table recognised in the document (null: a table of no standard kind). */
  tableKinds: readonly (string | null)[];
  /** What the document is called where it was found: link text, the server's file name, the article heading. */
  titles: readonly string[];
  /** What the extraction read from the document's own text. */
  facts: { phase: "budget" | "final" | null; fiscalYear: number | null; department: string | null };
}

export type BudgetVerdict = { budget: true; reason: string } | { budget: false; reason: string };

/** The tables that make a document a department budget or final accounts by themselves. */
export const CORE_TABLE_KINDS: ReadonlySet<string> = new Set([
  "summary", "income", "expenditure", "fiscal_summary", "general_by_function", "basic_by_economic", "gov_fund", "state_capital", "three_public", "economic_summary",
]);

/** A disclosure of a budget or final accounts: 2023年部门预算公开, 单位决算, 预算信息公开, “三公”经费预算. */
const DISCLOSURE = /(部门|单位|本级|机关|三公.{0,4})(预算|决算)|(预算|决算)(信息)?公开|预决算|(预算|决算)(报告|说明|草案|表)/;
/** Titles of notices that mention 预算 and are not a disclosure of one. */
const NOTICE = /招聘|招考|录用|采购|招标|中标|成交|询价|比选|编制(工作)?(的)?(通知|说明|要求)|做好.{0,12}(预算|决算)|执行情况公告|(通知|公告|公示|意见|办法|规定|细则|会议|培训)$/;

export function budgetVerdict(input: BudgetVerdictInput): BudgetVerdict {
  const core = [...new Set(input.tableKinds.filter((k): k is string => k !== null && CORE_TABLE_KINDS.has(k)))];
  if (core.length > 0) return { budget: true, reason: `holds standard tables: ${core.join(", ")}` };
  const titles = input.titles.map((t) => t.replace(/\s+/g, "")).filter(Boolean);
  const notice = titles.find((t) => NOTICE.test(t));
  const disclosure = titles.find((t) => DISCLOSURE.test(t) && !NOTICE.test(t));
  const tables = input.tableKinds.length;
  const found = tables === 0 ? "no table" : `${tables} table(s), none of a standard kind`;
  if (disclosure && input.facts.phase !== null && input.facts.fiscalYear !== null) {
    return { budget: true, reason: `a ${input.facts.fiscalYear} ${input.facts.phase === "final" ? "决算" : "预算"} disclosure by its title 《${disclosure}》 and its text (${found})` };
  }
  if (notice) return { budget: false, reason: `not a budget document: ${found}, and 《${notice}》 is a notice, not a disclosure` };
  if (disclosure) return { budget: false, reason: `not a budget document: ${found}, and its text names no fiscal year and phase though its title 《${disclosure}》 reads like a disclosure` };
  return { budget: false, reason: `not a budget document: ${found}, and no title names a 预算/决算 disclosure${titles[0] ? ` (《${titles[0]}》)` : ""}` };
}
