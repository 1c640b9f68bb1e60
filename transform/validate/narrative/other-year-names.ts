// Classification names of another year: a 类 or 款 named as it was (or will be) named in other
// years, not in the document's (医疗卫生与计划生育支出 in a year whose 210 is 卫生健康支出), in the
// narrative or printed in a table's row.
import type { FindingInput as Finding } from "../../contract/index.ts";
import { functionalFile, normaliseName } from "../../code-reference.ts";
import { sentenceCell, type Sentence } from "./sentences.ts";

/** Names shorter than this are too common to tell a year by (行政运行, 其他支出). */
const MIN_NAME_LENGTH = 6;

interface OldName { code: string; name: string; valid: string }

/** Names of 类 and 款 that are not the year's name of their code, nor any code's name that year. */
function namesOfOtherYears(year: number): OldName[] {
  const current = new Set<string>();
  const out: OldName[] = [];
  for (const e of functionalFile.codes) {
    if (e.code.length > 5) continue;
    const now = e.names.find((p) => p.from <= year && year <= p.to);
    if (now) current.add(normaliseName(now.name));
  }
  for (const e of functionalFile.codes) {
    if (e.code.length > 5) continue;
    const now = e.names.find((p) => p.from <= year && year <= p.to);
    if (!now) continue;
    for (const p of e.names) {
      const n = normaliseName(p.name);
      if ((p.from > year || p.to < year) && n.length >= MIN_NAME_LENGTH && !current.has(n)) out.push({ code: e.code, name: n, valid: now.name });
    }
  }
  return out;
}

/** A coded row of a table, where it is printed. */
export interface PrintedRow { table: string; code: string; name: string; unit: string; page: number | null; bbox: [number, number, number, number] | null }

export function otherYearNameFindings(all: readonly Sentence[], items: readonly PrintedRow[], year: number | null): Finding[] {
  if (!year) return [];
  const old = namesOfOtherYears(year);
  if (!old.length) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const s of all) {
    for (const o of old) {
      if (!s.text.includes(o.name) || seen.has(`${s.page}|${o.name}`)) continue;
      seen.add(`${s.page}|${o.name}`);
      out.push(finding(o, year, sentenceCell(s, o.name, "")));
    }
  }
  for (const i of items) {
    const n = normaliseName(i.name);
    const o = old.find((x) => x.code === i.code && x.name === n);
    if (!o || seen.has(`${i.page}|${i.code}`)) continue;
    seen.add(`${i.page}|${i.code}`);
    out.push(finding(o, year, { table: i.table, label: `${i.code} ${i.name}`, code: i.code, printed: i.name, unit: i.unit, page: i.page, bbox: i.bbox }));
  }
  return out;
}

function finding(o: OldName, year: number, cell: Finding["cells"][number]): Finding {
  return {
    rule: "classification_name_of_year", severity: "warning",
    message: `“${o.name}” is the name of ${o.code} in other years; in ${year} it is “${o.valid}”`,
    expected: o.valid, actual: o.name, cells: [cell], code: o.code,
  };
}
