// The 目录 (table of contents) against the tables found: a standard table the
// document lists but does not print is a finding.
import type { RecognisedTable } from "../recognise-tables.ts";
import { tableKindFromTitle } from "../table-kind.ts";
import type { FindingInput as Finding, TableKind } from "../contract/index.ts";
import type { PageText } from "./narrative-checks.ts";

export interface TableListOptions {
  /** Pages searched for the 目录. */
  contentsPages: number;
}

export const DEFAULT_TABLE_LIST_OPTIONS: TableListOptions = { contentsPages: 4 };

const LISTED_TABLE = /^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|（[一二三四五六七八九十]+）)?\s*(.{2,40}?表)\s*(?:[（(][^）)]*[)）])?\s*(?:\.{2,}.*|…+.*|\d+)?$/;

/** The standard tables the 目录 lists: each kind once, with the line and page that list it. */
export function listedTables(pages: PageText[], o: TableListOptions = DEFAULT_TABLE_LIST_OPTIONS): Array<{ kind: TableKind; title: string; line: string; page: number }> {
  const contents = pages.slice(0, o.contentsPages).find((p) => /目\s*录/.test(p.text));
  if (!contents) return [];
  const out: Array<{ kind: TableKind; title: string; line: string; page: number }> = [];
  for (const line of contents.text.split("\n")) {
    const m = line.trim().match(LISTED_TABLE);
    if (!m) continue;
    const title = m[1]!.replace(/\s+/g, "");
    const kind = tableKindFromTitle(title);
    if (kind && !out.some((l) => l.kind === kind)) out.push({ kind, title, line: line.trim(), page: contents.page });
  }
  return out;
}

export function tableListFindings(pages: PageText[], tables: RecognisedTable[], o: TableListOptions = DEFAULT_TABLE_LIST_OPTIONS): Finding[] {
  const found = new Set(tables.map((t) => t.kind).filter(Boolean));
  // A narrative-only document (its tables published as a separate file) prints none: nothing to compare.
  if (!found.size) return [];
  return listedTables(pages, o).filter((l) => !found.has(l.kind)).map((l) => ({
    rule: "listed_table_present", severity: "error",
    message: `the 目录 lists “${l.title}” (${l.kind}) but no such table was found in the document`,
    expected: l.kind, actual: null,
    cells: [{ table: "narrative", label: l.line, printed: l.title, unit: "", page: l.page, bbox: null }],
  }));
}
