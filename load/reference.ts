// Code dimensions, data-driven: every transform/reference/*-codes.json and *-crosswalk.json
// that exists is read, validated with zod and loaded into classification_codes /
// code_crosswalk. The scheme is the file name's prefix (functional-codes.json → functional).
// Absent files load nothing; unknown extra keys are ignored.
import { readdir, readFile } from "node:fs/promises";
import { join, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { AdminDivisionsFileSchema } from "../transform/admin-divisions.ts";

export const DEFAULT_REFERENCE_DIR = fileURLToPath(new URL("../transform/reference/", import.meta.url));

const year = z.coerce.number().int().min(1990).max(2100);
const optYear = year.nullish().transform((v) => v ?? null);

/** Accepts camelCase or snake_case keys (validFrom / valid_from …). */
const renameKeys = (aliases: Record<string, string[]>) => (v: unknown) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  const o = { ...(v as Record<string, unknown>) };
  for (const [key, names] of Object.entries(aliases))
    for (const n of names) if (o[key] === undefined && o[n] !== undefined) o[key] = o[n];
  return o;
};

const LEVELS: Record<string, number> = { 类: 1, 款: 2, 项: 3, "1": 1, "2": 2, "3": 3 };

/** One name period: { from, to, name } (to = last fiscal year the name is valid). */
const NamePeriod = z.preprocess(
  renameKeys({ from: ["validFrom", "valid_from"], to: ["validTo", "valid_to", "until"] }),
  z.object({ from: optYear, to: optYear, name: z.string().min(1) }).passthrough(),
);

/** A code with its names over time: `names: [{from, to, name}]`, or a single `name` with validFrom/validTo. */
export const CodeEntry = z.preprocess(
  renameKeys({ parent: ["parent_code", "parentCode"] }),
  z.object({
    code: z.string().regex(/^\d{3,7}$/),
    level: z.union([z.string(), z.number()]).nullish(),
    parent: z.string().nullish(),
    name: z.string().min(1).optional(),
    validFrom: optYear.optional(),
    valid_from: optYear.optional(),
    validTo: optYear.optional(),
    valid_to: optYear.optional(),
    names: z.array(NamePeriod).optional(),
    uncertain: z.boolean().optional(),
  }).passthrough().refine((c) => c.name !== undefined || (c.names?.length ?? 0) > 0, "a code needs `name` or `names`"),
);

/**
 * A change between years: { type, code, year, to: [codes] } (rename | move | merge | split |
 * discontinue), or { from, to, year }. `year` is the first fiscal year of the new state.
 */
export const CrosswalkEntry = z.preprocess(
  renameKeys({ code: ["from", "from_code", "fromCode", "old"], year: ["since", "validFrom", "valid_from"] }),
  z.object({
    type: z.string().default("move"),
    code: z.string().regex(/^\d{3,7}$/),
    year: optYear,
    to: z.union([z.string(), z.array(z.string())]).nullish().transform((v) => (v == null ? [] : Array.isArray(v) ? v : [v])),
    note: z.string().nullish(),
    uncertain: z.boolean().optional(),
  }).passthrough(),
);

/** Department ↔ government economic codes: { department, government, agencyType }. */
export const EconomicMapping = z.object({
  department: z.string().regex(/^\d{3,7}$/),
  government: z.string().regex(/^\d{3,7}$/),
  agencyType: z.string().nullish(),
}).passthrough();

export const CodeReferenceFile = z.preprocess(
  (v) => (Array.isArray(v) ? { codes: v } : v),
  z.object({
    version: z.string().nullish(),
    classification: z.string().nullish(),
    codes: z.array(CodeEntry).optional(),
  }).passthrough(),
);

export const CrosswalkFile = z.object({
  version: z.string().nullish(),
  changes: z.array(CrosswalkEntry).default([]),
  crosswalk: z.array(CrosswalkEntry).default([]),
  mappings: z.array(EconomicMapping).default([]),
}).passthrough();

export interface CodeRow {
  scheme: string; code: string; level: number | null; name: string;
  validFrom: number | null; validTo: number | null; parent: string | null; uncertain: boolean; source: string;
}
export interface CrosswalkRow {
  scheme: string; type: string; from: string; to: string | null; year: number | null;
  /** The code in use in the latest year (chains followed); null when split or discontinued. */
  current: string | null; note: string | null; uncertain: boolean; source: string;
}
export interface CodeReference { codes: CodeRow[]; crosswalk: CrosswalkRow[]; files: string[] }

