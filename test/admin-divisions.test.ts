import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ADMIN_DIVISIONS, AdminDivisionsFileSchema, citiesNamed, countiesNamed, divisionLookup, divisionsNamed,
  divisionsWithCode, provinceNamed, provinceShortName,
} from "../transform/admin-divisions.ts";
import { readRegions } from "../load/reference.ts";
import { Warehouse } from "../load/warehouse.ts";

const pick = (ds: Array<{ code: string; name: string; province: string; city?: string | null; matched: string }>) =>
  ds.map((d) => ({ code: d.code, name: d.name, province: d.province, ...("city" in d ? { city: d.city } : {}), matched: d.matched }));

describe("administrative divisions: the data", () => {
  test("31 provinces, every prefecture-level city and county-level division", () => {
    assert.equal(ADMIN_DIVISIONS.provinces.length, 31);
    assert.ok(ADMIN_DIVISIONS.cities.length >= 330, `cities: ${ADMIN_DIVISIONS.cities.length}`);
    assert.ok(ADMIN_DIVISIONS.counties.length >= 2800, `counties: ${ADMIN_DIVISIONS.counties.length}`);
    // Each kind of prefecture-level division is there.
    for (const name of ["兴安盟", "大兴安岭地区", "延边朝鲜族自治州", "恩施土家族苗族自治州", "喀什地区"])
      assert.equal(citiesNamed(name).length, 1, name);
    assert.match(ADMIN_DIVISIONS.source, /modood\/Administrative-divisions-of-China/);
    assert.match(ADMIN_DIVISIONS.source, /国家统计局/);
  });

  test("no placeholder row (市辖区, 县, 省直辖县级行政区划) is a city; the cities without counties are the four without districts", () => {
    assert.deepEqual(ADMIN_DIVISIONS.cities.filter((c) => /^(市辖区|县|(省|自治区)直辖县级行政区划)$/.test(c.name)), []);
    const parents = new Set(ADMIN_DIVISIONS.counties.map((c) => `${c.province}/${c.city}`));
    assert.deepEqual(ADMIN_DIVISIONS.cities.filter((c) => !parents.has(`${c.province}/${c.name}`)).map((c) => `${c.name} ${c.code}`).sort(),
      ["东莞市 441900", "中山市 442000", "儋州市 460400", "嘉峪关市 620200"].sort());
    // …and those are not listed as counties of themselves.
    assert.deepEqual(countiesNamed("东莞市"), []);
    assert.deepEqual(pick(citiesNamed("东莞市")), [{ code: "441900", name: "东莞市", province: "广东省", matched: "name" }]);
  });

  test("counties without a city: the municipalities' districts and the province-administered counties", () => {
    const orphans = ADMIN_DIVISIONS.counties.filter((c) => c.city === null);
    const byProvince = new Map<string, number>();
    for (const c of orphans) byProvince.set(c.province, (byProvince.get(c.province) ?? 0) + 1);
    assert.deepEqual([...byProvince.keys()].sort(), ["上海市", "北京市", "天津市", "重庆市", "河南省", "湖北省", "海南省", "新疆维吾尔自治区"].sort());
    assert.deepEqual(orphans.filter((c) => c.province === "湖北省").map((c) => c.name), ["仙桃市", "潜江市", "天门市", "神农架林区"]);
    assert.equal(orphans.filter((c) => c.province === "重庆市").length, 38);
  });

  test("statistical-only areas are marked", () => {
    const [sip] = countiesNamed("苏州工业园区");
    assert.deepEqual({ code: sip!.code, city: sip!.city, statistical: sip!.statistical }, { code: "320571", city: "苏州市", statistical: true });
    assert.equal(countiesNamed("丰润区")[0]!.statistical, false);
  });
});

