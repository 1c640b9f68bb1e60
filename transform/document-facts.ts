// What a document is — department, level, region, fiscal year, phase, amount unit — each
// read from evidence in the document, saying where: the compiling-unit line (编制单位：…),
// the cover, the headings, the table titles. A fact with no evidence stays null (the
// transform notes it); a crawled document's region may come from its source (sourceRegion).
import { ADMIN_DIVISIONS, citiesNamed, countiesNamed, provinceNamed, provinceShortName } from "./admin-divisions.ts";
import type { AmountUnit, DocumentFacts, FactSource, FactSources, Region } from "./contract/index.ts";

export interface FactsEvidence {
  /** The first pages' text lines, cover first. */
  coverLines: string[];
  /** Lines of the pages after the cover (headings: 第一部分 X概况). */
  textLines: string[];
  /** The recognised tables' titles, and the lines printed above them. */
  titles: string[];
  tableLines: string[];
  amountUnit: AmountUnit | null;
}

const compactLine = (l: string) => l.replace(/\s+/g, "");

/** 编制单位：X, 预算主管部门：X, 部门：X … up to the unit or the line's end. */
const COMPILER_LINE = /(预算主管部门|主管部门|预算单位|决算单位|编制单位|编制部门|部门名称|单位名称|填报单位|部门)[:：]([^:：]{2,40}?)(?=(金额)?单位[:：]|编制日期|日期[:：]|\d{4}年\d|$)/;
/** What an organisation's name ends with (局, 院, 办公厅, 中心 …). */
const ORG_SUFFIX = /(局|院|办公室|办公厅|委员会|常委会|厅|处|中心|所|会|部|委|站|队|馆|社|校|学|园|台|署|事处|办)$/;
const YEAR = /(20\d{2})\s*年/;
/** A document's own heading: [20XX年度]ORG[20XX年度][区级](部门|单位)(预算|决算)[公开]. */
const DOCUMENT_HEADING = /^(?:(20\d{2})年度?)?(.{2,40}?)(?:(20\d{2})年度?)?(?:[省市区县]级)?(部门|单位)(预算|决算)(?:公开|表)?$/;
/** Organ names that open with the organ, not the region: 中共江苏省委办公厅, 政协上海市普陀区委员会. */
const ORGAN_PREFIX = /^(中国共产党|中共|中国人民政治协商会议|政协|共青团|民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)/;
const COVER_LINES = 6;

interface Found<T> { value: T; source: FactSource }

export function documentFacts(e: FactsEvidence): DocumentFacts {
  const cover = e.coverLines.map(compactLine).filter(Boolean);
  // A cover heading wrapped over lines (江苏省人大常委会办公厅2018年度部门 / 预算公开) is read joined too.
  const coverHeads = cover.slice(0, COVER_LINES).flatMap((l, i, all) => [l, all[i + 1] ? l + all[i + 1] : null]).filter((l): l is string => l !== null);
  const text = e.textLines.map(compactLine).filter(Boolean);
  const titles = e.titles.map(compactLine).filter(Boolean);
  const tableLines = e.tableLines.map(compactLine);

  const department = compilerDepartment([...cover, ...tableLines]) ?? headingDepartment(coverHeads, "cover") ?? orgLine(cover.slice(0, COVER_LINES))
    ?? sectionDepartment(text) ?? headingDepartment(titles, "title");
  const level = levelOf(cover, coverHeads, [...cover, ...tableLines], titles);
  const year = yearIn(coverHeads, "cover") ?? yearIn(titles, "title") ?? yearIn(text.filter((l) => /预算|决算/.test(l)), "heading");
  const phase = phaseIn(coverHeads, "cover") ?? phaseIn(titles, "title");
  // The region from the department's name, else from a cover heading that names it (上海市普陀区2024年区级部门预算).
  const named = department ? regionOf(department.value) : null;
  const region: Found<Region> | null = named && named.province ? { value: named, source: department!.source }
    : cover.slice(0, COVER_LINES).map((l) => regionOf(l)).find((r) => r.province || r.city) ? { value: cover.slice(0, COVER_LINES).map((l) => regionOf(l)).find((r) => r.province || r.city)!, source: "cover" }
    : named && (named.city || named.county) ? { value: named, source: department!.source } : null;
  const sources: FactSources = {
    department: department?.source ?? null, level: level?.source ?? null, region: region?.source ?? null,
    fiscalYear: year?.source ?? null, phase: phase?.source ?? null, amountUnit: e.amountUnit ? "tables" : null,
  };
  return {
    department: department?.value ?? null,
    level: level?.value ?? null,
    region: region?.value ?? { province: null, city: null, county: null, adminCode: null },
    fiscalYear: year?.value ?? null,
    phase: phase?.value ?? null,
    amountUnit: e.amountUnit,
    sources,
  };
}

/** Facts the document gave no evidence for, in words (the transform notes them). */
export function missingFacts(f: DocumentFacts): string[] {
  const out: string[] = [];
  if (!f.department) out.push("department");
  if (!f.level) out.push("level (department or unit)");
  if (!f.region.province && !f.region.city && !f.region.county) out.push("region");
  if (!f.fiscalYear) out.push("fiscal year");
  if (!f.phase) out.push("phase (budget or final accounts)");
  return out;
}

function compilerDepartment(lines: string[]): Found<string> | null {
  for (const l of lines) {
    const m = l.match(COMPILER_LINE);
    const name = m?.[2]?.replace(/[（(][^）)]*[）)]?$/, "");
    if (name && ORG_SUFFIX.test(name)) return { value: name, source: "compiler" };
  }
  return null;
}

