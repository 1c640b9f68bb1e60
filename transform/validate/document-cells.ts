// The validator's view of a document: each standard table with its records
// and, for every amount, a CellValue that rules can put into identities.
import type { AmountUnit, TableKind } from "../contract/index.ts";
import type { RecognisedTable } from "../recognise-tables.ts";
import { readRecords, type RecordAmount, type TableRecord } from "../table-records.ts";
import { cellValue, type CellValue } from "./identity.ts";
import { measureFor } from "../measures.ts";

export interface TableCells {
  index: number;
  kind: TableKind;
  title: string;
  unit: AmountUnit;
  source: RecognisedTable;
  records: TableRecord[];
  /** Panel of each grid column. */
  panelOf: Map<number, number>;
}

export function tableCells(tables: RecognisedTable[], fallbackUnit: AmountUnit): TableCells[] {
  const out: TableCells[] = [];
  tables.forEach((t, index) => {
    if (!t.kind) return;
    const panelOf = new Map<number, number>();
    t.layout.panels.forEach((p, i) => p.columns.forEach((c) => panelOf.set(c.index, i)));
    out.push({ index, kind: t.kind, title: t.title, unit: t.unit ?? fallbackUnit, source: t, records: readRecords(t.layout), panelOf });
  });
  return out;
}

export const recordLabel = (r: TableRecord) => [r.code, r.name].filter(Boolean).join(" ") || "(unlabelled row)";

/** A record's amount as a CellValue. */
export function amountValue(t: TableCells, rec: TableRecord, a: RecordAmount, measure?: string): CellValue {
  return cellValue(`${t.index}:${a.cell.row}:${a.cell.col}`, {
    table: t.kind, label: recordLabel(rec), ...(rec.code ? { code: rec.code } : {}), measure: measure ?? a.column.header.join("/"),
    printed: a.printed, unit: t.unit, page: a.cell.page, bbox: a.cell.bbox,
  }, t.unit, a.printed);
}

/** A blank cell of a record (counts 0 in an identity), located at its column in the record's row. */
export function blankValue(t: TableCells, rec: TableRecord, column: number, header: string): CellValue {
  const cell = t.source.layout.refs[rec.row]?.[column] ?? null;
  return cellValue(`${t.index}:${rec.row}:${column}`, {
    table: t.kind, label: recordLabel(rec), ...(rec.code ? { code: rec.code } : {}), measure: header, printed: "", unit: t.unit,
    page: cell?.page ?? null, bbox: cell?.bbox ?? null,
  }, t.unit, null);
}

/** A record's amount in the column that reads as `measure` (total, basic …), or null. */
export function measureValue(t: TableCells | undefined, rec: TableRecord | undefined, measure: string): CellValue | null {
  if (!t || !rec) return null;
  const siblings = t.source.layout.columns.filter((c) => c.role.role === "amount").map((c) => c.header);
  const a = rec.amounts.find((x) => measureFor(t.kind, x.column.header, siblings) === measure);
  return a ? amountValue(t, rec, a, measure) : null;
}
