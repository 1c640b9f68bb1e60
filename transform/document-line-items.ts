// The line items, projects and indicators of a document: every recognised table's records,
// in the table's unit, else the document's (null where neither states one).
import type { AmountUnit, PerformanceIndicator, ProjectItem } from "./contract/index.ts";
import type { RecognisedTable } from "./recognise-tables.ts";
import { readRecords } from "./table-records.ts";
import { tableLineItems, type DraftLineItem } from "./table-line-items.ts";
import { normaliseCodes } from "./normalise-codes.ts";
import { projectItems } from "./project-items.ts";
import { performanceIndicators } from "./performance-indicators.ts";
import { tableKindSpec } from "./table-kind-registry.ts";

/** Unit for tables that print none: the one most tables of the document state. */
export function documentUnit(tables: RecognisedTable[]): AmountUnit | null {
  const counts = new Map<AmountUnit, number>();
  for (const t of tables) if (t.unit) counts.set(t.unit, (counts.get(t.unit) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export function documentLineItems(tables: RecognisedTable[], fiscalYear: number | null): DraftLineItem[] {
  const fallback = documentUnit(tables);
  const items = tables.flatMap((t, tableIndex) =>
    t.kind && tableKindSpec(t.kind).shape === "line_items"
      ? tableLineItems({ kind: t.kind, tableIndex, unit: t.unit ?? fallback, scope: t.scope, budgetUnit: t.scope === "unit" ? t.unitName : null }, t.layout, readRecords(t.layout))
      : [],
  );
  return normaliseCodes(items, { fiscalYear });
}

/** Projects and performance indicators of a document. */
export function documentDetails(tables: RecognisedTable[]): { projects: ProjectItem[]; indicators: PerformanceIndicator[] } {
  const fallback = documentUnit(tables);
  const shaped = (shape: string) => tables.filter((t) => t.kind && tableKindSpec(t.kind).shape === shape);
  return {
    projects: shaped("projects").flatMap((t) => projectItems(t, t.unit ?? fallback)),
    indicators: shaped("indicators").flatMap(performanceIndicators),
  };
}
