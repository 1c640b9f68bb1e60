// The line items of a document: every recognised standard table's records, in
// the document's unit where a table states none.
import type { AmountUnit, LineItem } from "./line-item.ts";
import type { RecognisedTable } from "./recognise-tables.ts";
import { readRecords } from "./table-records.ts";
import { tableLineItems } from "./table-line-items.ts";
import { normaliseCodes } from "./normalise-codes.ts";
import { projectItems, type ProjectItem } from "./project-items.ts";
import { performanceIndicators, type PerformanceIndicator } from "./performance-indicators.ts";

/** Unit for tables that print none: the one most tables of the document state. */
export function documentUnit(tables: RecognisedTable[]): AmountUnit | null {
  const counts = new Map<AmountUnit, number>();
  for (const t of tables) if (t.unit) counts.set(t.unit, (counts.get(t.unit) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** Kinds read into their own shapes (project-items.ts, performance-indicators.ts), not line items. */
const OWN_SHAPE = new Set(["project", "performance"]);

export function documentLineItems(tables: RecognisedTable[], fiscalYear: number | null = null): LineItem[] {
  const fallback = documentUnit(tables) ?? "元";
  const items = tables.flatMap((t) =>
    t.kind && !OWN_SHAPE.has(t.kind)
      ? tableLineItems(t.kind, t.layout, readRecords(t.layout), t.unit ?? fallback).map((i) => ({ ...i, scope: t.scope }))
      : [],
  );
  return normaliseCodes(items, { fiscalYear });
}

/** Projects and performance indicators of a document. */
export function documentDetails(tables: RecognisedTable[]): { projects: ProjectItem[]; indicators: PerformanceIndicator[] } {
  const fallback = documentUnit(tables) ?? "元";
  return {
    projects: tables.filter((t) => t.kind === "project").flatMap((t) => projectItems(t, t.unit ?? fallback)),
    indicators: tables.filter((t) => t.kind === "performance").flatMap(performanceIndicators),
  };
}
