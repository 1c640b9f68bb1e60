// Builders from table data to printed tables: coded tables (functional / economic codes),
// free-form grids (summary, three_public, empty tables), and their golden rows.
import { type Column, GOLDEN_MEASURES, type GoldenKind, type GoldenRow, type Measure, type PrintedTable } from "./model.ts";
import type { CodedRow, ExtKind } from "./expected-schema.ts";
import { goldenAmount } from "./amounts.ts";

/** A body row of a coded table. code "" = total row; unitCode set = a unit subtotal row (not a line item). */
export interface Item { code: string; name: string; cells: string[]; unitCode?: string }

export interface AmountColumn { path: string[]; width?: number; measure?: Measure }

type Heading = Omit<PrintedTable, "columns" | "body" | "golden" | "headerFooter" | "ext">;

export interface CodedSpec extends Heading {
  kind: GoldenKind | null;
  /** How the code is printed: one column ("full") or split into 类/款/项 slices. */
  codeColumns: { path: string[]; width: number; slice: "full" | [number, number] }[];
  seqColumn?: { path: string[]; width: number };
  unitCodeColumn?: { path: string[]; width: number };
  nameColumn: { path: string[]; width: number; wrapAt?: number };
  amountColumns: AmountColumn[];
  rows: Item[];
  /** Print a 栏次 row (栏次 | 1 | 2 …) under the header. */
  lanci?: boolean;
  /** The table goes to the extended expectation file. */
  ext?: { kind: ExtKind; codeType: "functional" | "economic" | "unit"; scope?: "department" | "unit"; unitCode?: string; unitName?: string };
}

const AMOUNT_WIDTH = 12;

export function codedTable(s: CodedSpec): PrintedTable {
  const columns: Column[] = [
    ...(s.seqColumn ? [{ ...s.seqColumn, align: "center" as const }] : []),
    ...s.codeColumns.map((c) => ({ path: c.path, width: c.width, align: (c.slice === "full" ? "left" : "center") as Column["align"] })),
    ...(s.unitCodeColumn ? [{ ...s.unitCodeColumn, align: "left" as const }] : []),
    { path: s.nameColumn.path, width: s.nameColumn.width, align: "left" },
    ...s.amountColumns.map((a) => ({ path: a.path, width: a.width ?? AMOUNT_WIDTH, align: "right" as const })),
  ];
  const body = s.rows.map((r, i) => [
    ...(s.seqColumn ? [String(i + 1)] : []),
    ...s.codeColumns.map((c) => (c.slice === "full" ? r.code : r.code.slice(c.slice[0], c.slice[1]))),
    ...(s.unitCodeColumn ? [r.unitCode ?? ""] : []),
    s.nameColumn.wrapAt ? wrapName(r.name, s.nameColumn.wrapAt) : r.name,
    ...s.amountColumns.map((_, j) => r.cells[j] ?? ""),
  ]);
  const headerFooter = s.lanci
    ? ["栏次", ...columns.slice(1).map((_, i) => String(i + 1))]
    : undefined;
  const golden: GoldenRow[] = [];
  if (s.kind) {
    for (const r of s.rows) {
      if (r.unitCode !== undefined) continue;
      s.amountColumns.forEach((a, j) => {
        const cell = r.cells[j] ?? "";
        if (a.measure && cell !== "") golden.push({ table: s.kind!, code: r.code, name: r.name, measure: a.measure, amount: goldenAmount(cell) });
      });
    }
  }
  const { label, title, org, unit, note, landscape } = s;
  const table: PrintedTable = { label, title, org, unit, note, landscape, columns, headerFooter, body, golden };
  if (s.ext) {
    const { kind, codeType, ...where } = s.ext;
    const golden = kind in GOLDEN_MEASURES;
    const rows: CodedRow[] = s.rows.flatMap((r) => {
      const amounts: Record<string, string> = {};
      s.amountColumns.forEach((a, j) => {
        const cell = r.cells[j] ?? "";
        if (cell !== "") amounts[golden && a.measure ? a.measure : a.path.join("/")] = goldenAmount(cell);
      });
      if (Object.keys(amounts).length === 0) return [];
      const code = r.unitCode ?? r.code;
      return [{ code, code_type: r.unitCode ? "unit" : code === "" ? "" : codeType, name: r.name, amounts }];
    });
    table.ext = { kind, ...where, row_format: "coded", rows };
  }
  return table;
}

/** Breaks a name into lines of at most `width` characters. */
function wrapName(name: string, width: number): string {
  const lines: string[] = [];
  for (let i = 0; i < name.length; i += width) lines.push(name.slice(i, i + width));
  return lines.join("\n");
}

export interface GridSpec extends Heading {
  columns: Column[];
  body: string[][];
  headerFooter?: string[];
  golden?: GoldenRow[];
  ext?: PrintedTable["ext"];
}

export function gridTable(s: GridSpec): PrintedTable {
  return { ...s, golden: s.golden ?? [] };
}

/**
 * Golden rows read off a grid by label: for each [label, measure], the cell right of the
 * first cell whose text (spaces ignored) equals the label. Blank amounts give no row.
 */
export function goldenByLabel(kind: GoldenKind, body: string[][], picks: [string, Measure][], name?: string): GoldenRow[] {
  const squash = (s: string) => s.replace(/\s+/g, "");
  const out: GoldenRow[] = [];
  for (const [label, measure] of picks) {
    const hit = body.flatMap((row) => row.map((cell, c) => ({ row, c, cell }))).find((h) => squash(h.cell) === squash(label));
    if (!hit) throw new Error(`label not in table: ${label}`);
    const amount = hit.row[hit.c + 1] ?? "";
    if (amount !== "") out.push({ table: kind, code: "", name: name ?? hit.cell.trim(), measure, amount: goldenAmount(amount) });
  }
  return out;
}

/** Golden rows of a single unlabelled data row whose columns carry measures (horizontal three_public). */
export function goldenOfRow(kind: GoldenKind, row: string[], measures: (Measure | undefined)[], name = "合计"): GoldenRow[] {
  return measures.flatMap((measure, c) =>
    measure && row[c] ? [{ table: kind, code: "", name, measure, amount: goldenAmount(row[c]!) }] : []);
}