describe("administrative divisions: lookups", () => {
  test("cities by name", () => {
    assert.deepEqual(pick(citiesNamed("南京市")), [{ code: "320100", name: "南京市", province: "江苏省", matched: "name" }]);
    assert.deepEqual(pick(citiesNamed("南京市", "江苏省")), pick(citiesNamed("南京市")));
    assert.deepEqual(citiesNamed("南京市", "浙江省"), []);
    assert.deepEqual(citiesNamed("南京市", "不存在省"), []);
  });

  test("counties with their city and province", () => {
    assert.deepEqual(pick(countiesNamed("丰润区")), [{ code: "130208", name: "丰润区", province: "河北省", city: "唐山市", matched: "name" }]);
    assert.deepEqual(pick(countiesNamed("碑林区")), [{ code: "610103", name: "碑林区", province: "陕西省", city: "西安市", matched: "name" }]);
    assert.deepEqual(pick(countiesNamed("碑林区", { city: "西安市" })), pick(countiesNamed("碑林区")));
    assert.deepEqual(pick(countiesNamed("碑林区", { city: "610100" })), pick(countiesNamed("碑林区")));
  });

  test("普陀区: 上海市 and 浙江省 舟山市, ambiguous without the province", () => {
    assert.deepEqual(pick(countiesNamed("普陀区")), [
      { code: "310107", name: "普陀区", province: "上海市", city: null, matched: "name" },
      { code: "330903", name: "普陀区", province: "浙江省", city: "舟山市", matched: "name" },
    ]);
    assert.deepEqual(countiesNamed("普陀区", { province: "上海市" }).map((c) => c.code), ["310107"]);
    assert.deepEqual(countiesNamed("普陀区", { province: "上海" }).map((c) => c.code), ["310107"]);
    assert.deepEqual(countiesNamed("普陀区", { city: "舟山市" }).map((c) => c.code), ["330903"]);
    assert.deepEqual(countiesNamed("普陀区", { province: "浙江省", city: "舟山" }).map((c) => c.code), ["330903"]);
    assert.deepEqual(countiesNamed("普陀区", { province: "江苏省" }), []);
  });

  test("names that repeat: 朝阳区, 铁西区, 新华区", () => {
    assert.deepEqual(countiesNamed("朝阳区").map((c) => `${c.province}${c.city ?? ""} ${c.code}`), ["北京市 110105", "吉林省长春市 220104"]);
    assert.deepEqual(countiesNamed("朝阳区", { province: "北京市" }).map((c) => c.code), ["110105"]);
    assert.deepEqual(countiesNamed("铁西区").map((c) => `${c.city} ${c.code}`), ["沈阳市 210106", "鞍山市 210303", "四平市 220302"]);
    assert.deepEqual(countiesNamed("新华区").map((c) => `${c.city} ${c.code}`), ["石家庄市 130105", "沧州市 130902", "平顶山市 410402"]);
    assert.deepEqual(countiesNamed("新华区", { city: "沧州" }).map((c) => c.code), ["130902"]);
  });

  test("济源: a county-level city directly under 河南省, and 济源产城融合示范区 with the same code", () => {
    assert.deepEqual(citiesNamed("济源市"), []);
    assert.deepEqual(pick(countiesNamed("济源市")), [{ code: "419001", name: "济源市", province: "河南省", city: null, matched: "name" }]);
    assert.deepEqual(pick(divisionsNamed("济源市")), pick(countiesNamed("济源市")));
    assert.deepEqual(pick(countiesNamed("济源产城融合示范区", { province: "河南省" })),
      [{ code: "419001", name: "济源产城融合示范区", province: "河南省", city: null, matched: "name" }]);
    assert.deepEqual(divisionsWithCode("419001").map((d) => d.name), ["济源市", "济源产城融合示范区"]);
    assert.deepEqual(pick(countiesNamed("仙桃市")), [{ code: "429004", name: "仙桃市", province: "湖北省", city: null, matched: "name" }]);
  });

  test("divisionsNamed: either level, full names before short forms", () => {
    assert.deepEqual(divisionsNamed("苏州市").map((d) => `${d.level} ${d.code}`), ["city 320500"]);
    // 朝阳市 by its short form; 朝阳县 (also in 辽宁省) shares the stem with 朝阳市 and 朝阳区, so it does not answer to 朝阳.
    assert.deepEqual(divisionsNamed("朝阳", { province: "辽宁省" }).map((d) => `${d.level} ${d.name} ${d.matched}`), ["city 朝阳市 short"]);
    assert.deepEqual(divisionsNamed("朝阳县").map((d) => `${d.level} ${d.code}`), ["county 211321"]);
    assert.deepEqual(divisionsNamed("正定", { province: "河北省" }).map((d) => `${d.level} ${d.code} ${d.matched}`), ["county 130123 short"]);
  });

  test("by code", () => {
    assert.deepEqual(divisionsWithCode("320100").map((d) => `${d.level} ${d.name}`), ["city 南京市"]);
    assert.deepEqual(divisionsWithCode("320000").map((d) => `${d.level} ${d.name}`), ["province 江苏省"]);
    assert.deepEqual(divisionsWithCode("999999"), []);
  });
});

