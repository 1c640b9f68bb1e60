// Classification code reference data: real names by year, crosswalks, well-formedness,
// and the codes of the golden documents in ../shared/golden (skipped, visibly, when absent).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readGoldenCsv } from "./fixtures/csv.ts";
import {
  CURRENT_YEAR,
  checkCode,
  codeEntry,
  codeLevel,
  currentFunctionalCode,
  departmentToGovernment,
  economicCrosswalkFile,
  economicFile,
  economicName,
  functionalCrosswalkFile,
  functionalFile,
  functionalName,
  isKnownCode,
  parentOf,
  type Classification,
  type CodeEntry,
} from "../transform/code-reference.ts";

const goldenDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../shared/golden");

test("210: 医疗卫生与计划生育支出 to 2018, 卫生健康支出 from 2019", () => {
  assert.equal(functionalName("210", 2018), "医疗卫生与计划生育支出");
  assert.equal(functionalName("210", 2019), "卫生健康支出");
  assert.equal(functionalName("210", 2025), "卫生健康支出");
});

test("20805 and its 项: 行政事业单位离退休 in 2017, 行政事业单位养老支出 in 2020", () => {
  assert.equal(functionalName("20805", 2017), "行政事业单位离退休");
  assert.equal(functionalName("20805", 2020), "行政事业单位养老支出");
  assert.equal(functionalName("2080501", 2017), "归口管理的行政单位离退休");
  assert.equal(functionalName("2080501", 2020), "行政单位离退休");
  assert.equal(functionalName("2080504", 2017), "未归口管理的行政单位离退休");
  assert.equal(functionalName("2080504", 2020), null);
  assert.equal(functionalName("2080505", 2024), "机关事业单位基本养老保险缴费支出");
  assert.equal(functionalName("2080506", 2024), "机关事业单位职业年金缴费支出");
  assert.equal(functionalName("2080599", 2020), "其他行政事业单位养老支出");
  // the 2019 Jiangsu budgets (golden) still print the old names for FY2019
  assert.equal(functionalName("20805", 2019), "行政事业单位离退休");
  assert.ok(isKnownCode("2080504", 2019, "functional"));
});

test("21012 / 2101202: what the data says (from 2017, uncertain start), printed in 2023 and 2025", () => {
  assert.equal(functionalName("21012", 2023), "财政对基本医疗保险基金的补助");
  assert.equal(functionalName("2101202", 2019), "财政对城乡居民基本医疗保险基金的补助");
  assert.equal(functionalName("2101202", 2017), "财政对城乡居民基本医疗保险基金的补助");
  assert.equal(functionalName("2101202", 2016), null);
  assert.equal(codeEntry("2101202", "functional")?.uncertain, true, "start year is not verified and must say so");
  const seen = codeEntry("2101202", "functional")!.names.flatMap((p) => p.evidence ?? []);
  assert.ok(seen.includes("disclosure:seed-001") && seen.includes("disclosure:seed-004"));
  assert.equal(functionalName("2101201", 2025), "财政对职工基本医疗保险基金的补助");
  assert.equal(functionalName("2101299", 2025), "财政对其他基本医疗保险基金的补助");
});

test("other known changes: 207, 220, 224, 21015, 234, 233", () => {
  assert.equal(functionalName("207", 2018), "文化体育与传媒支出");
  assert.equal(functionalName("207", 2019), "文化旅游体育与传媒支出");
  assert.equal(functionalName("220", 2018), "国土海洋气象等支出");
  assert.equal(functionalName("220", 2019), "自然资源海洋气象等支出");
  assert.equal(functionalName("224", 2018), null);
  assert.equal(functionalName("224", 2019), "灾害防治及应急管理支出");
  assert.equal(functionalName("21015", 2018), null);
  assert.equal(functionalName("21015", 2019), "医疗保障管理事务");
  assert.equal(functionalName("2101506", 2025), "医疗保障经办事务");
  assert.equal(functionalName("21013", 2022), "医疗救助");
  assert.equal(functionalName("234", 2020), "抗疫特别国债安排的支出");
  assert.equal(functionalName("234", 2022), null);
  for (const c of ["229", "230", "231", "232", "233"]) assert.ok(isKnownCode(c, 2025, "functional"), c);
});

