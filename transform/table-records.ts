// Body rows of a laid-out table → records: per panel, a code, a name and the
// amounts of its amount columns, each amount with the cell it came from.
// Wrapped names printed over two grid rows are joined here.
import type { Cell } from "../extract/table-ir.ts";
import { parseAmount } from "./amount.ts";
import { joinCodeParts, type CodePart } from "./code.ts";
import { cellLine, SUM_LABEL } from "./text.ts";
import type { Column, TableLayout } from "./table-layout.ts";

export interface RecordAmount { column: Column; printed: string; cell: Cell }

export interface TableRecord {
  panel: number;
  row: number;
  code: string;
  name: string;
  amounts: RecordAmount[];
  /** Budget-unit code printed in a 单位代码 column (036001). */
  unitCode?: string;
  /** Attribute columns' text by header path (项目类型 → 特定目标类). */
  attributes?: Record<string, string>;
  /** A second classification printed beside the first (政府预算经济分类 50101 工资奖金津补贴). */
  secondaryCode?: string;
  secondaryName?: string;
}

/** The panel's label columns split into groups, each some code columns and the name column after them. */
function labelGroups(columns: Column[]): [Column[], Column[] | undefined] {
  const groups: Column[][] = [];
  let cur: Column[] = [];
  for (const c of columns) {
    if (c.role.role !== "code" && c.role.role !== "name") continue;
    cur.push(c);
    if (c.role.role === "name") { groups.push(cur); cur = []; }
  }
  if (cur.length) groups.push(cur);
  // Two name columns with no codes between them are one label (项目 › 名称 spanning two columns).
  const hasCodes = (g: Column[]) => g.some((c) => c.role.role === "code");
  if (groups.length >= 2 && hasCodes(groups[0]!) && hasCodes(groups[1]!)) return [groups[0]!, groups[1]!];
  return [groups.flat(), undefined];
}

function secondaryLabel(columns: Column[], row: (Cell | null)[]): { code: string; name: string } | null {
  const parts = columns.filter((c) => c.role.role === "code").map((c) => ({ part: (c.role as { part: CodePart }).part, text: cellLine(row[c.index]?.text ?? "") }));
  const code = joinCodeParts(parts);
  const name = columns.filter((c) => c.role.role === "name").map((c) => cellLine(row[c.index]?.text ?? "")).join("");
  return code ? { code, name } : null;
}

/** A code set off from the name by brackets or a space; "100周年…" and "110kV…" are names. */
const CODE_IN_NAME = /^(?:[[【](\d{3}(?:\d{2}){0,2})[\]】]\s*|(\d{3}(?:\d{2}){0,2})\s+)([^\d\s].*)$/;

/**
 * Fill a split code's higher parts from the rows above when a row prints only
 * its lower parts (款 "03" under a 类 "201" row); a printed part resets the lower ones.
 */
export function carryCodeParts(parts: { part: CodePart; text: string }[], carried: Map<CodePart, string>) {
  const split = parts.filter((p) => p.part !== "full");
  if (split.length < 2) return;
  const lowest = Math.max(...split.map((p, i) => (p.text ? i : -1)));
  if (lowest < 0) return;
  split.forEach((p, i) => {
    if (i < lowest && !p.text) p.text = carried.get(p.part) ?? "";
  });
  split.forEach((p, i) => {
    if (p.text && /^\d+$/.test(p.text)) carried.set(p.part, p.text);
    else if (i > lowest) carried.delete(p.part);
  });
}

/** The unit code and attribute texts of a row. */
function rowExtras(columns: Column[], row: (Cell | null)[]): Pick<TableRecord, "unitCode" | "attributes"> {
  const out: Pick<TableRecord, "unitCode" | "attributes"> = {};
  for (const col of columns) {
    const text = cellLine(row[col.index]?.text ?? "");
    if (!text) continue;
    if (col.role.role === "unit" && /^\d{3,9}$/.test(text)) out.unitCode = text;
    if (col.role.role === "attribute") (out.attributes ??= {})[col.header.join("/")] = text;
  }
  return out;
}

/** A row label that starts a new item and never continues the name above it. */
const ITEM_START = /^([一二三四五六七八九十]+、|\d+[.、．]|（[一二三四五六七八九十]+）|其中[:：])/;

