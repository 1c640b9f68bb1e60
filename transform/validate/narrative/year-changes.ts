// Year-over-year changes the narrative states, recomputed from the amounts it states:
// “收入预算7702.57万元，比2023年预算增加1234.56万元，增长19.1%” — the prior year is
// 7702.57 − 1234.56, the change 1234.56 of it is 19.1 %; “2023年预算执行数为60.13万元，2024年
// 预算安排25.77万元，比2023年预算执行数减少57.14%” — the prior amount is stated. A percentage or a
// direction the amounts do not give is a finding; so is a comparison of the year with itself
// (比2026年预算 in a 2026 budget).
import type { FindingInput as Finding } from "../../contract/index.ts";
import { sentenceCell, statedAmounts, type Sentence, type StatedAmount } from "./sentences.ts";

export interface YearChangeOptions {
  /**
   * Percentage points allowed beyond the rounding of the printed figures, at the least and as a
   * share of the change: a percentage a few hundredths off (computed from an unrounded base) is
   * no inspector's finding; 0.53 % for 1.19 %, or 17.62 % for 9.75 %, is.
   */
  minSlack: number;
  relativeSlack: number;
}
export const DEFAULT_YEAR_CHANGE_OPTIONS: YearChangeOptions = { minSlack: 0.1, relativeSlack: 0.02 };

/** 比上年 / 较2023年预算 / 与上年相比 / 与2023年度相比: the comparison and the year it names. */
const COMPARED = /(?:比|较|与)(上年|上一年|去年|(\d{4})年度?)(?:年初)?(预算执行数|执行数|预算数|决算数|预算|决算)?(?:相比|比较)?/g;
const CHANGE = /^[，,、]?(?:[^，,。；\d]{0,12}?)(增加|减少|增长|下降|上升|降低)(\d[\d,]*(?:\.\d+)?)(万元|元)/;
const PERCENT = /^[，,、]?(?:[^，,。；\d]{0,8}?)(增长|下降|减少|增加|上升|降低)(\d+(?:\.\d+)?)%/;
const PRIOR_STATED = /(?:上年|上一年|去年|\d{4}年)(?:当年)?(?:预算执行数|执行数|预算数|决算数|预算)(?:为|是)?$/;

const UP = /增加|增长|上升/;
const decimals = (s: string) => (s.includes(".") ? s.split(".")[1]!.length : 0);
const half = (s: string) => 0.5 * 10 ** -decimals(s);
const yuan = (a: StatedAmount) => Number(a.printed) * (a.unit === "万元" ? 10000 : 1);

export function yearChangeFindings(all: readonly Sentence[], fiscalYear: number | null, phase: "budget" | "final" | null, o: YearChangeOptions = DEFAULT_YEAR_CHANGE_OPTIONS): Finding[] {
  const out: Finding[] = [];
  for (const s of all) {
    const amounts = statedAmounts(s.text);
    for (const m of s.text.matchAll(COMPARED)) {
      const at = m.index!, end = at + m[0].length;
      const year = m[2] ? Number(m[2]) : null;
      // A budget compares with the year before; final accounts with the year before, or with the year's own budget.
      if (fiscalYear && year !== null && (year > fiscalYear || (year === fiscalYear && (phase === "budget" || !/预算/.test(m[3] ?? ""))))) {
        out.push({
          rule: "narrative_compares_year", severity: "warning",
          message: `the text compares ${fiscalYear} with ${year} (“${m[0]}”), in a ${fiscalYear} ${phase === "final" ? "final account" : "budget"}: another year was meant`,
          expected: String(fiscalYear - 1), actual: String(year), cells: [sentenceCell(s, m[0], "")],
        });
        continue;
      }
      const rest = s.text.slice(end);
      const change = rest.match(CHANGE);
      const afterChange = change ? rest.slice(change.index! + change[0].length) : rest;
      const percent = afterChange.match(PERCENT);
      // The current amount: the last one stated before the comparison (not a stated prior).
      const before = amounts.filter((a) => a.end <= at);
      const prior = before.find((a) => PRIOR_STATED.test(s.text.slice(Math.max(0, a.at - 14), a.at)));
      const current = [...before].reverse().find((a) => a !== prior);
      if (!current) continue;
      const cur = yuan(current);
      let priorValue: number, priorSlack: number, delta: number | null = null, deltaSlack = 0;
      if (change) {
        const d = { printed: change[2]!.replace(/,/g, ""), unit: change[3] as "元" | "万元", at: 0, end: 0 };
        delta = yuan(d) * (UP.test(change[1]!) ? 1 : -1);
        deltaSlack = half(d.printed) * (d.unit === "万元" ? 10000 : 1);
        priorValue = cur - delta;
        priorSlack = half(current.printed) * (current.unit === "万元" ? 10000 : 1) + deltaSlack;
        if (prior) {
          // Both the prior and the change stated: they must agree with the current amount.
          const p = yuan(prior), ps = half(prior.printed) * (prior.unit === "万元" ? 10000 : 1);
          if (Math.abs(p - priorValue) > ps + priorSlack) out.push(changeFinding(s, `${prior.printed}${prior.unit} + ${change[0].replace(/^[，,、]/, "")} ≠ ${current.printed}${current.unit}`, (cur - p) / (current.unit === "万元" ? 10000 : 1), change[2]!, current.unit));
        }
      } else if (prior && percent) {
        priorValue = yuan(prior);
        priorSlack = half(prior.printed) * (prior.unit === "万元" ? 10000 : 1);
      } else continue;
      if (!percent || priorValue <= 0) continue;
      const stated = Number(percent[2]) * (UP.test(percent[1]!) ? 1 : -1);
      const actual = ((cur - priorValue) / priorValue) * 100;
      if (Math.sign(stated) !== 0 && Math.sign(actual) !== 0 && Math.sign(stated) !== Math.sign(actual)) {
        out.push(percentFinding(s, percent[0], stated, actual, "direction"));
        continue;
      }
      // What the printed figures allow: the percentage's own rounding, and how far the rounding of the amounts moves it.
      const curSlack = half(current.printed) * (current.unit === "万元" ? 10000 : 1);
      const allowed = half(percent[2]!) + (100 * (curSlack + priorSlack)) / priorValue + (100 * Math.abs(cur) * priorSlack) / priorValue ** 2 + Math.max(o.minSlack, o.relativeSlack * Math.abs(actual));
      if (Math.abs(Math.abs(stated) - Math.abs(actual)) > allowed) out.push(percentFinding(s, percent[0], stated, actual, "value"));
    }
  }
  return out;
}

function percentFinding(s: Sentence, phrase: string, stated: number, actual: number, what: "value" | "direction"): Finding {
  const said = phrase.replace(/^[，,、]/, "");
  return {
    rule: "narrative_change_percent", severity: "error",
    message: what === "direction"
      ? `the text says “${said}” but its amounts give a change of ${actual.toFixed(2)}%: the direction is wrong`
      : `the text says “${said}” but its amounts give ${actual >= 0 ? "+" : ""}${actual.toFixed(2)}%`,
    expected: actual.toFixed(2), actual: stated.toFixed(Math.max(0, decimals(String(Math.abs(stated))))),
    cells: [sentenceCell(s, String(Math.abs(stated)), "%")],
  };
}

function changeFinding(s: Sentence, what: string, expected: number, printed: string, unit: string): Finding {
  return {
    rule: "narrative_change_amount", severity: "error",
    message: `the text's amounts do not add up: ${what}`,
    expected: expected.toFixed(2), actual: printed, cells: [sentenceCell(s, printed, unit)],
  };
}
