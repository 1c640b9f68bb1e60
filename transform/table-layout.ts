// The layout of a table: which rows are header, what each column means (code
// part, name, amount with its flattened header path), and how columns group
// into panels (two-panel tables print two code/name/amount groups side by side).
import type { Cell, Table } from "../extract/table-ir.ts";
import { parseAmount } from "./amount.ts";
import { parseCodePart, parseFullCode, type CodePart } from "./code.ts";
import { cellLine, TOTAL_LABEL } from "./text.ts";

export type ColumnRole =
  | { role: "code"; part: CodePart }
  | { role: "name" }
  | { role: "amount" }
  /** Budget-unit codes (单位代码 113001) beside the classification: not part of a line item's code. */
  | { role: "unit" }
  /** Row numbers (序号, 行次): neither label nor figure. */
  | { role: "index" }
  /** A printed property of the row that is neither its name nor a figure (项目类型, 采购方式, 指标值 …). */
  | { role: "attribute" };

export interface Column { index: number; header: string[]; role: ColumnRole }
export interface Panel { columns: Column[] }

export interface TableLayout {
  /** Cell covering each grid position (merged cells repeated over their span). */
  refs: (Cell | null)[][];
  /** Rows above the header that hold a title or unit line caught inside the ruled area. */
  titleRows: string[];
  headerRowCount: number;
  /** First row index of the body (after title and header rows). */
  bodyStart: number;
  columns: Column[];
  panels: Panel[];
}

export function cellRefs(table: Table): (Cell | null)[][] {
  const refs: (Cell | null)[][] = Array.from({ length: table.nRows }, () => Array<Cell | null>(table.nCols).fill(null));
  for (const c of table.cells)
    for (let r = c.row; r < c.row + c.rowSpan; r++)
      for (let k = c.col; k < c.col + c.colSpan; k++) refs[r]![k] = c;
  return refs;
}

const textAt = (refs: (Cell | null)[][], r: number, c: number) => cellLine(refs[r]?.[c]?.text ?? "");

const CODE_HEADER = /编码|代码|^类$|^款$|^项$|^科目$/;
const UNIT_CODE_HEADER = /(单位|部门)[）)]?(代码|编码)|项目编码/;
const ATTRIBUTE_HEADER = /^(项目类型|类型|资金性质|采购方式|采购组织形式|组织形式|备注|指标值|指标值说明|计量单位|指标方向|评(分|价)标准|项目单位|实施单位)$/;
const INDEX_HEADER = /^(序号|行次|栏次|编号)$/;
const CODE_PART_LABEL = /^(类|款|项)$/;
const TITLE_ROW = /表(（[^）]*）|\([^)]*\))?$|单位[:：]/;

/** 栏次 rows number the columns 1, 2, 3 …: header, not data. */
export function isColumnNumberRow(texts: string[]): boolean {
  const marks = texts.filter((t) => t !== "" && !/^(栏次|行次)$/.test(t));
  const numbered = marks.length >= 2 && marks.every((t, i) => t === String(i + 1));
  const lettered = marks.length >= 2 && marks.every((t) => /^[A-Z]$/.test(t));
  return numbered || lettered;
}

export function rowTexts(refs: (Cell | null)[][], r: number): string[] {
  // Each merged cell counted once, at its first column.
  return refs[r]!.map((cell, c) => (cell && (c === 0 || refs[r]![c - 1] !== cell) ? cellLine(cell.text) : ""));
}

