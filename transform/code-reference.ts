// Classification code reference data (transform/reference/*.json): names valid in each
// fiscal year, parents, the department → government economic crosswalk, and the
// functional crosswalk across years. The files are validated with zod when this module loads.
// Sources, schema and known gaps: transform/reference/README.md.
import { z } from "zod";
import functionalJson from "./reference/functional-codes.json" with { type: "json" };
import economicJson from "./reference/economic-codes.json" with { type: "json" };
import economicCrosswalkJson from "./reference/economic-crosswalk.json" with { type: "json" };
import functionalCrosswalkJson from "./reference/functional-crosswalk.json" with { type: "json" };

// ---------------------------------------------------------------- schemas

const LEVEL_BY_LENGTH: Record<number, "类" | "款" | "项"> = { 3: "类", 5: "款", 7: "项" };

const Year = z.number().int().min(2000).max(2100);

export const NamePeriodSchema = z
  .object({ from: Year, to: Year, name: z.string().min(1), evidence: z.array(z.string().min(1)).optional() })
  .refine((p) => p.from <= p.to, { message: "name period with from > to" });

const Level = z.enum(["类", "款", "项"]);

export const CodeEntrySchema = z
  .object({
    code: z.string().regex(/^\d{3}(\d{2}){0,2}$/),
    level: Level,
    parent: z.string().nullable(),
    names: z.array(NamePeriodSchema).min(1),
    sources: z.array(z.string().min(1)).min(1),
    uncertain: z.boolean().optional(),
    note: z.string().optional(),
    generated: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.level !== LEVEL_BY_LENGTH[e.code.length]) ctx.addIssue({ code: "custom", message: `${e.code}: level ${e.level} does not fit its length` });
    if (e.parent !== parentOf(e.code)) ctx.addIssue({ code: "custom", message: `${e.code}: parent ${e.parent} is not its prefix` });
    const sorted = [...e.names].sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.from <= sorted[i - 1]!.to) ctx.addIssue({ code: "custom", message: `${e.code}: overlapping name periods` });
    }
  });

const SourceSchema = z.object({ kind: z.enum(["official", "page", "disclosure", "repository"]), title: z.string() }).passthrough();
const Header = {
  version: z.string().regex(/^\d{4}\.\d+$/),
  years: z.object({ from: Year, to: Year }),
  sources: z.record(z.string(), SourceSchema),
};

export const FunctionalFileSchema = z.object({ ...Header, classification: z.string(), codes: z.array(CodeEntrySchema) });

export const EconomicFileSchema = z.object({
  ...Header,
  classification: z.string(),
  department: z.object({ name: z.string(), codes: z.array(CodeEntrySchema) }),
  government: z.object({ name: z.string(), introduced: Year, codes: z.array(CodeEntrySchema) }),
});

export const AgencyTypeSchema = z.enum(["机关", "事业单位"]);
export type AgencyType = z.infer<typeof AgencyTypeSchema>;

export const EconomicMappingSchema = z.object({
  department: z.string().regex(/^3\d{4}$/),
  agencyType: AgencyTypeSchema,
  government: z.string().regex(/^5\d{4}$/),
  sources: z.array(z.string()).min(1),
  uncertain: z.boolean().optional(),
  note: z.string().optional(),
});

export const EconomicCrosswalkFileSchema = z.object({
  ...Header,
  title: z.string(),
  mappings: z.array(EconomicMappingSchema),
  printedButNotListed: z.array(z.object({ department: z.string(), government: z.string() })),
});

export const FunctionalChangeSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("rename"), code: z.string(), year: Year, oldName: z.string(), newName: z.string(), uncertain: z.boolean().optional() }),
  z.object({
    type: z.enum(["move", "merge", "split", "discontinue"]),
    code: z.string(),
    year: Year,
    to: z.array(z.string()),
    note: z.string().optional(),
    uncertain: z.boolean().optional(),
  }),
]);
export type FunctionalChange = z.infer<typeof FunctionalChangeSchema>;