test("economic names, both sides, and the 2018 revision", () => {
  assert.equal(economicName("30101", 2020, "department"), "基本工资");
  assert.equal(economicName("30113", 2020, "department"), "住房公积金");
  assert.equal(economicName("30113", 2017, "department"), null);
  assert.equal(economicName("30110", 2018, "department"), "职工基本医疗保险缴费");
  assert.equal(economicName("30307", 2017, "department"), "医疗费");
  assert.equal(economicName("30307", 2018, "department"), "医疗费补助");
  assert.equal(economicName("50101", 2020, "government"), "工资奖金津补贴");
  assert.equal(economicName("50101", 2017, "government"), null, "政府预算支出经济分类 starts in 2018");
  assert.equal(economicName("503", 2022, "government"), "机关资本性支出（一）");
  assert.equal(economicName("505", 2022, "government"), "对事业单位经常性补助");
  assert.equal(economicName("50101", 2020, "department"), null, "sides are separate");
  assert.equal(economicFile.government.introduced, 2018);
});

test("department → government crosswalk depends on the agency type", () => {
  for (const c of ["30101", "30102", "30103"]) {
    assert.equal(departmentToGovernment(c, "机关")?.government, "50101", c);
    assert.equal(departmentToGovernment(c, "事业单位")?.government, "50501", c);
  }
  assert.equal(departmentToGovernment("30107", "事业单位")?.government, "50501");
  assert.equal(departmentToGovernment("30107", "机关"), null, "the 对照表 states no 机关 target for 绩效工资");
  for (const c of ["30108", "30109", "30110", "30111", "30112"]) {
    assert.equal(departmentToGovernment(c, "机关")?.government, "50102", c);
    assert.equal(departmentToGovernment(c, "事业单位")?.government, "50501", c);
  }
  assert.equal(departmentToGovernment("30113", "机关")?.government, "50103");
  assert.equal(departmentToGovernment("30113", "事业单位")?.government, "50501");
  assert.equal(departmentToGovernment("30201", "机关")?.government, "50201");
  assert.equal(departmentToGovernment("30201", "事业单位")?.government, "50502");
  assert.equal(departmentToGovernment("30215", "机关")?.government, "50202");
  assert.equal(departmentToGovernment("30231", "机关")?.government, "50208");
  assert.equal(departmentToGovernment("30226", "机关")?.government, "50205");
  assert.equal(departmentToGovernment("30302", "事业单位")?.government, "50905");
  assert.equal(departmentToGovernment("99999", "机关"), null);
  // every mapping's government code is in the government classification
  for (const m of economicCrosswalkFile.mappings) assert.ok(isKnownCode(m.government, 2018, "government"), m.government);
  assert.deepEqual(economicCrosswalkFile.printedButNotListed, [], "every pair printed in the seeds is in the table");
});

