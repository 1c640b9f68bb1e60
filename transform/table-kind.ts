// Which standard table a title names, by the registry's title rules in their order
// (most specific first: a 三公 table's title also says 机关运行经费; 一般公共预算基本支出
// before 一般公共预算 before plain 支出).
import type { TableKind } from "./contract/table-kind.ts";
import { KINDS_BY_PRECEDENCE } from "./table-kind-registry.ts";

export function tableKindFromTitle(title: string): TableKind | null {
  const t = title.replace(/\s+/g, "");
  // 一般公共预算 tables cut the other way (basic expenditure by function, all expenditure by economic code).
  if (/一般公共预算/.test(t) && !/三公|收支|收入支出/.test(t) && ((/基本支出/.test(t) && /功能分类/.test(t)) || (!/基本支出/.test(t) && /经济分类/.test(t)))) return null;
  for (const spec of KINDS_BY_PRECEDENCE) {
    if (!spec.title.test(t)) continue;
    return spec.notTitle?.test(t) ? null : spec.kind;
  }
  return null;
}

/** A line that reads as a table title: names a table and is not a sentence of the narrative. */
export function looksLikeTitle(line: string): boolean {
  const t = line.replace(/\s+/g, "");
  return t.length <= 60 && /表(（[^）]*）|\([^)]*\))?$/.test(t) && !/[。；]/.test(t);
}
