// Administrative divisions: the 31 provinces, the prefecture-level cities (市, 地区, 自治州, 盟) and the
// county-level divisions (区, 县, 县级市, 旗, 自治县 and the statistical 开发区/新区 areas) with their
// 6-digit codes and parents, from transform/reference/admin-divisions.json (validated with zod when this
// module loads). Pure lookups by name and code. Names repeat across the country (朝阳区 is in 北京市 and
// in 长春市), so a lookup returns every match and the caller narrows it by province or city.
import { z } from "zod";
import divisionsJson from "./reference/admin-divisions.json" with { type: "json" };

// ---------------------------------------------------------------- schema

const Code = z.string().regex(/^\d{6}$/);
const Name = z.string().min(2);

const CitySchema = z.object({ code: Code, name: Name, province: Name }).strict();
const CountySchema = z.object({ code: Code, name: Name, province: Name, city: Name.nullable(), statistical: z.literal(true).optional() }).strict();

/** The file's shape (other top-level keys are ignored). */
export const AdminDivisionsFileSchema = z
  .object({ source: z.string().min(1), provinces: z.record(Name, Code), cities: z.array(CitySchema), counties: z.array(CountySchema) })
  .superRefine((f, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", message });
    const provinceCode = new Map(Object.entries(f.provinces));
    for (const [name, code] of provinceCode) if (!code.endsWith("0000")) issue(`province ${name}: code ${code} does not end in 0000`);
    const cityCode = new Map<string, string>();
    for (const c of f.cities) {
      const p = provinceCode.get(c.province);
      if (!p) issue(`city ${c.name} ${c.code}: unknown province ${c.province}`);
      else if (c.code.slice(0, 2) !== p.slice(0, 2)) issue(`city ${c.name} ${c.code}: code outside ${c.province} ${p}`);
      if (!c.code.endsWith("00")) issue(`city ${c.name}: code ${c.code} does not end in 00`);
      if ([...cityCode.values()].includes(c.code)) issue(`city code ${c.code} appears twice`);
      cityCode.set(`${c.province}/${c.name}`, c.code);
    }
    for (const c of f.counties) {
      const p = provinceCode.get(c.province);
      if (!p) issue(`county ${c.name} ${c.code}: unknown province ${c.province}`);
      else if (c.code.slice(0, 2) !== p.slice(0, 2)) issue(`county ${c.name} ${c.code}: code outside ${c.province} ${p}`);
      if (c.city === null) continue;
      const parent = cityCode.get(`${c.province}/${c.city}`);
      if (!parent) issue(`county ${c.name} ${c.code}: unknown city ${c.province} ${c.city}`);
      else if (c.code.slice(0, 4) !== parent.slice(0, 4)) issue(`county ${c.name} ${c.code}: code outside ${c.city} ${parent}`);
    }
  });
export type AdminDivisionsFile = z.infer<typeof AdminDivisionsFileSchema>;

// ---------------------------------------------------------------- divisions

export type Province = { level: "province"; code: string; name: string };
export type City = { level: "city"; code: string; name: string; province: string };
/** city is null where the county is not under a prefecture-level city: a municipality's districts (上海市 普陀区),
 *  province-administered counties (河南省 济源市, 湖北省 仙桃市). statistical: coded for statistics only (开发区 …). */
export type County = { level: "county"; code: string; name: string; province: string; city: string | null; statistical: boolean };
export type Division = Province | City | County;
/** How the name matched: the full name, or the short form (苏州 for 苏州市, 正定 for 正定县). */
export type Matched<T extends Division> = T & { matched: "name" | "short" };
export type Within = { province?: string; city?: string };

/** 江苏省 → 江苏, 广西壮族自治区 → 广西, 上海市 → 上海 (each unique). */
export function provinceShortName(name: string): string {
  return name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, "");
}

const GENERIC_SUFFIX = /(地区|市|区|县|旗|州|盟)$/;
const compact = (name: string) => name.replace(/[\s\u3000]+/g, "");