export const FunctionalCrosswalkFileSchema = z.object({ ...Header, title: z.string(), changes: z.array(FunctionalChangeSchema) });

export type CodeEntry = z.infer<typeof CodeEntrySchema>;
export type Classification = "functional" | "department" | "government";
export type EconomicSide = "department" | "government";

// ---------------------------------------------------------------- data (validated on load)

export const functionalFile = FunctionalFileSchema.parse(functionalJson);
export const economicFile = EconomicFileSchema.parse(economicJson);
export const economicCrosswalkFile = EconomicCrosswalkFileSchema.parse(economicCrosswalkJson);
export const functionalCrosswalkFile = FunctionalCrosswalkFileSchema.parse(functionalCrosswalkJson);

/** Last fiscal year the reference data covers; currentFunctionalCode maps to this year. */
export const CURRENT_YEAR = functionalFile.years.to;

const byCode = (entries: CodeEntry[]) => {
  const m = new Map<string, CodeEntry>();
  for (const e of entries) {
    if (m.has(e.code)) throw new Error(`code-reference: duplicate code ${e.code}`);
    m.set(e.code, e);
  }
  return m;
};
const TABLES: Record<Classification, Map<string, CodeEntry>> = {
  functional: byCode(functionalFile.codes),
  department: byCode(economicFile.department.codes),
  government: byCode(economicFile.government.codes),
};
for (const m of economicCrosswalkFile.mappings) {
  if (!TABLES.department.has(m.department) || !TABLES.government.has(m.government)) {
    throw new Error(`code-reference: crosswalk ${m.department} → ${m.government} names a code missing from economic-codes.json`);
  }
}
for (const c of functionalCrosswalkFile.changes) {
  for (const code of [c.code, ...("to" in c ? c.to : [])]) {
    if (!TABLES.functional.has(code)) throw new Error(`code-reference: functional crosswalk names unknown code ${code}`);
  }
}

// ---------------------------------------------------------------- queries


/** 类 (3 digits), 款 (5) or 项 (7, functional only); null for any other form. */
export function codeLevel(code: string): "类" | "款" | "项" | null {
  return /^\d+$/.test(code) ? (LEVEL_BY_LENGTH[code.length] ?? null) : null;
}

/** The code one level up (2080505 → 20805 → 208 → null); null for a 类 or a malformed code. */
export function parentOf(code: string): string | null {
  const level = codeLevel(code);
  return level === null || level === "类" ? null : code.slice(0, code.length - 2);
}

/** The reference entry of a code, whatever the year. */
export function codeEntry(code: string, classification: Classification): CodeEntry | undefined {
  return TABLES[classification].get(code);
}

function nameIn(entry: CodeEntry | undefined, year: number): string | null {
  return entry?.names.find((p) => p.from <= year && year <= p.to)?.name ?? null;
}

/** 支出功能分类 name valid in that fiscal year, or null when the code is not known for that year. */
export function functionalName(code: string, year: number): string | null {
  return nameIn(TABLES.functional.get(code), year);
}

/** 部门预算 (301…) or 政府预算 (501…) 支出经济分类 name valid in that year, or null. */
export function economicName(code: string, year: number, side: EconomicSide): string | null {
  return nameIn(TABLES[side].get(code), year);
}

/** Whether the code is a standard code of that classification in that fiscal year. */
export function isKnownCode(code: string, year: number, classification: Classification): boolean {
  return nameIn(TABLES[classification].get(code), year) !== null;
}

/** Names compared without the differences printing introduces: bracket width, spaces. */
export function normaliseName(name: string): string {
  return name.replace(/\(/g, "（").replace(/\)/g, "）").replace(/\s+/g, "");
}

export interface CodeCheck {
  status: "ok" | "unknown-code" | "name-differs";
  /** The standard name in that year, when the code is known. */
  officialName: string | null;
}

/** A printed code and name against the standard list of that year: non-standard numbering shows as name-differs or unknown-code. */
export function checkCode(code: string, name: string, year: number, classification: Classification): CodeCheck {
  const officialName = nameIn(TABLES[classification].get(code), year);
  if (officialName === null) return { status: "unknown-code", officialName };
  return { status: normaliseName(officialName) === normaliseName(name) ? "ok" : "name-differs", officialName };
}