test("2025.2 verification: seed rows with 类 and 款 in separate columns, and name-only pages", () => {
  // seed 004 (2025) prints "313 02 对社会保险基金补助 | 510 02 对社会保险基金补助" and "309 信息网络及软件购置更新 | 504 04 设备购置"
  const m = departmentToGovernment("31302", "机关")!;
  assert.equal(m.government, "51002");
  assert.ok(m.sources.includes("disclosure:seed-004") && !m.uncertain);
  assert.equal(departmentToGovernment("30907", "机关")?.government, "50404");
  assert.equal(departmentToGovernment("30907", "事业单位")?.uncertain, true, "the 事业单位 target is not printed anywhere");
  assert.equal(codeEntry("51002", "government")?.uncertain, undefined);
  // seed 000 (2022) prints "303 07 医疗费补助 509 01"
  assert.ok(codeEntry("30307", "department")!.names.find((p) => p.name === "医疗费补助")!.evidence!.includes("disclosure:seed-000"));
  assert.equal(departmentToGovernment("30307", "机关")?.uncertain, false);
  // every name-only page is described, with what it shows, and agrees with the period it is attached to
  const pages = Object.entries(functionalFile.sources).filter(([k]) => k.startsWith("page:"));
  assert.ok(pages.length >= 6);
  for (const [k, v] of pages) assert.ok(typeof (v as { shows?: unknown }).shows === "string", `${k} says what it shows`);
  const ev = (code: string, year: number) => functionalFile.codes.find((e) => e.code === code)!.names.find((p) => p.from <= year && year <= p.to)?.evidence ?? [];
  assert.ok(ev("21005", 2016).includes("page:shentiewang-2016-central-health"), "医疗保障 is a 款 of 210 in 2016");
  assert.ok(ev("20706", 2016).includes("page:npc-2016-budget"));
  assert.ok(ev("215", 2017).includes("page:greenbasetech-2017-classes"));
  assert.ok(ev("207", 2020).includes("page:kbm75-2020-mof-budget"));
});

test("codeLevel and parentOf", () => {
  assert.equal(codeLevel("208"), "类");
  assert.equal(codeLevel("20805"), "款");
  assert.equal(codeLevel("2080505"), "项");
  assert.equal(codeLevel("30101"), "款");
  assert.equal(codeLevel("2080"), null);
  assert.equal(codeLevel("abc"), null);
  assert.equal(parentOf("2080505"), "20805");
  assert.equal(parentOf("20805"), "208");
  assert.equal(parentOf("208"), null);
  assert.equal(parentOf("30101"), "301");
});

test("currentFunctionalCode maps old codes to 2025", () => {
  assert.equal(CURRENT_YEAR, 2025);
  const merged = currentFunctionalCode("2080504", 2018);
  assert.equal(merged.code, "2080501");
  assert.equal(merged.relation, "merged");
  const renamed = currentFunctionalCode("210", 2017);
  assert.deepEqual([renamed.code, renamed.relation], ["210", "renamed"]);
  assert.deepEqual([currentFunctionalCode("2101501", 2022).code, currentFunctionalCode("2101501", 2022).relation], ["2101501", "same"]);
  const viaParent = currentFunctionalCode("2011501", 2017);
  assert.deepEqual([viaParent.code, viaParent.relation, viaParent.coarser], ["20138", "merged", true]);
  const split = currentFunctionalCode("20706", 2016);
  assert.equal(split.code, null);
  assert.deepEqual(split.codes, ["20706", "20708"]);
  assert.equal(currentFunctionalCode("234", 2020).relation, "discontinued");
  assert.equal(currentFunctionalCode("2080504", 2021).relation, "unknown", "not a code in 2021");
});

const ALL: [Classification, CodeEntry[]][] = [
  ["functional", functionalFile.codes],
  ["department", economicFile.department.codes],
  ["government", economicFile.government.codes],
];

test("every code's parent exists in the same file, and is valid whenever the code is", () => {
  for (const [cls, codes] of ALL) {
    for (const e of codes) {
      if (e.parent === null) { assert.equal(codeLevel(e.code), "类"); continue; }
      assert.ok(codeEntry(e.parent, cls), `${cls} ${e.code}: parent ${e.parent} missing`);
      for (const p of e.names) {
        for (let y = p.from; y <= p.to; y++) assert.ok(isKnownCode(e.parent, y, cls), `${cls} ${e.code} valid in ${y} but parent ${e.parent} is not`);
      }
    }
  }
});

