// The table kinds, one record each: how a title names it, the header cells that mark it,
// the fund it reports, the classification of its codes, what its columns measure, whether
// the national rules make it a standard table, and the words OCR snaps its titles and
// headers to. The kind enum, the measures, the coverage list, the warehouse views' lists
// and the OCR vocabulary all derive from here: a new kind is one record (and its tests).
import type { Measure } from "./contract/measure.ts";

export const TABLE_KIND_IDS = [
  "summary", "income", "expenditure", "fiscal_summary", "general_by_function", "basic_by_economic",
  "gov_fund", "state_capital", "three_public", "project", "economic_summary", "operating_costs",
  "procurement", "performance",
] as const;
export type TableKindId = (typeof TABLE_KIND_IDS)[number];

/** The money a table reports. */
export type Fund = "all_funds" | "fiscal" | "general_public" | "gov_fund" | "state_capital";

/** [the last meaningful header element, the measure it is], tried in order. */
export type MeasureRule = readonly [RegExp, Measure];

export interface TableKindSpec {
  kind: TableKindId;
  nameZh: string;
  /** Recognition order: the first kind whose title rule matches wins (most specific first). */
  precedence: number;
  /** Matched against the title with white space removed. */
  title: RegExp;
  /** Titles that carry this kind's words but are another table (财政拨款 copies of the 一般公共预算 tables). */
  notTitle?: RegExp;
  /**
   * Header cells (or row labels of tables printed row-wise) that mark this kind's tables:
   * at least `signatureMin` of them found is the kind's signature.
   */
  signature: readonly RegExp[];
  signatureMin: number;
  fund: Fund;
  classification: "functional" | "economic" | null;
  /** The shape its rows are read into. */
  shape: "line_items" | "projects" | "indicators";
  /**
   * Standard tables the national rules (2016) make every document of that phase publish
   * (or publish empty), from that fiscal year on; null: published where the 目录 lists it.
   */
  required: { budget: number | null; final: number | null };
  /** Column meanings, tried before the shared TOTAL rule. */
  measures: readonly MeasureRule[];
  /** Title atoms OCR'd titles are snapped to (short, far apart: 收入 ≠ 收支). */
  ocrTitleWords: readonly string[];
  /** Whole header terms OCR'd header cells are snapped to. */
  ocrHeaderTerms: readonly string[];
}

const FUNDS_BY_FUNCTION: readonly MeasureRule[] = [
  [/人员经费/, "personnel"], [/公用经费/, "public"], [/^基本支出$/, "basic"], [/^项目支出$/, "project"],
];
const FUNCTIONAL_HEADERS = ["科目编码", "科目名称", "功能分类科目编码", "功能分类科目名称", "功能科目编码", "功能科目名称", "支出功能分类", "合计", "基本支出", "项目支出", "人员经费", "公用经费"];
const ECONOMIC_HEADERS = ["经济分类科目编码", "经济分类科目名称", "部门经济分类科目编码", "部门经济分类科目名称", "部门预算经济分类科目编码", "支出经济分类", "合计", "人员经费", "公用经费", "人员经费合计", "公用经费合计"];

