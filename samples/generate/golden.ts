// Golden CSV and meta.json in the format of ../shared/spec/golden-format.md.
import type { GoldenKind, GoldenRow, SampleDoc } from "./model.ts";
import { type ExpectedFile, type ExtTable, ExpectedFile as ExpectedSchema } from "./expected-schema.ts";

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
    ...(doc.departmentCode ? { department_code: doc.departmentCode } : {}),
    ...(doc.units ? { units: doc.units } : {}),
  };
  return JSON.stringify(meta, null, 2) + "\n";
}

/** The extended expectation file: every table with an `ext`, plus the kinds of all printed tables in order. */
export function expectedFile(doc: SampleDoc): string {
  const tables: ExtTable[] = doc.tables.flatMap((t) => {
    if (!t.ext) return [];
    const { kind, scope = "department", unitCode, unitName, row_format, rows } = t.ext;
    const empty = row_format === "performance" ? rows.length === 0
      : (rows as { amounts: Record<string, string> }[]).every((r) => Object.keys(r.amounts).length === 0);
    return [{
      kind, title: t.title, label: t.label ?? null, unit: t.unit, scope, unit_code: unitCode ?? null, unit_name: unitName ?? null,
      empty, note: t.note ?? null, row_format, rows,
    } as ExtTable];
  });
  const printed = doc.tables.map((t) => ({
    kind: t.ext?.kind ?? t.golden[0]?.table ?? null,
    title: t.title,
    in: t.ext ? "expected" as const : t.golden.length ? "golden" as const : "none" as const,
  }));
  const file: ExpectedFile = ExpectedSchema.parse({ doc_id: doc.docId, printed, tables });
  return JSON.stringify(file, null, 2) + "\n";
}