export function analyseLayout(table: Table): TableLayout {
  const refs = cellRefs(table);
  const nRows = table.nRows, nCols = table.nCols;

  // Title or unit lines printed inside the ruled area: rows that are one cell across the table.
  const titleRows: string[] = [];
  let top = 0;
  while (top < nRows) {
    const distinct = new Set(refs[top]!.filter((c) => c && c.text.trim()));
    const only = [...distinct][0];
    if (distinct.size === 1 && only && only.colSpan === nCols && TITLE_ROW.test(cellLine(only.text))) {
      titleRows.push(cellLine(only.text));
      top++;
    } else if (distinct.size === 0 && top === 0) top++;
    else break;
  }

  // The body starts at the first row with an amount (or a code), or a total label.
  let bodyStart = -1;
  for (let r = top; r < nRows && bodyStart < 0; r++) {
    const texts = rowTexts(refs, r);
    if (isColumnNumberRow(texts)) continue;
    if (texts.some((t) => parseAmount(t) !== null)) bodyStart = r;
  }
  if (bodyStart < 0) {
    // A table printed without figures (空表): its body is the trailing rows that are blank
    // or only a 合计 label; everything above is header.
    bodyStart = nRows;
    while (bodyStart > top) {
      const texts = rowTexts(refs, bodyStart - 1).filter((t) => t);
      if (texts.length === 0 || (texts.length === 1 && TOTAL_LABEL.test(texts[0]!))) bodyStart--;
      else break;
    }
  }
  // A header that only got its last row (类 款 项) inside the first body row still counts.
  const headerRows = Array.from({ length: bodyStart - top }, (_, i) => top + i).filter((r) => !isColumnNumberRow(rowTexts(refs, r)));

  const columns: Column[] = [];
  for (let c = 0; c < nCols; c++) {
    const header: string[] = [];
    for (const r of headerRows) {
      const t = textAt(refs, r, c);
      if (t && header[header.length - 1] !== t) header.push(t);
    }
    // 类/款/项 printed in the first body row, beside 合计 (final-accounts template).
    const first = bodyStart < nRows ? textAt(refs, bodyStart, c) : "";
    if (CODE_PART_LABEL.test(first)) header.push(first);
    columns.push({ index: c, header, role: columnRole(refs, header, c, bodyStart) });
  }
  assignCodeParts(columns);
  return { refs, titleRows, headerRowCount: headerRows.length, bodyStart, columns, panels: splitPanels(columns) };
}

function columnRole(refs: (Cell | null)[][], header: string[], c: number, bodyStart: number): ColumnRole {
  let amounts = 0, codes = 0, texts = 0;
  for (let r = bodyStart; r < refs.length; r++) {
    const cell = refs[r]![c];
    if (!cell || (c > 0 && refs[r]![c - 1] === cell)) continue; // count a merged cell once
    const t = cellLine(cell.text);
    if (!t || CODE_PART_LABEL.test(t)) continue;
    // Budget-unit codes (036, 309001) may stand among classification codes under a code header.
    if (parseFullCode(t) !== null || parseCodePart(t, "款") !== null || /^\d{3,9}$/.test(t)) codes++;
    if (parseAmount(t) !== null) amounts++;
    else texts++;
  }
  if (header.some((h) => UNIT_CODE_HEADER.test(h))) return { role: "unit" };
  if (header.some((h) => INDEX_HEADER.test(h))) return { role: "index" };
  if (ATTRIBUTE_HEADER.test(header[header.length - 1] ?? "")) return { role: "attribute" };
  const codeHeader = header.some((h) => CODE_HEADER.test(h));
  if (codeHeader && codes >= amounts && codes > 0) return { role: "code", part: "full" };
  if (codeHeader && codes === 0 && texts === 0) return { role: "code", part: "full" };
  if (amounts > texts) return { role: "amount" };
  if (amounts === 0 && texts === 0 && !codeHeader && !/名称|^项目$/.test(header[header.length - 1] ?? "")) return { role: "amount" };
  return { role: "name" };
}

/** Consecutive code columns are 类|款|项 (or 类|款 for economic codes) unless the header says which. */
function assignCodeParts(columns: Column[]) {
  let run: Column[] = [];
  const flush = () => {
    if (run.length > 1) {
      const parts: CodePart[] = run.length === 3 ? ["类", "款", "项"] : ["类", "款"];
      run.forEach((col, i) => {
        const labelled = col.header.find((h) => CODE_PART_LABEL.test(h)) as CodePart | undefined;
        col.role = { role: "code", part: labelled ?? parts[i] ?? "full" };
      });
    }
    run = [];
  };
  for (const col of columns) {
    if (col.role.role === "code") run.push(col);
    else flush();
  }
  flush();
}

/** A new panel starts where a code or name column follows an amount column. */
function splitPanels(columns: Column[]): Panel[] {
  const panels: Panel[] = [];
  let cur: Column[] = [];
  for (const col of columns) {
    const last = cur[cur.length - 1];
    if (last && last.role.role === "amount" && (col.role.role === "code" || col.role.role === "name")) {
      panels.push({ columns: cur });
      cur = [];
    }
    cur.push(col);
  }
  if (cur.length) panels.push({ columns: cur });
  return panels;
}