describe("administrative divisions: short forms", () => {
  test("provinces", () => {
    assert.equal(provinceNamed("江苏省")?.code, "320000");
    assert.deepEqual(provinceNamed("江苏"), { level: "province", code: "320000", name: "江苏省", matched: "short" });
    assert.equal(provinceNamed("内蒙古")?.name, "内蒙古自治区");
    assert.equal(provinceNamed("广西")?.name, "广西壮族自治区");
    assert.equal(provinceNamed("410000")?.name, "河南省");
    assert.equal(provinceNamed("江"), null);
    assert.equal(provinceShortName("新疆维吾尔自治区"), "新疆");
  });

  test("a city printed without 市", () => {
    assert.deepEqual(pick(citiesNamed("苏州")), [{ code: "320500", name: "苏州市", province: "江苏省", matched: "short" }]);
    assert.deepEqual(citiesNamed("西安", "陕西").map((c) => c.code), ["610100"]);
    // The stem of its own county does not hide the city: 长沙 is 长沙市 (长沙县 is printed with 县).
    assert.deepEqual(citiesNamed("长沙").map((c) => c.code), ["430100"]);
    // 吉林 is first the province.
    assert.deepEqual(citiesNamed("吉林"), []);
    assert.deepEqual(citiesNamed("吉林市").map((c) => c.code), ["220200"]);
    // 地区 / 自治州 / 盟 have no short form.
    assert.deepEqual(citiesNamed("延边"), []);
  });

  test("a county without 县: only within a province or city, and only where the stem is its own", () => {
    assert.deepEqual(countiesNamed("正定"), []);
    assert.deepEqual(pick(countiesNamed("正定", { province: "河北省" })), [{ code: "130123", name: "正定县", province: "河北省", city: "石家庄市", matched: "short" }]);
    assert.deepEqual(countiesNamed("方正", { province: "黑龙江省" }).map((c) => c.code), ["230124"]);
    assert.deepEqual(countiesNamed("长沙", { province: "湖南省" }), []); // 长沙 is 长沙市
    assert.deepEqual(countiesNamed("和平", { province: "广东省" }), []); // 和平区 shares the stem
    assert.deepEqual(countiesNamed("赵", { province: "河北省" }), []); // 赵县: one character left
    assert.deepEqual(countiesNamed("长阳", { province: "湖北省" }), []); // 自治县 keep their name
    assert.deepEqual(countiesNamed("朝阳区").map((c) => c.matched), ["name", "name"]);
  });
});

describe("administrative divisions: the file is checked", () => {
  const file = { source: "t", provinces: { 河北省: "130000", 江苏省: "320000" }, cities: [{ code: "130200", name: "唐山市", province: "河北省" }],
    counties: [{ code: "130208", name: "丰润区", province: "河北省", city: "唐山市" }] };
  test("a good file gives a lookup", () => {
    const l = divisionLookup(AdminDivisionsFileSchema.parse(file));
    assert.deepEqual(l.countiesNamed("丰润区").map((c) => c.code), ["130208"]);
  });
  test("a county under an unknown city, a code outside its province, a city code not ending in 00 are rejected", () => {
    const bad = (patch: object, message: RegExp) =>
      assert.throws(() => AdminDivisionsFileSchema.parse({ ...file, ...patch }), (e: Error) => message.test(e.message));
    bad({ counties: [{ code: "130208", name: "丰润区", province: "河北省", city: "唐山" }] }, /unknown city 河北省 唐山/);
    bad({ counties: [{ code: "320208", name: "丰润区", province: "河北省", city: "唐山市" }] }, /code outside 河北省 130000/);
    bad({ cities: [{ code: "130201", name: "唐山市", province: "河北省" }] }, /does not end in 00/);
    bad({ counties: [{ code: "130308", name: "丰润区", province: "河北省", city: "唐山市" }] }, /code outside 唐山市 130200/);
  });
});

describe("administrative divisions: the warehouse's region dimension", () => {
  test("readRegions gives every province, city and county with its parents, one row per code", async () => {
    const rows = await readRegions();
    const { provinces, cities, counties } = ADMIN_DIVISIONS;
    assert.equal(rows.length, provinces.length + cities.length + new Set(counties.map((c) => c.code)).size);
    assert.equal(new Set(rows.map((r) => r.code)).size, rows.length);
    const row = (code: string) => rows.find((r) => r.code === code);
    assert.deepEqual(row("130208"), { code: "130208", province: "河北省", city: "唐山市", county: "丰润区", level: "county" });
    assert.deepEqual(row("130200"), { code: "130200", province: "河北省", city: "唐山市", county: null, level: "city" });
    assert.deepEqual(row("310107"), { code: "310107", province: "上海市", city: null, county: "普陀区", level: "county" });
    assert.deepEqual(row("419001"), { code: "419001", province: "河南省", city: null, county: "济源市", level: "county" });
    assert.equal(rows.filter((r) => r.level === "county" && r.city === null).length, counties.filter((c) => c.city === null).length - 1);
  });

  test("a load fills the regions table from the reference file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "divisions-"));
    const wh = await Warehouse.open(join(dir, "w.duckdb"), { lakeDir: join(dir, "lake") });
    try {
      await wh.load([], { runId: "run-divisions" });
      const [counts] = await wh.query(`SELECT count(*) FILTER (level = 'province') AS p, count(*) FILTER (level = 'city') AS c,
        count(*) FILTER (level = 'county') AS k FROM regions`);
      assert.deepEqual(counts, { p: "31", c: String(ADMIN_DIVISIONS.cities.length), k: String(new Set(ADMIN_DIVISIONS.counties.map((c) => c.code)).size) });
      assert.deepEqual(await wh.query(`SELECT region_code, province, city, county FROM regions WHERE region_code IN ('330903', '610103') ORDER BY 1`), [
        { region_code: "330903", province: "浙江省", city: "舟山市", county: "普陀区" },
        { region_code: "610103", province: "陕西省", city: "西安市", county: "碑林区" },
      ]);
    } finally {
      wh.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