export interface GovernmentMapping {
  government: string;
  uncertain: boolean;
  sources: string[];
  note?: string;
}

/** 政府预算支出经济分类 code for a 部门预算 code (款 level) as spent by that kind of agency; null when no mapping is stated. */
export function departmentToGovernment(code: string, agencyType: AgencyType): GovernmentMapping | null {
  const m = economicCrosswalkFile.mappings.find((x) => x.department === code && x.agencyType === agencyType);
  if (!m) return null;
  return { government: m.government, uncertain: m.uncertain ?? false, sources: m.sources, ...(m.note ? { note: m.note } : {}) };
}

export type CrosswalkRelation = "same" | "renamed" | "moved" | "merged" | "split" | "discontinued" | "unknown";

export interface CurrentCode {
  /** The single current code, or null (unknown, discontinued, or split into several). */
  code: string | null;
  /** All current codes the old code's spending now falls under. */
  codes: string[];
  relation: CrosswalkRelation;
  /** The mapping goes through a parent (款 or 类) because the code itself has no listed successor. */
  coarser: boolean;
  uncertain: boolean;
  /** Crosswalk entries applied, oldest first. */
  steps: FunctionalChange[];
}

const STRUCTURAL = functionalCrosswalkFile.changes
  .filter((c): c is Extract<FunctionalChange, { to: string[] }> => c.type !== "rename")
  .sort((a, b) => a.year - b.year);

function followChanges(code: string, year: number): { codes: string[]; steps: Extract<FunctionalChange, { to: string[] }>[] } {
  let cur = [code];
  const steps: Extract<FunctionalChange, { to: string[] }>[] = [];
  for (const c of STRUCTURAL) {
    if (c.year <= year || !cur.includes(c.code)) continue;
    steps.push(c);
    cur = [...new Set(cur.flatMap((x) => (x === c.code ? c.to : [x])))];
  }
  return { codes: cur.filter((x) => isKnownCode(x, CURRENT_YEAR, "functional")), steps };
}

/**
 * The code(s) of the latest year covered (CURRENT_YEAR, 2025) that a functional code
 * used in `year` corresponds to. A code without its own successor is mapped through
 * its parent's (coarser: true).
 */
export function currentFunctionalCode(code: string, year: number): CurrentCode {
  const none: CurrentCode = { code: null, codes: [], relation: "unknown", coarser: false, uncertain: false, steps: [] };
  if (!isKnownCode(code, year, "functional")) return none;
  let { codes, steps } = followChanges(code, year);
  let coarser = false;
  for (let up = parentOf(code); codes.length === 0 && up !== null; up = parentOf(up)) {
    const viaParent = followChanges(up, year);
    if (viaParent.steps.length === 0 && isKnownCode(up, CURRENT_YEAR, "functional")) break; // parent continues: the code just ended
    if (viaParent.codes.length > 0) {
      ({ codes } = viaParent);
      steps = [...steps, ...viaParent.steps];
      coarser = true;
    }
  }
  const renames = functionalCrosswalkFile.changes.filter((c) => c.type === "rename" && c.year > year && codes.includes(c.code));
  const all = [...steps, ...renames].sort((a, b) => a.year - b.year);
  const types = new Set(steps.map((s) => s.type));
  let relation: CrosswalkRelation;
  if (codes.length === 0) relation = "discontinued";
  else if (types.has("split") || codes.length > 1) relation = "split";
  else if (types.has("merge")) relation = "merged";
  else if (types.has("move") || coarser || codes[0] !== code) relation = "moved";
  else relation = functionalName(code, year) === functionalName(code, CURRENT_YEAR) ? "same" : "renamed";
  const uncertain = all.some((s) => s.uncertain === true) || (TABLES.functional.get(code)?.uncertain ?? false);
  return { code: codes.length === 1 ? codes[0]! : null, codes, relation, coarser, uncertain, steps: all };
}