test("every name period is well formed: from ≤ to, inside the years covered, no overlaps, non-empty", () => {
  for (const [cls, codes] of ALL) {
    for (const e of codes) {
      const ps = [...e.names].sort((a, b) => a.from - b.from);
      for (const p of ps) {
        assert.ok(p.from <= p.to, `${cls} ${e.code}`);
        assert.ok(p.from >= 2015 && p.to <= CURRENT_YEAR, `${cls} ${e.code} ${p.from}-${p.to}`);
        assert.ok(p.name.trim() === p.name && p.name.length > 0, `${cls} ${e.code}`);
      }
      for (let i = 1; i < ps.length; i++) assert.ok(ps[i]!.from > ps[i - 1]!.to, `${cls} ${e.code}: overlapping periods`);
    }
  }
});

test("files carry a version, and every cited source is described", () => {
  const files = [functionalFile, economicFile, economicCrosswalkFile, functionalCrosswalkFile];
  for (const f of files) assert.match(f.version, /^\d{4}\.\d+$/);
  for (const [, codes] of ALL) {
    for (const e of codes) {
      const described = e.code.startsWith("2") ? functionalFile.sources : economicFile.sources;
      for (const s of e.sources) assert.ok(s in described, `${e.code}: source ${s} not described`);
      for (const p of e.names) for (const s of p.evidence ?? []) assert.ok(e.sources.includes(s), `${e.code}: evidence ${s} not in sources`);
    }
  }
  for (const m of economicCrosswalkFile.mappings) for (const s of m.sources) assert.ok(s in economicCrosswalkFile.sources, s);
});

test("functional crosswalk: renames agree with the code file", () => {
  for (const c of functionalCrosswalkFile.changes) {
    if (c.type !== "rename") continue;
    assert.equal(functionalName(c.code, c.year - 1), c.oldName, c.code);
    assert.equal(functionalName(c.code, c.year), c.newName, c.code);
  }
  assert.ok(functionalCrosswalkFile.changes.some((c) => c.type === "rename" && c.code === "210" && c.year === 2019));
});

// Non-standard codes the golden meta notes name: the damaged 类 "7" of 2101102 and
// the Shanghai social-welfare home's local economic numbering (and its variant 30108 name).
const EXPECTED_NON_STANDARD = new Set([
  "sh-putuo_shehui-fuliyuan_2024_unit-budget functional 71102",
  ...["30108", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30210", "30211", "30212", "30213", "303", "30301"].map(
    (c) => `sh-putuo_shehui-fuliyuan_2024_unit-budget department ${c}`,
  ),
]);

test("golden documents: every code is known for its fiscal year, except the non-standard ones, which are reported", { skip: !existsSync(goldenDir) && `no ${goldenDir}` }, () => {
  const docs = readdirSync(goldenDir).filter((f) => f.endsWith(".csv"));
  assert.ok(docs.length > 0);
  const reported = new Set<string>();
  let checked = 0;
  for (const file of docs) {
    const doc = file.slice(0, -4);
    const meta = JSON.parse(readFileSync(path.join(goldenDir, `${doc}.meta.json`), "utf8")) as { fiscal_year: number };
    for (const row of readGoldenCsv(readFileSync(path.join(goldenDir, file), "utf8"), file)) {
      if (!row.code) continue;
      const cls: Classification = row.table === "basic_by_economic" ? "department" : "functional";
      const r = checkCode(row.code, row.name, meta.fiscal_year, cls);
      checked++;
      const key = `${doc} ${cls} ${row.code}`;
      if (r.status !== "ok") reported.add(key);
      if (!EXPECTED_NON_STANDARD.has(key)) assert.equal(r.status, "ok", `${key} ${row.name}: ${r.status} (standard name ${r.officialName})`);
    }
  }
  assert.deepEqual([...reported].sort(), [...EXPECTED_NON_STANDARD].sort(), "the non-standard codes are reported, and only they");
  assert.equal(isKnownCode("71102", 2024, "functional"), false);
  assert.equal(isKnownCode("30210", 2024, "department"), false);
  assert.equal(checkCode("30202", "咨询费", 2024, "department").status, "name-differs");
  assert.ok(checked > 500);
});
