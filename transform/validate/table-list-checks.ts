// The 目录 (table of contents) against the tables found: a standard table the
// document lists but does not print is a finding.
import type { RecognisedTable } from "../recognise-tables.ts";
import { tableKindFromTitle } from "../table-kind.ts";
import type { Finding } from "./finding.ts";
import type { PageText } from "./narrative-checks.ts";

export interface TableListOptions {
  /** Pages searched for the 目录. */
  contentsPages: number;
}

export const DEFAULT_TABLE_LIST_OPTIONS: TableListOptions = { contentsPages: 4 };

const LISTED_TABLE = /^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|（[一二三四五六七八九十]+）)?\s*(.{2,40}?表)\s*(?:[（(][^）)]*[)）])?\s*(?:\.{2,}.*|…+.*|\d+)?$/;

export function tableListFindings(pages: PageText[], tables: RecognisedTable[], o: TableListOptions = DEFAULT_TABLE_LIST_OPTIONS): Finding[] {
  const contents = pages.slice(0, o.contentsPages).find((p) => /目\s*录/.test(p.text));
  if (!contents) return [];
  const found = new Set(tables.map((t) => t.kind).filter(Boolean));
  // A narrative-only document (its tables published as a separate file) prints none: nothing to compare.
  if (!found.size) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const line of contents.text.split("\n")) {
    const m = line.trim().match(LISTED_TABLE);
    if (!m) continue;
    const title = m[1]!.replace(/\s+/g, "");
    const kind = tableKindFromTitle(title);
    if (!kind || found.has(kind) || seen.has(kind)) continue;
    seen.add(kind);
    out.push({
      rule: "listed_table_present", severity: "error",
      message: `the 目录 lists “${title}” (${kind}) but no such table was found in the document`,
      expected: kind, actual: null,
      cells: [{ table: "narrative", label: line.trim(), printed: title, unit: "", page: contents.page, bbox: null }],
    });
  }
  return out;
}
