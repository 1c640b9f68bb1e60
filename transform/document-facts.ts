// What a document is: department or unit, region, fiscal year, phase, amount unit —
// read from its cover, its compiling-unit lines and its table titles.
import { z } from "zod";
import divisions from "./reference/admin-divisions.json" with { type: "json" };
import { AmountUnit } from "./line-item.ts";

export const Region = z.object({
  province: z.string().nullable(),
  city: z.string().nullable(),
  county: z.string().nullable(),
  /** 6-digit administrative division code of the most specific level known. */
  adminCode: z.string().regex(/^\d{6}$/).nullable(),
});
export type Region = z.infer<typeof Region>;

export const DocumentFacts = z.object({
  /** The department (预算主管部门), or the unit for a unit-level document. */
  department: z.string().nullable(),
  level: z.enum(["department", "unit"]).nullable(),
  region: Region,
  fiscalYear: z.number().int().min(2000).max(2100).nullable(),
  phase: z.enum(["budget", "final"]).nullable(),
  /** The unit most tables print in. */
  amountUnit: AmountUnit.nullable(),
});
export type DocumentFacts = z.infer<typeof DocumentFacts>;

const ORG_LINE = /(预算主管部门|主管部门|预算单位|编制单位|编制部门|部门名称|单位名称|部门)[:：]\s*([^\s:：]{2,40}?)(?=\s|单位[:：]|金额单位|$)/;
const ORG_SUFFIX = /(局|院|办公室|办公厅|委员会|常委会|厅|处|中心|所|会|部|委|站|队|馆|社|校|学|园|台|署|事处)$/;
const YEAR = /(20\d{2})\s*年/;
/** Lines at the top of the cover that name the document. */
const COVER_LINES = 5;

/** Facts from the first pages' text lines (cover first) and the table titles. */
export function documentFacts(coverLines: string[], titles: string[], amountUnit: AmountUnit | null): DocumentFacts {
  const text = [...coverLines, ...titles];
  const compact = text.map((l) => l.replace(/\s+/g, ""));
  let department: string | null = null;
  let level: DocumentFacts["level"] = null;
  for (const l of text) {
    const m = l.match(ORG_LINE);
    if (m) {
      department = m[2]!.replace(/[（(].*$/, "");
      if (/预算单位|单位名称/.test(m[1]!)) level = "unit";
      break;
    }
  }
  department ??= compact.find((l) => l.length <= 30 && ORG_SUFFIX.test(l) && !/表$/.test(l)) ?? null;
  // A unit-level document says so on its cover ("…2024年单位预算"); department documents mention units everywhere.
  if (compact.slice(0, COVER_LINES).some((l) => /单位(预算|决算)$/.test(l))) level = "unit";
  level ??= department ? "department" : null;

  const yearLine = compact.find((l) => YEAR.test(l) && /预算|决算/.test(l)) ?? compact.find((l) => YEAR.test(l));
  const fiscalYear = yearLine ? Number(yearLine.match(YEAR)![1]) : null;
  const phaseLine = compact.find((l) => /(部门|单位)?(预算|决算)/.test(l) && YEAR.test(l)) ?? compact.find((l) => /决算|预算/.test(l));
  const phase = phaseLine ? (/决算/.test(phaseLine) ? "final" : "budget") : null;

  return { department, level, region: regionOf(department ?? compact.slice(0, 3).join("")), fiscalYear, phase, amountUnit };
}

/** Province, city and county named at the start of an organisation's name. */
export function regionOf(name: string): Region {
  const region: Region = { province: null, city: null, county: null, adminCode: null };
  let rest = name;
  const province = Object.keys(divisions.provinces).find((p) => rest.startsWith(p) || rest.startsWith(p.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, "")));
  if (province) {
    region.province = province;
    region.adminCode = (divisions.provinces as Record<string, string>)[province]!;
    rest = rest.slice(rest.startsWith(province) ? province.length : province.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, "").length);
  }
  // Municipalities (上海市 …) have districts directly under them.
  const city = /^(北京市|天津市|上海市|重庆市)$/.test(province ?? "") ? null : rest.match(/^(.{2,8}?(市|州|盟|地区))/)?.[1] ?? null;
  if (city) { region.city = city; rest = rest.slice(city.length); }
  const county = rest.match(/^(.{1,8}?(区|县|旗|市))(?!场)/)?.[1] ?? null;
  if (county && !/人民政府/.test(county)) region.county = county;
  for (const place of divisions.places as Array<{ province: string; city?: string; county?: string; code: string }>) {
    const sameProvince = !region.province || place.province === region.province;
    if (sameProvince && (place.city ?? null) === (region.city ?? place.city ?? null) && (place.county ?? null) === region.county && (place.city || place.county)) {
      region.province ??= place.province;
      region.city ??= place.city ?? null;
      region.adminCode = place.code;
    }
  }
  return region;
}