function headingDepartment(lines: string[], source: FactSource): Found<string> | null {
  for (const l of lines) {
    const m = l.replace(/(收支|收入|支出|财政拨款|一般公共|政府性基金|国有资本|“?三公”?).*$/, "").match(DOCUMENT_HEADING) ?? l.match(DOCUMENT_HEADING);
    const name = m?.[2];
    if (name && ORG_SUFFIX.test(name) && !/表$/.test(name)) return { value: name, source };
  }
  return null;
}

/** A cover line that is an organisation's name and nothing else. */
function orgLine(lines: string[]): Found<string> | null {
  const name = lines.find((l) => l.length <= 30 && ORG_SUFFIX.test(l) && !/表$|目录|[。，；]/.test(l) && !YEAR.test(l));
  return name ? { value: name, source: "cover" } : null;
}

/** 第一部分 X概况 / X部门概况. */
function sectionDepartment(lines: string[]): Found<string> | null {
  for (const l of lines) {
    const m = l.match(/^第[一二三四五六]部分(.{2,40}?)(?:20\d{2}年度?)?(?:部门|单位)?概况$/);
    if (m && ORG_SUFFIX.test(m[1]!)) return { value: m[1]!, source: "heading" };
  }
  return null;
}

function levelOf(cover: string[], coverHeads: string[], compilerLines: string[], titles: string[]): Found<"department" | "unit"> | null {
  for (const l of compilerLines) {
    const m = l.match(COMPILER_LINE);
    if (m && /预算单位|决算单位|单位名称/.test(m[1]!)) return { value: "unit", source: "compiler" };
    if (m && /主管部门|部门名称|编制部门|^部门$/.test(m[1]!)) return { value: "department", source: "compiler" };
  }
  for (const l of coverHeads) {
    if (/单位(预算|决算)(公开)?$/.test(l)) return { value: "unit", source: "cover" };
    if (/部门(预算|决算)(公开)?$/.test(l)) return { value: "department", source: "cover" };
  }
  if (titles.some((t) => /^(20\d{2}年度?)?(预算|决算)?单位/.test(t))) return { value: "unit", source: "title" };
  if (titles.some((t) => /部门/.test(t))) return { value: "department", source: "title" };
  void cover;
  return null;
}

function yearIn(lines: string[], source: FactSource): Found<number> | null {
  const line = lines.find((l) => YEAR.test(l) && /预算|决算/.test(l));
  return line ? { value: Number(line.match(YEAR)![1]), source } : null;
}

function phaseIn(lines: string[], source: FactSource): Found<"budget" | "final"> | null {
  const line = lines.find((l) => /(预算|决算)/.test(l) && (YEAR.test(l) || /(部门|单位)(预算|决算)/.test(l)));
  return line ? { value: /决算/.test(line) ? "final" : "budget", source } : null;
}

type Named = { name: string; code: string; province: string; city?: string | null; matched: "name" | "short" };

/** The longest division name (in full: 西安市, 碑林区) the text starts with, and every division of that name. */
function longestPrefix<T extends Named>(rest: string, find: (name: string) => T[]): { name: string; matches: T[] } | null {
  for (let n = Math.min(rest.length, MAX_DIVISION_NAME); n >= 2; n--) {
    const matches = find(rest.slice(0, n)).filter((d) => d.matched === "name");
    if (matches.length > 0) return { name: rest.slice(0, n), matches };
  }
  return null;
}
const MAX_DIVISION_NAME = 12;
const oneOf = <T>(values: T[]): T | null => (new Set(values).size === 1 ? values[0]! : null);

/**
 * Province, city and county named at the start of an organisation's name (after an organ prefix such
 * as 中共 or 政协), each a division of the reference (transform/admin-divisions.ts). A name many
 * divisions share (普陀区: 上海市 and 舟山市) is kept without a province or code unless the text says
 * which; a province's short form (吉林) is not read where the text starts with a city's full name (吉林市).
 */
export function regionOf(name: string): Region {
  const region: Region = { province: null, city: null, county: null, adminCode: null };
  let rest = compactLine(name).replace(ORGAN_PREFIX, "");
  const full = ADMIN_DIVISIONS.provinces.find((p) => rest.startsWith(p.name));
  const short = full ? undefined : ADMIN_DIVISIONS.provinces.find((p) => rest.startsWith(provinceShortName(p.name)) && !longestPrefix(rest, (n) => citiesNamed(n)));
  const province = full ?? short;
  if (province) {
    region.province = province.name;
    region.adminCode = province.code;
    rest = rest.slice(full ? province.name.length : provinceShortName(province.name).length);
  }
  const within = region.province ?? undefined;
  const city = longestPrefix(rest, (n) => citiesNamed(n, within));
  if (city) {
    region.city = city.name;
    rest = rest.slice(city.name.length);
    const only = city.matches.length === 1 ? city.matches[0]! : null;
    if (only) { region.province = only.province; region.adminCode = only.code; }
  }
  const county = longestPrefix(rest, (n) => countiesNamed(n, { province: region.province ?? undefined, city: city?.matches.length === 1 ? region.city! : undefined }));
  if (county) {
    region.county = county.name;
    const only = county.matches.length === 1 ? county.matches[0]! : null;
    if (only) {
      region.province = only.province;
      region.city = only.city;
      region.adminCode = only.code;
    } else if (!region.province) {
      // Ambiguous: the county's name is kept; its province only where all the divisions of that name share one.
      const shared = oneOf(county.matches.map((m) => m.province));
      if (shared) { region.province = shared; region.adminCode = provinceNamed(shared)?.code ?? null; }
    }
  }
  return region;
}
