// Facts from evidence only (transform/document-facts.ts): department (whole), level, region and
// division code, fiscal year and phase, each with where it was read; nothing guessed. Cases from
// every region the seeds and the corpus cover — Henan, Hebei, Shaanxi, Shanghai districts, Jiangsu
// province — at province, city and county level, and the Party, 人大 and 政协 organs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { documentFacts, missingFacts, regionOf } from "../transform/document-facts.ts";
import { withSourceRegion } from "../transform/source-facts.ts";
import { NO_FACT_SOURCES } from "../transform/contract/index.ts";

const facts = (coverLines: string[], more: Partial<{ titles: string[]; tableLines: string[]; textLines: string[] }> = {}) =>
  documentFacts({ coverLines, textLines: more.textLines ?? [], titles: more.titles ?? [], tableLines: more.tableLines ?? [], amountUnit: "万元" });
const place = (f: ReturnType<typeof facts> | ReturnType<typeof regionOf>) => { const r = "region" in f ? f.region : f; return [r.province, r.city, r.county, r.adminCode]; };

test("Jiangsu province: departments and Party, 人大, 政协 organs, from the compiling line, the cover or the titles", () => {
  const party = facts([], { titles: ["收支预算总表"], tableLines: ["公开01表", "部门： 中共江苏省委办公厅 单位：万元"] });
  assert.deepEqual([party.department, party.level, party.sources.department, party.sources.region], ["中共江苏省委办公厅", "department", "compiler", "compiler"]);
  assert.deepEqual(place(party), ["江苏省", null, null, "320000"]);
  const court = facts(["2017 年度江苏省高级人民法院部门预算公开", "目 录"]);
  assert.deepEqual([court.department, court.fiscalYear, court.phase, court.level, court.sources.department], ["江苏省高级人民法院", 2017, "budget", "department", "cover"]);
  assert.deepEqual(place(court), ["江苏省", null, null, "320000"]);
  const wrapped = facts(["江苏省人大常委会办公厅2018年度部门", "预算公开", "1"]);
  assert.deepEqual([wrapped.department, wrapped.fiscalYear, wrapped.phase], ["江苏省人大常委会办公厅", 2018, "budget"]);
  assert.deepEqual(place(regionOf("政协江苏省委员会办公厅")), ["江苏省", null, null, "320000"]);
});

test("Shanghai districts: the whole department name, spaced or not; Party organs of a district", () => {
  const f = facts(["上海市普陀区2025年区级部门预算", "预算主管部门：上海市普陀区规划和 自然资源局"]);
  assert.deepEqual([f.department, f.level, f.fiscalYear], ["上海市普陀区规划和自然资源局", "department", 2025]);
  assert.deepEqual(place(f), ["上海市", null, "普陀区", "310107"]);
  assert.deepEqual(place(regionOf("中共上海市普陀区委社会工作部")), ["上海市", null, "普陀区", "310107"]);
  const unit = facts(["上海市普陀区社会福利院2024年单位预算", "预算单位：上海市普陀区社会福利院"]);
  assert.deepEqual([unit.department, unit.level, unit.sources.level], ["上海市普陀区社会福利院", "unit", "compiler"]);
  const final = facts(["上海市普陀区财政局", "2024年度部门决算"]);
  assert.deepEqual([final.department, final.phase, final.fiscalYear], ["上海市普陀区财政局", "final", 2024]);
});

test("Henan, Hebei and Shaanxi: cities and counties, the province from the division reference", () => {
  assert.deepEqual(place(regionOf("焦作市医疗保障局")), ["河南省", "焦作市", null, "410800"]);
  assert.deepEqual(place(regionOf("驻马店市医疗保障局")), ["河南省", "驻马店市", null, "411700"]);
  assert.deepEqual(place(regionOf("丰润区医疗保障局")), ["河北省", "唐山市", "丰润区", "130208"]);
  assert.deepEqual(place(regionOf("西安市碑林区医疗保障局")), ["陕西省", "西安市", "碑林区", "610103"]);
  assert.deepEqual(place(regionOf("河南省济源产城融合示范区医疗保障局")), ["河南省", null, "济源产城融合示范区", "419001"]);
});

test("names many divisions share: kept without a province unless the text says which; a province's short form not read into a city's name", () => {
  assert.deepEqual(place(regionOf("普陀区财政局")), [null, null, "普陀区", null]);
  assert.deepEqual(place(regionOf("上海市普陀区财政局")), ["上海市", null, "普陀区", "310107"]);
  assert.deepEqual(place(regionOf("浙江省舟山市普陀区财政局")), ["浙江省", "舟山市", "普陀区", "330903"]);
  assert.deepEqual(place(regionOf("朝阳区教育局")), [null, null, "朝阳区", null]);
  assert.deepEqual(place(regionOf("北京市朝阳区教育局")), ["北京市", null, "朝阳区", "110105"]);
  assert.deepEqual(place(regionOf("长春市朝阳区教育局")), ["吉林省", "长春市", "朝阳区", "220104"]);
  // 城区: districts of 阳泉市 and 晋城市 (山西省) and of 汕尾市 (广东省).
  assert.deepEqual(place(regionOf("城区人民法院")), [null, null, "城区", null]);
  assert.deepEqual(place(regionOf("广东省城区人民法院")), ["广东省", "汕尾市", "城区", "441502"]);
  assert.deepEqual(place(regionOf("吉林市财政局")), ["吉林省", "吉林市", null, "220200"]);
  assert.deepEqual(place(regionOf("吉林省财政厅")), ["吉林省", null, null, "220000"]);
  // A county-level city directly under its province.
  assert.deepEqual(place(regionOf("济源市医疗保障局")), ["河南省", null, "济源市", "419001"]);
  assert.deepEqual(place(regionOf("苏州市吴中区财政局")), ["江苏省", "苏州市", "吴中区", "320506"]);
});

test("no evidence, no fact: nothing filed under the reference's first division, and the notes say what is missing", () => {
  const none = facts(["部门预算公开", "目 录"]);
  assert.deepEqual(place(none), [null, null, null, null]);
  assert.deepEqual([none.department, none.fiscalYear, none.level, none.phase], [null, null, "department", "budget"]);
  assert.deepEqual(missingFacts(none), ["department", "region", "fiscal year"]);
  // A name that starts with no place: no region.
  assert.deepEqual(place(regionOf("医疗保障局")), [null, null, null, null]);
});

test("a crawled document's region from its source's configuration, said so; the document's own wins", () => {
  const doc = { facts: { department: "医疗保障局", level: "department" as const, region: { province: null, city: null, county: null, adminCode: null }, fiscalYear: 2024, phase: "budget" as const, amountUnit: "万元" as const, sources: { ...NO_FACT_SOURCES, department: "compiler" as const } }, notes: ["no evidence in the document for its region (left empty)"] };
  const placed = withSourceRegion(doc, "上海市普陀区");
  assert.deepEqual([placed.facts.region.province, placed.facts.region.county, placed.facts.sources.region], ["上海市", "普陀区", "source"]);
  assert.match(placed.notes.join(" "), /region from the crawl source's configuration \(上海市普陀区\)/);
  const own = { ...doc, facts: { ...doc.facts, region: { province: "江苏省", city: null, county: null, adminCode: "320000" } } };
  assert.equal(withSourceRegion(own, "上海市普陀区"), own);
});