export const TABLE_KINDS: readonly TableKindSpec[] = [
  {
    kind: "summary", nameZh: "收支总表", precedence: 11,
    title: /收支.*(总表|总体情况表)|收入支出.*总表|收支(预算|决算)?表$/,
    signature: [/^收\s*入$|收入项目|^收入$/, /^支\s*出$|支出项目|^支出$/, /总计/], signatureMin: 2,
    fund: "all_funds", classification: null, shape: "line_items", required: { budget: 2016, final: 2016 },
    measures: [],
    ocrTitleWords: ["收支", "总表"], ocrHeaderTerms: ["收入", "支出", "收入预算", "支出预算", "本年收入", "本年支出", "本年收入合计", "本年支出合计", "收入总计", "支出总计", "上年结转", "年初结转和结余", "年末结转和结余", "结转下年资金"],
  },
  {
    kind: "income", nameZh: "收入总表", precedence: 12,
    title: /收入.*表/,
    signature: [/财政拨款(收入)?$/, /事业收入/, /上级补助收入/, /附属单位上缴收入/, /其他收入/, /经营收入/, /上年结转/], signatureMin: 3,
    fund: "all_funds", classification: "functional", shape: "line_items", required: { budget: 2016, final: 2016 },
    measures: FUNDS_BY_FUNCTION,
    ocrTitleWords: ["收入"], ocrHeaderTerms: ["财政拨款", "财政拨款收入", "事业收入", "经营收入", "其他收入", "上级补助收入", "附属单位上缴收入", "上年结转"],
  },
  {
    kind: "expenditure", nameZh: "支出总表", precedence: 14,
    title: /支出.*表/,
    notTitle: /^(?!.*一般公共预算).*财政拨款.*(基本)?支出.*表/,
    signature: [/^基本支出$/, /^项目支出$/, /上缴上级支出|经营支出|对附属单位补助支出/], signatureMin: 2,
    fund: "all_funds", classification: "functional", shape: "line_items", required: { budget: 2016, final: 2016 },
    measures: FUNDS_BY_FUNCTION,
    ocrTitleWords: ["支出"], ocrHeaderTerms: [...FUNCTIONAL_HEADERS, "上缴上级支出", "经营支出", "对附属单位补助支出", "单位预留机动经费"],
  },
  {
    kind: "fiscal_summary", nameZh: "财政拨款收支总表", precedence: 9,
    title: /财政拨款.*(收支|收入支出)/,
    signature: [/一般公共预算/, /政府性基金/, /总计/, /^收\s*入$|收入项目|^收入$/], signatureMin: 3,
    fund: "fiscal", classification: "functional", shape: "line_items", required: { budget: 2016, final: 2016 },
    measures: FUNDS_BY_FUNCTION,
    ocrTitleWords: ["财政拨款", "收支", "总表"], ocrHeaderTerms: ["财政拨款", "财政拨款收入", "财政拨款支出", "一般公共预算", "一般公共预算财政拨款", "政府性基金预算", "政府性基金预算财政拨款", "国有资本经营预算", "国有资本经营预算财政拨款"],
  },
  {
    kind: "general_by_function", nameZh: "一般公共预算支出表", precedence: 8,
    title: /^(?!.*经济分类).*一般公共预算.*支出/,
    notTitle: /^(?!.*一般公共预算).*财政拨款.*(基本)?支出.*表/,
    signature: [/^基本支出$/, /^项目支出$/, /功能分类|功能科目/], signatureMin: 2,
    fund: "general_public", classification: "functional", shape: "line_items", required: { budget: 2016, final: 2016 },
    // The table's own scope as its only figure (一般公共预算支出) is its total.
    measures: [...FUNDS_BY_FUNCTION, [/^一般公共预算(财政拨款)?支出$/, "total"]],
    ocrTitleWords: ["一般公共预算", "支出", "功能分类", "功能科目"], ocrHeaderTerms: [...FUNCTIONAL_HEADERS, "一般公共预算支出", "一般公共预算财政拨款"],
  },
  {
    kind: "basic_by_economic", nameZh: "一般公共预算基本支出表", precedence: 7,
    title: /^(?!.*功能分类).*一般公共预算.*基本支出/,
    notTitle: /^(?!.*一般公共预算).*财政拨款.*(基本)?支出.*表/,
    signature: [/人员经费/, /公用经费/, /经济分类|经济科目/], signatureMin: 2,
    fund: "general_public", classification: "economic", shape: "line_items", required: { budget: 2016, final: 2016 },
    // Every figure of a basic-expenditure table is basic expenditure: a column headed by the scope (基本支出) is its total.
    measures: [[/人员经费/, "personnel"], [/公用经费/, "public"], [/^(一般公共预算)?(财政拨款)?基本支出$/, "total"]],
    ocrTitleWords: ["一般公共预算", "基本支出", "经济分类", "经济科目"], ocrHeaderTerms: ECONOMIC_HEADERS,
  },
  {
    kind: "gov_fund", nameZh: "政府性基金预算支出表", precedence: 5,
    title: /政府性?基金/,
    signature: [/^基本支出$/, /^项目支出$/, /政府性基金/], signatureMin: 2,
    fund: "gov_fund", classification: "functional", shape: "line_items", required: { budget: 2016, final: 2016 },
    measures: [...FUNDS_BY_FUNCTION, [/^政府性基金预算(财政拨款)?支出$/, "total"]],
    ocrTitleWords: ["政府性基金"], ocrHeaderTerms: [...FUNCTIONAL_HEADERS, "政府性基金预算", "政府性基金预算支出", "政府性基金预算财政拨款"],
  },
  {
    kind: "state_capital", nameZh: "国有资本经营预算支出表", precedence: 6,
    title: /国有资本经营/,
    signature: [/^基本支出$/, /^项目支出$/, /国有资本经营/], signatureMin: 2,
    fund: "state_capital", classification: "functional", shape: "line_items", required: { budget: null, final: 2016 },
    measures: [...FUNDS_BY_FUNCTION, [/^国有资本经营预算(财政拨款)?支出$/, "total"]],
    ocrTitleWords: ["国有资本经营"], ocrHeaderTerms: [...FUNCTIONAL_HEADERS, "国有资本经营预算", "国有资本经营预算支出", "国有资本经营预算财政拨款"],
  },
  {
    kind: "three_public", nameZh: "“三公”经费表", precedence: 1,
    title: /三公/,
    signature: [/因公出国/, /公务用车/, /公务接待/], signatureMin: 2,
    fund: "fiscal", classification: null, shape: "line_items", required: { budget: 2016, final: 2016 },
    measures: [], // read by threePublicMeasure (the siblings decide what 合计 covers)
    ocrTitleWords: ["三公", "经费"], ocrHeaderTerms: ["因公出国（境）费", "公务用车购置及运行费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行费", "公务用车运行维护费", "公务接待费", "购置费", "运行费", "会议费", "培训费", "机关运行经费", "“三公”经费", "财政拨款“三公”经费", "合计", "小计"],
  },
  {
    kind: "project", nameZh: "项目支出表", precedence: 13,
    title: /项目支出.*表|项目.*明细表/,
    signature: [/项目名称/, /项目类型|项目单位|项目编码/], signatureMin: 2,
    fund: "all_funds", classification: "functional", shape: "projects", required: { budget: null, final: null },
    measures: [],
    ocrTitleWords: ["项目支出"], ocrHeaderTerms: [],
  },
  {
    kind: "economic_summary", nameZh: "支出经济分类汇总表", precedence: 10,
    title: /经济分类.*汇总|支出经济分类/,
    signature: [/经济分类/, /政府预算|部门预算/], signatureMin: 2,
    fund: "all_funds", classification: "economic", shape: "line_items", required: { budget: null, final: null },
    measures: [],
    ocrTitleWords: ["经济分类"], ocrHeaderTerms: ECONOMIC_HEADERS,
  },
  {
    kind: "operating_costs", nameZh: "机关运行经费", precedence: 4,
    title: /机关运行经费/,
    signature: [/机关运行经费/], signatureMin: 1,
    fund: "general_public", classification: "economic", shape: "line_items", required: { budget: null, final: null },
    measures: [],
    ocrTitleWords: ["机关运行经费"], ocrHeaderTerms: ["机关运行经费"],
  },
  {
    kind: "procurement", nameZh: "政府采购预算表", precedence: 3,
    title: /政府采购/,
    signature: [/采购(项目|品目|方式|组织形式)/], signatureMin: 1,
    fund: "all_funds", classification: null, shape: "line_items", required: { budget: null, final: null },
    measures: [],
    ocrTitleWords: ["政府采购"], ocrHeaderTerms: [],
  },
  {
    kind: "performance", nameZh: "绩效目标表", precedence: 2,
    title: /绩效/,
    signature: [/一级指标|二级指标|三级指标|指标内容/, /指标值/], signatureMin: 2,
    fund: "all_funds", classification: null, shape: "indicators", required: { budget: null, final: null },
    measures: [],
    ocrTitleWords: [], ocrHeaderTerms: [],
  },
];

