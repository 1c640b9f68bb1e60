// What a document is — department, level, region, fiscal year, phase, amount unit — each
// taken from evidence in the document (or the source config that found it), saying which.
// A fact with no evidence is null, never a default.
import { z } from "zod";
import { AmountUnit } from "./table-kind.ts";

export const Region = z.object({
  province: z.string().nullable(),
  city: z.string().nullable(),
  county: z.string().nullable(),
  /** 6-digit administrative division code of the most specific level known. */
  adminCode: z.string().regex(/^\d{6}$/).nullable(),
});
export type Region = z.infer<typeof Region>;

/** Where a fact was read: a part of the document, or the crawl source's configuration. */
export const FactSource = z.enum(["cover", "compiler", "title", "heading", "contents", "header", "tables", "source"]);
export type FactSource = z.infer<typeof FactSource>;

export const FactSources = z.object({
  department: FactSource.nullable(),
  level: FactSource.nullable(),
  region: FactSource.nullable(),
  fiscalYear: FactSource.nullable(),
  phase: FactSource.nullable(),
  amountUnit: FactSource.nullable(),
});
export type FactSources = z.infer<typeof FactSources>;

export const DocumentFacts = z.object({
  /** The department (预算主管部门), or the unit for a unit-level document. */
  department: z.string().min(1).nullable(),
  level: z.enum(["department", "unit"]).nullable(),
  region: Region,
  fiscalYear: z.number().int().min(2000).max(2100).nullable(),
  phase: z.enum(["budget", "final"]).nullable(),
  /** The unit most tables print in. */
  amountUnit: AmountUnit.nullable(),
  /** Where each fact was read (null: not found, and the fact is null). */
  sources: FactSources,
});
export type DocumentFacts = z.infer<typeof DocumentFacts>;

export const NO_FACT_SOURCES: FactSources = { department: null, level: null, region: null, fiscalYear: null, phase: null, amountUnit: null };