/** Level from the digits: 3 → 1 (类), 5 → 2 (款), 7 → 3 (项). */
export const codeLevel = (code: string): number | null => ({ 3: 1, 5: 2, 7: 3 } as Record<number, number>)[code.length] ?? null;

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, path: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Code lists in a *-codes.json: top-level `codes`, or `codes` of any top-level object (economic: department, government). */
function codeLists(file: Record<string, unknown>, path: string): Array<z.output<typeof CodeEntry>[]> {
  const lists: unknown[] = [];
  if (Array.isArray(file.codes)) lists.push(file.codes);
  for (const v of Object.values(file))
    if (v && typeof v === "object" && !Array.isArray(v) && Array.isArray((v as { codes?: unknown }).codes)) lists.push((v as { codes: unknown }).codes);
  return lists.map((l) => parseOrThrow(z.array(CodeEntry), l, path));
}

/**
 * Reads every *-codes.json and *-crosswalk.json in dir; the scheme is the name's prefix
 * (functional, economic). Throws on a file that does not validate, naming it.
 */
export async function readCodeReference(dir: string = DEFAULT_REFERENCE_DIR): Promise<CodeReference> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /-(codes|crosswalk)\.json$/.test(n)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { codes: [], crosswalk: [], files: [] };
    throw e;
  }
  const ref: CodeReference = { codes: [], crosswalk: [], files: [] };
  for (const name of names) {
    const path = join(dir, name);
    const raw = await readJson(path);
    if (name.endsWith("-codes.json")) {
      const scheme = basename(name, "-codes.json");
      const file = parseOrThrow(CodeReferenceFile, raw, path) as Record<string, unknown>;
      const source = `${name}${file.version ? `@${file.version}` : ""}`;
      for (const list of codeLists(file, path))
        for (const c of list) {
          const periods = c.names ?? [{ from: c.validFrom ?? c.valid_from ?? null, to: c.validTo ?? c.valid_to ?? null, name: c.name! }];
          for (const p of periods)
            ref.codes.push({
              scheme, code: c.code, level: (c.level != null ? LEVELS[String(c.level)] : undefined) ?? codeLevel(c.code),
              name: p.name, validFrom: p.from, validTo: p.to, uncertain: c.uncertain ?? false, source,
              parent: c.parent ?? (c.code.length > 3 ? c.code.slice(0, c.code.length - 2) : null),
            });
        }
    } else {
      const scheme = basename(name, "-crosswalk.json");
      const file = parseOrThrow(CrosswalkFile, raw, path);
      const source = `${name}${file.version ? `@${file.version}` : ""}`;
      const changes = [...file.changes, ...file.crosswalk];
      // Where a code went (one successor only; split and discontinue end the chain).
      const successor = new Map<string, string | null>();
      for (const x of changes) if (x.type !== "rename") successor.set(x.code, x.to.length === 1 ? x.to[0]! : null);
      const follow = (code: string): string | null => {
        let current: string | null = code;
        const seen = new Set<string>();
        while (current !== null && successor.has(current) && !seen.has(current)) {
          seen.add(current);
          current = successor.get(current)!;
        }
        return current;
      };
      for (const x of changes) {
        const targets = x.type === "rename" ? [x.code] : x.to.length > 0 ? x.to : [null];
        for (const to of targets)
          ref.crosswalk.push({
            scheme, type: x.type, from: x.code, to, year: x.year, note: x.note ?? null, uncertain: x.uncertain ?? false, source,
            current: x.type === "rename" ? follow(x.code) : x.to.length === 1 ? follow(x.to[0]!) : null,
          });
      }
      for (const m of file.mappings)
        ref.crosswalk.push({
          scheme, type: "department_to_government", from: m.department, to: m.government, year: null,
          current: m.government, note: m.agencyType ?? null, uncertain: Boolean((m as { uncertain?: boolean }).uncertain), source,
        });
    }
    ref.files.push(name);
  }
  return ref;
}

/** Province, city and county rows from admin-divisions.json (the region dimension's seed): every province, every
 *  city with its province, every county with its province and city (null for a municipality's districts and
 *  province-administered counties). One row per code, the first in the file: 419001 is 济源市 and also 济源产城融合示范区. */
export async function readRegions(dir: string = DEFAULT_REFERENCE_DIR): Promise<Array<{ code: string; province: string | null; city: string | null; county: string | null; level: string }>> {
  let raw: string;
  try {
    raw = await readFile(join(dir, "admin-divisions.json"), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const file = AdminDivisionsFileSchema.parse(JSON.parse(raw));
  type Row = { code: string; province: string | null; city: string | null; county: string | null; level: string };
  const rows: Row[] = [
    ...Object.entries(file.provinces).map(([province, code]) => ({ code, province, city: null, county: null, level: "province" })),
    ...file.cities.map((c) => ({ code: c.code, province: c.province, city: c.name, county: null, level: "city" })),
    ...file.counties.map((c) => ({ code: c.code, province: c.province, city: c.city, county: c.name, level: "county" })),
  ];
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.code) && Boolean(seen.add(r.code)));
}