/** OCR words every kind's titles and headers share: the phase, the version columns, the totals. */
export const OCR_SHARED_TITLE_WORDS: readonly string[] = ["预算", "决算", "会议费", "培训费"];
export const OCR_SHARED_HEADER_TERMS: readonly string[] = ["项目", "合计", "小计", "总计", "金额", "预算数", "决算数", "本年预算数", "本年决算数"];

const BY_KIND = new Map(TABLE_KINDS.map((k) => [k.kind, k]));

export function tableKindSpec(kind: TableKindId): TableKindSpec {
  return BY_KIND.get(kind)!;
}

/** Kinds in recognition order. */
export const KINDS_BY_PRECEDENCE: readonly TableKindSpec[] = [...TABLE_KINDS].sort((a, b) => a.precedence - b.precedence);

/** Kinds whose rows are line items, by the classification of their codes. */
export const kindsWhere = (test: (k: TableKindSpec) => boolean): TableKindId[] => TABLE_KINDS.filter(test).map((k) => k.kind);

/** Standard tables a document of this phase and year must publish (or publish empty). */
export function requiredKinds(phase: "budget" | "final", fiscalYear: number): TableKindId[] {
  return kindsWhere((k) => k.required[phase] !== null && fiscalYear >= k.required[phase]!);
}

/** Does a table whose header cells (and row labels) are these show the kind's signature? */
export function showsSignature(kind: TableKindId, texts: readonly string[]): boolean {
  const spec = tableKindSpec(kind);
  return spec.signature.filter((re) => texts.some((t) => re.test(t))).length >= spec.signatureMin;
}