export function readRecords(layout: TableLayout): TableRecord[] {
  const { refs } = layout;
  const out: TableRecord[] = [];
  layout.panels.forEach((panel, p) => {
    // Label columns come in groups of code parts and a name; a second group (政府预算经济分类
    // beside 部门预算经济分类) is read as the row's secondary code.
    const [main, secondary] = labelGroups(panel.columns);
    const codeCols = main.filter((c) => c.role.role === "code");
    const labelCols = main;
    const amountCols = panel.columns.filter((c) => c.role.role === "amount");
    const records: TableRecord[] = [];
    // Split codes often print a part only where it changes (类 on the 类 row, 款 on the 款 row): carry it down.
    const carried = new Map<CodePart, string>();
    for (let r = layout.bodyStart; r < refs.length; r++) {
      const row = refs[r]!;
      // A cell spanning several code columns holds a label (合计), not a code part.
      const codeCells = codeCols.map((c) => row[c.index] ?? null);
      const spansCodes = codeCells.some((cell, i) => cell && codeCells.indexOf(cell) !== i);
      const parts = codeCols.map((c, i) => ({ part: (c.role as { part: CodePart }).part, text: spansCodes ? "" : cellLine(codeCells[i]?.text ?? "").replace(/^(类|款|项)$/, "") }));
      carryCodeParts(parts, carried);
      let code = joinCodeParts(parts);
      // A code column printing a number of no classification code's length (036001, 309201) holds a budget unit's code.
      const unitInCode = code === null && parts.length === 1 && parts[0]!.part === "full" && /^\d{3,9}$/.test(parts[0]!.text) ? parts[0]!.text : null;
      const seen = new Set<Cell>();
      const labels: string[] = [];
      for (const col of labelCols) {
        const cell = row[col.index];
        if (!cell || seen.has(cell)) continue;
        seen.add(cell);
        if (col.role.role === "code" && (code !== null || unitInCode)) continue;
        const t = cellLine(cell.text).replace(/^(类|款|项)$/, "");
        if (t) labels.push(t);
      }
      const amounts: RecordAmount[] = [];
      for (const col of amountCols) {
        const cell = row[col.index];
        if (!cell || seen.has(cell) || cell.col !== col.index) continue; // spanned from a label or an earlier column
        seen.add(cell);
        const printed = parseAmount(cell.text);
        if (printed !== null) amounts.push({ column: col, printed, cell });
      }
      let name = labels.join("");
      // A code printed inside the name cell: "2080505 机关事业单位…", "[2080505]机关事业单位…".
      const inName = code === null ? name.match(CODE_IN_NAME) : null;
      if (inName) { code = (inName[1] ?? inName[2])!; name = inName[3]!; }
      if (!code && !name && !amounts.length) continue;
      const extra = { ...rowExtras(panel.columns, row), ...(unitInCode ? { unitCode: unitInCode } : {}) };
      const alt = secondary ? secondaryLabel(secondary, row) : null;
      records.push({ panel: p, row: r, code: code ?? "", name, amounts, ...extra, ...(alt ? { secondaryCode: alt.code, secondaryName: alt.name } : {}) });
    }
    out.push(...joinWrappedNames(records, codeCols.length > 0));
  });
  return out;
}

/**
 * A name wrapped onto further grid rows (rulings drawn through it, or no rulings
 * at all) comes as name-only fragments around its coded record:
 * - after a record with code and name, fragments continue that name;
 * - before a coded record printed with no name (the amounts centred between
 *   the name's lines), fragments start its name, and as many fragments after
 *   it end it;
 * - a coded record whose amounts sit on the next line merges with that line.
 */
export function joinWrappedNames(records: TableRecord[], hasCodes: boolean): TableRecord[] {
  if (!hasCodes) return records;
  const isFragment = (r: TableRecord | undefined) =>
    !!r && !r.code && !!r.name && !r.amounts.length && !SUM_LABEL.test(r.name) && !ITEM_START.test(r.name);
  const out: TableRecord[] = [];
  /** Fragments the last output record took from above, and so is owed from below. */
  let owed = 0;
  for (let i = 0; i < records.length; ) {
    const rec = records[i]!;
    if (isFragment(rec)) {
      let j = i;
      while (isFragment(records[j])) j++;
      const fragments = records.slice(i, j).map((r) => r.name);
      const prev = out[out.length - 1];
      const next = records[j];
      const nextNameless = !!next && !!next.code && !next.name;
      const toPrev = prev?.code ? (nextNameless ? Math.min(owed, fragments.length) : fragments.length) : 0;
      if (prev && toPrev) prev.name += fragments.slice(0, toPrev).join("");
      const rest = fragments.slice(toPrev);
      if (nextNameless && rest.length) {
        out.push({ ...next!, name: rest.join("") });
        owed = rest.length;
        i = j + 1;
        continue;
      }
      if (rest.length) out.push(...records.slice(i + toPrev, j)); // no coded record to join: kept as printed
      owed = 0;
      i = j;
      continue;
    }
    const prev = out[out.length - 1];
    if (prev && prev.code && !prev.amounts.length && !rec.code && rec.amounts.length && rec.name && !SUM_LABEL.test(rec.name) && !ITEM_START.test(rec.name)) {
      prev.name += rec.name;
      prev.amounts = rec.amounts;
      owed = 0;
      i++;
      continue;
    }
    out.push(rec);
    owed = 0;
    i++;
  }
  return out;
}