/** Builds the lookups over one file's content (the module's own lookups are over the bundled file). */
export function divisionLookup(file: AdminDivisionsFile) {
  const provinces: Province[] = Object.entries(file.provinces).map(([name, code]) => ({ level: "province", code, name }));
  const cities: City[] = file.cities.map((c) => ({ level: "city", ...c }));
  const counties: County[] = file.counties.map((c) => ({ level: "county", ...c, statistical: c.statistical ?? false }));

  const provinceShort = new Map(provinces.map((p) => [provinceShortName(p.name), p]));
  const fullNames = new Set<string>([...provinces, ...cities, ...counties].map((d) => d.name));
  // The stem of every city and county name (长沙 of 长沙市 and of 长沙县, 朝阳 of 朝阳区): a county's short form
  // is only safe where no other division shares its stem.
  const stems = new Map<string, Set<string>>();
  for (const d of [...cities, ...counties]) {
    const stem = d.name.replace(GENERIC_SUFFIX, "");
    if (stem !== d.name) stems.set(stem, (stems.get(stem) ?? new Set()).add(d.name));
  }
  // 苏州市 → 苏州, unless the stem is a province's short form (吉林) or another division's full name. A city keeps its
  // short form where a county shares the stem (长沙县, 西安区 of 辽源市): printed bare, such a name means the city.
  const cityShort = (c: City): string | null => {
    if (!c.name.endsWith("市") || c.name.length < 3) return null;
    const s = c.name.slice(0, -1);
    return provinceShort.has(s) || fullNames.has(s) ? null : s;
  };
  // 正定县 → 正定, only where nothing else has that stem (not 长沙县: 长沙 is 长沙市), not for 自治县 and not below 2 characters.
  const countyShort = (c: County): string | null => {
    if (!c.name.endsWith("县") || c.name.endsWith("自治县") || c.name.length < 3) return null;
    const s = c.name.slice(0, -1);
    if (provinceShort.has(s) || fullNames.has(s)) return null;
    return [...(stems.get(s) ?? [])].every((n) => n === c.name) ? s : null;
  };

  const index = <T extends Division>(items: T[], short: (d: T) => string | null) => {
    const byName = new Map<string, T[]>();
    const byShort = new Map<string, T[]>();
    const add = (m: Map<string, T[]>, k: string, d: T) => m.set(k, [...(m.get(k) ?? []), d]);
    for (const d of items) {
      add(byName, d.name, d);
      const s = short(d);
      if (s) add(byShort, s, d);
    }
    /** Full-name matches; the short-form matches (if allowed) only where no division has the full name. */
    return (name: string, keep: (d: T) => boolean, allowShort: boolean): Matched<T>[] => {
      const n = compact(name);
      const exact = (byName.get(n) ?? []).filter(keep);
      if (exact.length > 0 || !allowShort) return exact.map((d) => ({ ...d, matched: "name" as const }));
      return (byShort.get(n) ?? []).filter(keep).map((d) => ({ ...d, matched: "short" as const }));
    };
  };
  const findCities = index(cities, cityShort);
  const findCounties = index(counties, countyShort);
  const byCode = new Map<string, Division[]>();
  for (const d of [...provinces, ...cities, ...counties]) byCode.set(d.code, [...(byCode.get(d.code) ?? []), d]);

  /** A province by full name (江苏省), short form (江苏, 内蒙古) or code (320000); null where none. */
  function provinceNamed(name: string): Matched<Province> | null {
    const n = compact(name);
    const full = provinces.find((p) => p.name === n || p.code === n);
    if (full) return { ...full, matched: "name" };
    const short = provinceShort.get(n);
    return short ? { ...short, matched: "short" } : null;
  }

  /** Cities of that name (full or short form), in the province if one is given (name, short form or code).
   *  An unknown province matches nothing. */
  function citiesNamed(name: string, province?: string): Matched<City>[] {
    const p = province === undefined ? undefined : provinceNamed(province)?.name ?? null;
    if (p === null) return [];
    return findCities(name, (c) => p === undefined || c.province === p, true);
  }

  /** County-level divisions of that name, within a province and/or city if given (each by name, short form or
   *  code; a city is looked up in the given province). An unknown province or city matches nothing. The short
   *  form (正定 for 正定县) is matched only within a province or city: many are plain words (方正, 友谊, 富裕, 中方). */
  function countiesNamed(name: string, within: Within = {}): Matched<County>[] {
    const p = within.province === undefined ? undefined : provinceNamed(within.province)?.name ?? null;
    if (p === null) return [];
    let city: string | undefined;
    if (within.city !== undefined) {
      const byCityCode = cities.filter((c) => c.code === compact(within.city!) && (p === undefined || c.province === p));
      const found = byCityCode.length > 0 ? byCityCode : citiesNamed(within.city, p);
      if (found.length !== 1) return [];
      city = found[0]!.name;
    }
    return findCounties(name, (c) => (p === undefined || c.province === p) && (city === undefined || c.city === city), p !== undefined || city !== undefined);
  }

  /** Cities and counties of that name, for a name whose level the text does not fix (济源市 is a county-level
   *  city directly under 河南省; 苏州市 a prefecture-level one). Full-name matches of either level come first and
   *  exclude short-form ones. */
  function divisionsNamed(name: string, within: Within = {}): Matched<City | County>[] {
    const c = within.city === undefined ? citiesNamed(name, within.province) : [];
    const k = countiesNamed(name, within);
    const exact = [...c, ...k].filter((d) => d.matched === "name");
    return exact.length > 0 ? exact : [...c, ...k];
  }

  /** Every division with that code (419001 is both 济源市 and 济源产城融合示范区). */
  function divisionsWithCode(code: string): Division[] {
    return byCode.get(compact(code)) ?? [];
  }

  return { source: file.source, provinces, cities, counties, provinceNamed, citiesNamed, countiesNamed, divisionsNamed, divisionsWithCode };
}

const lookup = divisionLookup(AdminDivisionsFileSchema.parse(divisionsJson as unknown));

export const { provinceNamed, citiesNamed, countiesNamed, divisionsNamed, divisionsWithCode } = lookup;
/** All divisions of the bundled file, in file order. */
export const ADMIN_DIVISIONS: { source: string; provinces: readonly Province[]; cities: readonly City[]; counties: readonly County[] } = lookup;
