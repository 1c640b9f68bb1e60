// Rows of a budget unit (单位) inside a classified table — 036 医疗保障局, 309 医疗保障局, 036001 本级 —
// told from classification rows by structure, not by the look of a name: a unit code printed in a
// 单位代码 column, or a code that is no code of the table's classification under that name
// (036 and 113 are no functional codes; 309 is an economic 类, but not one named 医疗保障局),
// on a row named as an organisation. 20405 法院 and 21002 公立医院 are classification rows.
import { economicFile, functionalFile, normaliseName, type CodeEntry } from "./code-reference.ts";
import type { TableKind } from "./contract/index.ts";
import { tableKindSpec } from "./table-kind-registry.ts";

const ORGANISATION = /(局|院|中心|办公室|办公厅|委员会|常委会|厅|处|所|站|队|馆|部|委|会|本级|机关|单位|学校|医院)$/;
const UNIT_CODE = /^\d{3,9}$/;

const byCode = (entries: CodeEntry[]) => new Map(entries.map((e) => [e.code, e]));
const FUNCTIONAL = byCode(functionalFile.codes);
const ECONOMIC = new Map([...byCode(economicFile.department.codes), ...byCode(economicFile.government.codes)]);

/** Is `code` a code of the table's classification under a name like the one printed (any year's name)? */
export function isClassificationRow(kind: TableKind, code: string, name: string): boolean {
  const scheme = tableKindSpec(kind).classification;
  const entry = scheme === "functional" ? FUNCTIONAL.get(code) : scheme === "economic" ? ECONOMIC.get(code) : undefined;
  if (!entry) return false;
  const printed = normaliseName(name);
  // A truncated or wrapped name, or a row printed without its name, is still the code's row.
  return !printed || entry.names.some((p) => { const n = normaliseName(p.name); return n.startsWith(printed) || printed.startsWith(n); });
}

/** A budget unit's row: its code in a unit column, or a code its table's classification does not know by that name, on an organisation's name. */
export function isBudgetUnitRow(kind: TableKind, row: { code: string; name: string; unitCode?: string }): boolean {
  if (row.unitCode && !row.code) return ORGANISATION.test(row.name) || UNIT_CODE.test(row.unitCode);
  const code = row.unitCode ?? row.code;
  if (!UNIT_CODE.test(code) || !ORGANISATION.test(row.name)) return false;
  return tableKindSpec(kind).classification === null || !isClassificationRow(kind, code, row.name);
}
