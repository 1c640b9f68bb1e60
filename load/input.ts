// What the loader accepts: an extract (DocumentExtract fits), or a document that could
// not be extracted, plus where it came from. Fields the transform stage does not produce
// yet (findings, projects, performance) are optional: their tables stay empty until it does.
import { z } from "zod";
import { LineItem, TableKind, AmountUnit } from "../transform/line-item.ts";
import { DocumentFacts } from "../transform/document-facts.ts";

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "sha256 must be 64 lowercase hex digits");

/** Where a document came from (the crawler's raw-store sidecar). All optional. */
export const SourceMeta = z.object({
  /** The URL the file was fetched from; versions of one document share it. */
  url: z.string().min(1).nullish(),
  /** Publisher / site name, e.g. "上海市普陀区人民政府". */
  source: z.string().min(1).nullish(),
  fetchedAt: z.union([z.date(), z.string().datetime({ offset: true })]).nullish(),
});
export type SourceMeta = z.infer<typeof SourceMeta>;

const EMPTY_FACTS: DocumentFacts = {
  department: null, level: null, region: { province: null, city: null, county: null, adminCode: null },
  fiscalYear: null, phase: null, amountUnit: null,
};

/** A table as the extractor recognised it (RecognisedTable fits; only these fields are kept). */
export const LoadTable = z.object({
  kind: TableKind.nullable(),
  title: z.string(),
  unit: AmountUnit.nullable(),
  pages: z.array(z.number().int()),
  empty: z.boolean().default(false),
});

/**
 * A cell a finding points at: an item index, { item }, a grid position { page, row, col },
 * or the validator's cell { table, label, measure, printed, unit, page, bbox } (matched to
 * the line item printed at that page and bbox).
 */
export const FindingCell = z.union([
  z.number().int().nonnegative(),
  z.object({ item: z.number().int().nonnegative() }).passthrough(),
  z.object({ page: z.number().int().nullable(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable() }).passthrough(),
  z.object({ page: z.number().int(), row: z.number().int(), col: z.number().int() }).passthrough(),
]);

const printable = z.union([z.string(), z.number(), z.bigint()]).nullish().transform((v) => (v == null ? null : String(v)));

export const ValidationFinding = z.object({
  rule: z.string().min(1),
  /** error | warning | rounding (a difference within rounding) | info. */
  severity: z.string().min(1),
  message: z.string().nullish(),
  table: z.string().nullish(),
  code: z.string().nullish(),
  measure: z.string().nullish(),
  expected: printable,
  actual: printable,
  cells: z.array(FindingCell).default([]),
});
export type ValidationFinding = z.input<typeof ValidationFinding>;

export const ProjectRow = z.object({
  name: z.string().min(1),
  code: z.string().nullish(),
  category: z.string().nullish(),
  fund: z.string().nullish(),
  functionalCode: z.string().nullish(),
  measure: z.string().nullish(),
  amount: z.string().regex(/^-?\d+(\.\d+)?$/).nullish(),
  unit: AmountUnit.nullish(),
  page: z.number().int().positive().nullish(),
}).passthrough();

export const PerformanceIndicator = z.object({
  project: z.string().nullish(),
  level1: z.string().nullish(),
  level2: z.string().nullish(),
  indicator: z.string().min(1),
  target: z.string().nullish(),
  page: z.number().int().positive().nullish(),
}).passthrough();

/**
 * The transform stage's shapes (transform/project-items.ts, performance-indicators.ts,
 * validate/validate-document.ts) mapped onto the loader's rows: a project's unit code and
 * type, an indicator's 三级指标 and 指标值, the validation's findings.
 */
export function fromTransformShapes(input: unknown): unknown {
  if (!input || typeof input !== "object") return input;
  const doc = { ...(input as Record<string, unknown>) };
  if (Array.isArray(doc.projects)) {
    doc.projects = (doc.projects as Array<Record<string, unknown>>).map((p) =>
      "level" in p ? { ...p, code: p.unitCode ?? null, category: p.type ?? null } : p);
  }
  const validation = doc.validation as { findings?: unknown } | undefined;
  if (validation?.findings && doc.findings === undefined) doc.findings = validation.findings;
  if (Array.isArray(doc.indicators) && doc.performance === undefined) {
    doc.performance = (doc.indicators as Array<Record<string, unknown>>).map((i) => ({ ...i, project: i.subject, indicator: i.level3, target: i.value }));
  }
  return doc;
}

/**
 * A line item as the load takes it: the transform's LineItem, plus the budget unit a unit's own
 * table belongs to (its name; absent for department-level tables) until the transform carries it.
 */
export const LoadLineItem = LineItem.extend({ budgetUnit: z.string().min(1).optional() });
export type LoadLineItem = z.infer<typeof LoadLineItem>;

export const LoadableDocument = z.object({
  docId: z.string().min(1),
  file: z.string().min(1),
  sha256: Sha256,
  format: z.string().min(1),
  pageCount: z.number().int().nonnegative(),
  facts: DocumentFacts.default(EMPTY_FACTS),
  tables: z.array(LoadTable).default([]),
  items: z.array(LoadLineItem),
  /** Present (even empty) once the document has been validated; absent = unchecked. */
  findings: z.array(ValidationFinding).optional(),
  projects: z.array(ProjectRow).default([]),
  performance: z.array(PerformanceIndicator).default([]),
  /** Non-fatal problems met while extracting (kept in documents.warnings). */
  warnings: z.array(z.string()).default([]),
  source: SourceMeta.optional(),
});
export type LoadableDocument = z.input<typeof LoadableDocument>;
export type ParsedDocument = z.output<typeof LoadableDocument>;

/**
 * The document without its items' fields checked: what the loader parses per document. The
 * items are checked once per batch, column by column, against LoadLineItem (line-item-batch.ts).
 */
export const LoadableEnvelope = LoadableDocument.extend({ items: z.array(z.unknown()) });

/** A document that could not be extracted: recorded so nothing silently disappears. */
export const FailedDocument = z.object({
  docId: z.string().min(1),
  file: z.string().min(1),
  sha256: Sha256,
  format: z.string().min(1),
  pageCount: z.number().int().nonnegative().nullable().default(null),
  error: z.string().min(1),
  source: SourceMeta.optional(),
});
export type FailedDocument = z.input<typeof FailedDocument>;

export type LoadInput = LoadableDocument | FailedDocument;

export const isFailed = (d: LoadInput): d is FailedDocument => typeof (d as FailedDocument).error === "string";
