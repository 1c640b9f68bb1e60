// Codes and names against the classification in force in the fiscal year:
// which classification a code is, its standard name (completing truncated or
// wrapped names), and — for a code printed damaged (类 "7" for 210, OCR "000") —
// the standard code the name and the hierarchy around it point to. The printed
// code and name are kept; the normalised ones go beside them.
import { economicFile, functionalFile, normaliseName, type CodeEntry, type Classification } from "./code-reference.ts";
import type { TableKind } from "./contract/index.ts";
import type { DraftLineItem } from "./table-line-items.ts";
import { tableKindSpec } from "./table-kind-registry.ts";

type LineItem = DraftLineItem;

const ENTRIES: Record<Classification, CodeEntry[]> = {
  functional: functionalFile.codes,
  department: economicFile.department.codes,
  government: economicFile.government.codes,
};

/** The classification a table's codes belong to (economic tables: 301… department side, 501… government side). */
export function classificationOf(table: TableKind, code: string): Classification | null {
  const classification = tableKindSpec(table).classification;
  if (classification === "economic") return code.startsWith("5") ? "government" : "department";
  return classification;
}

const nameIn = (e: CodeEntry, year: number) => e.names.find((p) => p.from <= year && year <= p.to)?.name ?? null;

/** Each classification's entries by code (every item looks its code up). */
const BY_CODE = Object.fromEntries(Object.entries(ENTRIES).map(([k, es]) => {
  const byCode = new Map<string, CodeEntry>();
  for (const e of es) if (!byCode.has(e.code)) byCode.set(e.code, e); // the first, as a search in file order finds
  return [k, byCode];
})) as Record<Classification, Map<string, CodeEntry>>;
const entryOf = (classification: Classification, code: string) => BY_CODE[classification].get(code);

/** A classification's entries with their normalised names in force that year, in file order; made once per year. */
const namedIn = new Map<string, Array<{ name: string; entry: CodeEntry }>>();
function entriesNamedIn(classification: Classification, year: number): Array<{ name: string; entry: CodeEntry }> {
  const key = `${classification}:${year}`;
  let list = namedIn.get(key);
  if (!list) {
    list = ENTRIES[classification].flatMap((entry) => { const n = nameIn(entry, year); return n === null ? [] : [{ name: normaliseName(n), entry }]; });
    namedIn.set(key, list);
  }
  return list;
}

/** Codes of a classification whose name that year is `name`, or begins with it (a truncated name). */
function codesNamed(classification: Classification, name: string, year: number): CodeEntry[] {
  const wanted = normaliseName(name);
  if (wanted.length < 2) return [];
  const named = entriesNamedIn(classification, year);
  const exact = named.filter((n) => n.name === wanted);
  return (exact.length ? exact : named.filter((n) => n.name.startsWith(wanted))).map((n) => n.entry);
}

export interface NormalisationContext {
  fiscalYear: number | null;
}

/**
 * Normalise the items of one document, in printed order: the codes printed
 * before a damaged one (its parent 款, its 类) are the hierarchy that disambiguates it.
 */
