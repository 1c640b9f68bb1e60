// Which standard table an OCR'd table is, when a misread character may sit in its title
// (一般公共预算广出预算表: 支 read as 广) or in a header: the title and the header signature
// decide together. The title is first snapped strictly (confusable characters only); when that
// names no kind, or a kind the header contradicts, it is snapped loosely (any one character of
// a word may be wrong) and the kind so named is taken only if the header supports it.
// One function with a plain input (title text, header cell texts) so that the table-kind
// registry can later supply the vocabulary. Pure.
import type { TableKind } from "../../transform/contract/index.ts";
import { tableKindFromTitle } from "../../transform/table-kind.ts";
import { snapCell, snapWords } from "./fuzzy-match.ts";
import { HEADER_TERMS, TITLE_WORDS } from "./ocr-vocabulary.ts";

/** Header families: the terms a kind's header prints, and the kinds that print them. */
const HEADER_FAMILIES: Array<{ terms: string[]; kinds: TableKind[] }> = [
  { terms: ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"], kinds: ["expenditure", "general_by_function", "gov_fund", "state_capital", "basic_by_economic"] },
  { terms: ["人员经费", "公用经费", "经济分类科目编码", "经济分类科目名称", "部门经济分类科目编码", "部门预算经济分类科目编码"], kinds: ["basic_by_economic", "economic_summary"] },
  { terms: ["因公出国（境）费", "公务接待费", "公务用车购置及运行费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行费", "公务用车运行维护费"], kinds: ["three_public"] },
  { terms: ["事业收入", "经营收入", "其他收入", "上级补助收入", "附属单位上缴收入", "本年收入", "上年结转"], kinds: ["income", "summary", "fiscal_summary"] },
  { terms: ["收入", "支出"], kinds: ["summary", "fiscal_summary"] },
];

export interface KindDecisionOptions {
  /** Loose snapping of the title: characters of a word that may be read wrong (substituted, never inserted or dropped). */
  looseSubstitutions: number;
}
export const DEFAULT_KIND_DECISION_OPTIONS: KindDecisionOptions = { looseSubstitutions: 1 };

/**
 * Title words put back where a stretch of the same length differs from one by at most `n`
 * characters, outside every word read exactly (收入 read right is never taken for 收支).
 */
export function snapLoosely(line: string, words: readonly string[], n: number): string {
  const text = Array.from(line);
  const locked = text.map(() => false);
  const sorted = [...words].sort((a, b) => Array.from(b).length - Array.from(a).length);
  for (const w of sorted) {
    const word = Array.from(w);
    for (let i = 0; i + word.length <= text.length; i++) if (word.every((c, k) => text[i + k] === c)) for (let k = 0; k < word.length; k++) locked[i + k] = true;
  }
  for (const w of sorted) {
    const word = Array.from(w);
    if (word.length < 2) continue;
    for (let i = 0; i + word.length <= text.length; i++) {
      if (word.some((_, k) => locked[i + k])) continue;
      const wrong = word.filter((c, k) => text[i + k] !== c).length;
      if (wrong === 0 || wrong > n || wrong >= word.length) continue;
      for (let k = 0; k < word.length; k++) { text[i + k] = word[k]!; locked[i + k] = true; }
    }
  }
  return text.join("");
}

export interface KindDecision {
  kind: TableKind | null;
  /** The title as it should read for that kind (snapped), or as given when nothing was changed. */
  title: string;
  /** How the kind was decided. */
  by: "title" | "title+header" | "none";
}

/** Kinds the header supports (its terms, snapped, found among the families'); empty when the header says nothing. */
export function headerKinds(headers: readonly string[]): Set<TableKind> {
  const cells = headers.map((h) => snapCell(h, HEADER_TERMS));
  const out = new Set<TableKind>();
  for (const f of HEADER_FAMILIES) {
    const found = f.terms.filter((t) => cells.includes(t)).length;
    // 收入 and 支出 side by side (two panels) are a summary's header; one alone says nothing.
    if (found >= (f.terms.length === 2 ? 2 : 1)) for (const k of f.kinds) out.add(k);
  }
  return out;
}

export function decideTableKind(title: string, headers: readonly string[], o: KindDecisionOptions = DEFAULT_KIND_DECISION_OPTIONS): KindDecision {
  const strictTitle = snapWords(title, TITLE_WORDS);
  const strict = tableKindFromTitle(strictTitle);
  const supported = headerKinds(headers);
  const contradicted = (k: TableKind) => supported.size > 0 && !supported.has(k);
  if (strict && !contradicted(strict)) return { kind: strict, title: strictTitle, by: "title" };
  const looseTitle = snapLoosely(strictTitle, TITLE_WORDS, o.looseSubstitutions);
  const loose = tableKindFromTitle(looseTitle);
  if (loose && supported.has(loose)) return { kind: loose, title: looseTitle, by: "title+header" };
  return strict ? { kind: strict, title: strictTitle, by: "title" } : { kind: null, title, by: "none" };
}
