// Rows of the extended expectation file read off a printed grid (the same cells that go to the PDF),
// so that expectation and print cannot disagree.
import type { Column } from "./model.ts";
import type { CodedRow, PanelRow, PerformanceRow, ProjectRow } from "./expected-schema.ts";
import { goldenAmount } from "./amounts.ts";

const text = (s: string | undefined) => (s ?? "").replace(/\n/g, "").trim();
const key = (c: Column) => c.path.join("/");

/** Amount cells of `cols` as measure → amount (header path joined with "/"), blanks left out. */
export function amountsOf(row: string[], columns: Column[], cols: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of cols) {
    const cell = text(row[c]);
    if (cell !== "") out[key(columns[c]!)] = goldenAmount(cell);
  }
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

export interface CodedGrid {
  /** Columns whose text, joined, is the code. */
  code: number[];
  codeType: "functional" | "economic" | "unit";
  name: number;
  gov?: { code: number[]; name: number };
  /** First amount column; amounts run to the last column. */
  firstAmount: number;
  /** Rows whose code is a unit code (in a coded table of another code type). */
  unitCodes?: string[];
}

export function codedRows(body: string[][], columns: Column[], g: CodedGrid): CodedRow[] {
  const rows: CodedRow[] = [];
  for (const r of body) {
    const amounts = amountsOf(r, columns, range(g.firstAmount, columns.length));
    if (Object.keys(amounts).length === 0) continue;
    const code = g.code.map((c) => text(r[c])).join("").replace(/\D/g, "");
    const codeType = code === "" ? "" : g.unitCodes?.includes(code) ? "unit" : g.codeType;
    const row: CodedRow = { code, code_type: codeType, name: text(r[g.name]), amounts };
    if (g.gov) {
      const govCode = g.gov.code.map((c) => text(r[c])).join("");
      if (govCode) { row.gov_code = govCode; row.gov_name = text(r[g.gov.name]); }
    }
    rows.push(row);
  }
  return rows;
}

export interface Panel { side: "income" | "expenditure"; name: number; amounts: number[] }

/** Side-by-side panels (收入 | 支出 …): one row per panel per printed row with a label and an amount. */
export function panelRows(body: string[][], columns: Column[], panels: Panel[]): PanelRow[] {
  const rows: PanelRow[] = [];
  for (const p of panels) {
    for (const r of body) {
      const name = text(r[p.name]);
      const amounts = amountsOf(r, columns, p.amounts);
      if (name !== "" && Object.keys(amounts).length) rows.push({ side: p.side, panel: key(columns[p.name]!), name, amounts });
    }
  }
  return rows;
}

export interface ProjectGrid {
  unitCode?: number; unitName?: number; name: number; type?: number; firstAmount: number;
  /** How to tell a row apart: by default 合计 = total, a row with no type = unit, else project. */
  rowType?: (row: string[]) => ProjectRow["row_type"];
}

export function projectRows(body: string[][], columns: Column[], g: ProjectGrid): ProjectRow[] {
  return body.map((r) => {
    const name = text(r[g.name]);
    const type = g.type === undefined ? null : text(r[g.type]) || null;
    const rowType = g.rowType ? g.rowType(r) : name === "合计" ? "total" : type === null ? "unit" : "project";
    return {
      row_type: rowType,
      unit_code: g.unitCode === undefined ? "" : text(r[g.unitCode]),
      unit_name: g.unitName === undefined ? "" : text(r[g.unitName]),
      name, type, amounts: amountsOf(r, columns, range(g.firstAmount, columns.length)),
    };
  });
}

/**
 * A project table printed 项目类型 | 项目名称 | 单位名称 | amounts…, whose unit rows carry the unit's
 * code in the name column and its name in the unit column (seeds 003 and 004): rows as the
 * expectation files hold them (a unit row named by the unit, 合计 with no unit).
 */
export function typeFirstProjectRows(body: string[][], columns: Column[]): ProjectRow[] {
  return projectRows(body, columns, {
    unitName: 2, name: 1, type: 0, firstAmount: 3,
    rowType: (r) => (r[2] === "合计" ? "total" : r[0] ? "project" : "unit"),
  }).map((r) => (r.row_type === "total" ? { ...r, unit_name: "", name: "合计" } : r.row_type === "unit" ? { ...r, unit_code: r.name, name: r.unit_name, unit_name: "" } : r));
}

/** Indicator rows given as [level1, level2 | null, level3, value]; blank level1/level2 continue the row above. */
export function performanceRows(
  project: string, projectCode: string | null, unitCode: string | null, indicators: [string, string | null, string, string][],
): PerformanceRow[] {
  let l1 = "", l2: string | null = null;
  return indicators.map(([a, b, level3, value]) => {
    if (a) { l1 = a; l2 = null; }
    if (b !== null && b !== "") l2 = b;
    return { project, project_code: projectCode, unit_code: unitCode, level1: l1, level2: l2, level3, value, value_unit: null };
  });
}
