// One document's extract: the contract between transform and load. The transform produces
// it (whatever the format), the load queue admits it and the loader reads it with this schema.
import { z } from "zod";
import { DocumentFacts } from "./document-facts.ts";
import { DocumentTable } from "./document-table.ts";
import { LineItem } from "./line-item.ts";
import { ProjectItem } from "./project.ts";
import { PerformanceIndicator } from "./indicator.ts";
import { Finding } from "./finding.ts";
import { TableKind } from "./table-kind.ts";
import { PageText } from "../../extract/reader-output.ts";

export { PageText };

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "sha256 must be 64 lowercase hex digits");

export const DocumentFormat = z.enum(["pdf", "xlsx", "xls", "docx", "doc", "html", "zip"]);
export type DocumentFormat = z.infer<typeof DocumentFormat>;


/** The standard tables the document should have, held against what was found. */
export const TableCoverage = z.object({
  /** Kinds its phase and year require, and the kinds its 目录 lists. */
  expected: z.array(TableKind),
  found: z.array(TableKind),
  missing: z.array(TableKind),
});
export type TableCoverage = z.infer<typeof TableCoverage>;

export const Validation = z.object({
  findings: z.array(Finding),
  /** Identities checked. */
  checked: z.number().int().nonnegative(),
  /** consistent: no finding; rounding: rounding differences only; inconsistent: anything else. */
  status: z.enum(["consistent", "rounding", "inconsistent"]),
  coverage: TableCoverage,
  /** Share of the line items `verified` (0–1; null without items). */
  verifiedShare: z.number().min(0).max(1).nullable(),
});
export type Validation = z.infer<typeof Validation>;

/** A ZIP member read, the one loaded (primary) and how the others agree with it. */
export const RenditionCheck = z.object({
  member: z.string(),
  format: DocumentFormat,
  ocr: z.boolean(),
  items: z.number().int().nonnegative(),
  primary: z.boolean(),
  agree: z.number().int().nonnegative(),
  disagree: z.number().int().nonnegative(),
  differ: z.array(z.string()),
  missing: z.number().int().nonnegative(),
  extra: z.number().int().nonnegative(),
});
export type RenditionCheck = z.infer<typeof RenditionCheck>;

export const DocumentExtract = z.object({
  docId: z.string().min(1),
  file: z.string().min(1),
  sha256: Sha256,
  /** By the file's bytes, not its name. */
  format: DocumentFormat,
  pageCount: z.number().int().nonnegative(),
  facts: DocumentFacts,
  /** Text outside the tables, per page read: the narrative, checked against the tables. */
  pageText: z.array(PageText),
  tables: z.array(DocumentTable),
  items: z.array(LineItem),
  projects: z.array(ProjectItem),
  indicators: z.array(PerformanceIndicator),
  validation: Validation,
  /** ZIP: every member read and how the others agree with the one loaded. */
  renditions: z.array(RenditionCheck).optional(),
  /** What the reader could not do but the document still yields (unreadable members, pages left without OCR). */
  notes: z.array(z.string()),
  /** Why the document yields no line item (no tables, narrative only …); null when it yields some. */
  emptyReason: z.string().min(1).nullable(),
});
export type DocumentExtract = z.infer<typeof DocumentExtract>;
