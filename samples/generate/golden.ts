// Golden CSV and meta.json in the format of ../shared/spec/golden-format.md.
import type { GoldenKind, GoldenRow, SampleDoc } from "./model.ts";

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function goldenRows(doc: SampleDoc): GoldenRow[] {
  return doc.tables.flatMap((t) => t.golden);
}

export function goldenCsv(rows: GoldenRow[]): string {
  const lines = rows.map((r) => [r.table, r.code, r.name, r.measure, r.amount].map(csvField).join(","));
  return ["table,code,name,measure,amount", ...lines].join("\n") + "\n";
}

export function goldenMeta(doc: SampleDoc, rows: GoldenRow[]): string {
  const tables = [...new Set(rows.map((r) => r.table))] as GoldenKind[];
  const meta = {
    doc_id: doc.docId, department: doc.department, level: "department", fiscal_year: doc.fiscalYear,
    phase: "budget", unit: doc.unit, tables, notes: doc.notes,
  };
  return JSON.stringify(meta, null, 2) + "\n";
}