export function normaliseCodes<T extends LineItem>(items: T[], ctx: NormalisationContext): T[] {
  const year = ctx.fiscalYear;
  if (year === null) return items;
  const repairedByRow = new Map<string, string>();
  let previousCodes: string[] = [];
  return items.map((item): T => {
    if (!item.code) return codeFromName(item, year, previousCodes);
    const classification = classificationOf(item.table, item.code);
    if (!classification) return item;
    const entry = entryOf(classification, item.code);
    const official = entry ? nameIn(entry, year) : null;
    if (official !== null) {
      previousCodes = [item.code, ...previousCodes].slice(0, 8);
      const standard = normaliseName(official) === normaliseName(item.name) || normaliseName(official).startsWith(normaliseName(item.name));
      if (standard) return { ...item, classification, normalisedCode: item.code, codeStatus: "standard", canonicalName: official };
      // Local numbering (a Shanghai 30202 咨询费 is the standard 30203): the standard code of that name under the same 类.
      const byName = codesNamed(classification, item.name, year).filter((e) => e.code.length === item.code.length && e.code.slice(0, 3) === item.code.slice(0, 3) && normaliseName(nameIn(e, year)!) === normaliseName(item.name));
      if (byName.length === 1) return { ...item, classification, normalisedCode: byName[0]!.code, codeStatus: "repaired", canonicalName: nameIn(byName[0]!, year)! };
      return { ...item, classification, normalisedCode: item.code, codeStatus: "name_differs", canonicalName: official };
    }
    // A damaged code: the same row was repaired already for another measure.
    const rowKey = `${item.table}:${item.page}:${item.row}`;
    let repaired = repairedByRow.get(rowKey) ?? null;
    if (!repaired) {
      repaired = repairFromName(item, classification, year, previousCodes);
      if (repaired) repairedByRow.set(rowKey, repaired);
    }
    if (!repaired) return { ...item, classification, normalisedCode: item.code, codeStatus: "unknown" };
    const canonical = nameIn(entryOf(classification, repaired)!, year)!;
    return { ...item, classification, normalisedCode: repaired, codeStatus: "repaired", canonicalName: canonical };
  });
}

/**
 * The standard code a damaged one stands for: named like the row, with the
 * printed digits after the damaged 类 (款, 项) where they were printed, and
 * under the codes printed just above when several fit.
 */
function repairFromName(item: LineItem, classification: Classification, year: number, previousCodes: string[]): string | null {
  let candidates = codesNamed(classification, item.name, year);
  // The 款 and 项 digits, printed in their own columns, usually survive where the 类 did not (7 | 11 | 02).
  const byLowerDigits = candidates.filter((e) => e.code.length > 3 && item.code.endsWith(e.code.slice(3)));
  if (byLowerDigits.length) candidates = byLowerDigits;
  if (candidates.length > 1) {
    const underParent = candidates.filter((e) => previousCodes.some((p) => e.code.startsWith(p) && e.code !== p));
    if (underParent.length) candidates = underParent;
  }
  return candidates.length === 1 ? candidates[0]!.code : null;
}

const NARRATIVE_CODE = /^(.+?)（类）(?:(.+?)（款）)?(?:(.+?)（项）)?$/;
const NOT_AN_ITEM = /(合计|总计|小计)$|^[一二三四五六七八九十]+、|^其中/;

/** A functional code from the narrative form "社会保障和就业支出（类）行政事业单位养老支出（款）…（项）". */
export function narrativeCode(name: string, year: number): string | null {
  const m = name.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）").match(NARRATIVE_CODE);
  if (!m) return null;
  let code: string | null = null;
  for (const part of [m[1], m[2], m[3]]) {
    if (!part) break;
    const wanted = normaliseName(part);
    const under = entriesNamedIn("functional", year).filter(({ name, entry: e }) => e.code.length === (code ? code.length + 2 : 3) && (!code || e.code.startsWith(code)) && name === wanted);
    if (under.length !== 1) return null;
    code = under[0]!.entry.code;
  }
  return code;
}

/**
 * A row printed without a code in a coded table (codes lost to OCR, or only in
 * the narrative form): the code its name gives, under the codes printed above.
 */
function codeFromName<T extends LineItem>(item: T, year: number, previousCodes: string[]): T {
  if (!item.name || NOT_AN_ITEM.test(item.name)) return item;
  const fromNarrative = narrativeCode(item.name, year);
  const classification = classificationOf(item.table, fromNarrative ?? "");
  if (!classification || (classification !== "functional" && fromNarrative)) return item;
  const code = fromNarrative ?? repairFromName({ ...item, code: "" }, classification, year, previousCodes);
  if (!code) return item;
  const entry = entryOf(classification, code)!;
  return { ...item, classification, normalisedCode: code, codeStatus: "from_name", canonicalName: nameIn(entry, year)! };
}
