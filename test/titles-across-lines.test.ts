// Titles printed over two lines, and at the foot of the page before their table: the table is
// recognised by its whole title (transform/recognise-tables.ts titleOf; extract/pdf/pdf-tables.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeTable } from "./fixtures/make-table.ts";
import { recogniseTables } from "../transform/recognise-tables.ts";
import { carryFootTitle, footLines } from "../extract/pdf/pdf-tables.ts";
import { extractDocumentFile } from "../pipelines/extract-document.ts";

const threePublic = (before: string[], page = 3) => makeTable([
  ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"],
  ["484.30", "100.00", "267.80", "116.50"],
], { page, before });

test("a title wrapped over two lines is read whole: the 三公 table is not filed as an expenditure table", () => {
  for (const lines of [["公开09表：一般公共预算“三公”经费、会议费、培训费", "支出预算表"], ["2018年一般公共预算“三公”经费支出预", "算表"]]) {
    const [t] = recogniseTables([threePublic([...lines, "部门： 江苏省人民检察院 单位：万元"])]);
    assert.equal(t!.kind, "three_public", lines.join(" / "));
    assert.equal(t!.title, lines.join(""));
  }
  // A label line above a complete title is not joined to it; a sentence is not a title's start.
  const [labelled] = recogniseTables([threePublic(["公开09表", "“三公”经费支出预算表"])]);
  assert.equal(labelled!.title, "“三公”经费支出预算表");
  const [sentence] = recogniseTables([threePublic(["本部门2018年预算安排如下。", "“三公”经费支出预算表"])]);
  assert.equal(sentence!.title, "“三公”经费支出预算表");
});

test("a title at the foot of a page goes to the table at the top of the next; a note does not", () => {
  const previous = makeTable([["科目编码", "科目名称", "金额"], ["201", "一般公共服务支出", "10.00"]], { page: 4, after: ["注：本表为空表的，详见附表", "十、2017年度部门一般公共预算“三公”经费", "支出预算表", "单位：万元"] });
  const next = threePublic([], 5);
  carryFootTitle(footLines({ tables: [previous], lines: [] }, 4), [next]);
  assert.deepEqual(next.before, ["十、2017年度部门一般公共预算“三公”经费", "支出预算表", "单位：万元"]);
  assert.deepEqual(previous.after, ["注：本表为空表的，详见附表"]);
  const tables = recogniseTables([previous, next]);
  assert.deepEqual(tables.map((t) => t.kind), [null, "three_public"]);
  // Only a note at the foot: the next page's table is a continuation, nothing moves.
  const alone = makeTable([["202", "外交支出", "1.00"]], { page: 5 });
  const withNote = makeTable([["科目编码", "科目名称", "金额"], ["201", "一般公共服务支出", "10.00"]], { page: 4, after: ["注：详见附表"] });
  carryFootTitle(footLines({ tables: [withNote], lines: [] }, 4), [alone]);
  assert.deepEqual(alone.before, []);
  // A table titled on its own page keeps its own title.
  const titled = threePublic(["“三公”经费支出预算表"], 5);
  carryFootTitle(footLines({ tables: [], lines: ["二、收入预算总表"] }, 4), [titled]);
  assert.deepEqual(titled.before, ["“三公”经费支出预算表"]);
});

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../shared/corpus/unlabelled");
test("the 2018 procuratorate budget: its 三公 table, titled over two lines, is found", { skip: existsSync(corpus) ? false : "../shared/corpus/unlabelled absent: skipped" }, async () => {
  const doc = await extractDocumentFile(path.join(corpus, "js-prov_jianchayuan_2018_dept-budget.pdf"));
  const t = doc.tables.find((x) => x.kind === "three_public");
  assert.equal(t?.title, "公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表");
  const total = doc.items.find((i) => i.table === "three_public" && i.measure === "total");
  assert.equal(total?.amount, "484.30");
  assert.deepEqual(doc.validation.coverage.missing, []);
});

test("the 2017 court budget: the first rows of continuation pages (no top ruling) are read", { skip: existsSync(corpus) ? false : "../shared/corpus/unlabelled absent: skipped" }, async () => {
  const doc = await extractDocumentFile(path.join(corpus, "js-prov_gaoji-fayuan_2017_dept-budget.pdf"));
  const byCode = (table: string, code: string) => doc.items.find((i) => i.table === table && i.code === code && i.measure === "total")?.amount;
  assert.equal(byCode("basic_by_economic", "30206"), "235.00");
  assert.equal(doc.validation.status, "consistent", doc.validation.findings.map((f) => f.message).join("\n"));
  // 20405 法院 is a 款 of 公共安全支出, not a budget unit.
  assert.equal(byCode("general_by_function", "20405"), "23513.11");
});

test("a table whose title's last line alone names another kind is read by its header's signature, and that is a finding", async () => {
  const { transformDocument } = await import("../transform/transform-document.ts");
  const t = threePublic(["支出预算表", "单位：万元"]);
  const d = transformDocument({ pageCount: 3, tables: [t], pageText: [{ page: 1, text: "江苏省人民检察院\n2018年部门预算" }], coverLines: [], notes: [] }, { docId: "t", file: "t.pdf", sha256: "0".repeat(64), format: "pdf" }).extract;
  assert.deepEqual(d.tables.map((x) => x.kind), ["three_public"]);
  const f = d.validation.findings.find((x) => x.rule === "table_kind_signature")!;
  assert.deepEqual([f.actual, f.expected, f.severity], ["expenditure", "three_public", "warning"]);
  assert.ok(d.items.every((i) => i.table === "three_public"));
  // A 一般公共预算支出表 printing 人员经费 | 公用经费 stays what its title says (its codes are functional).
  const g = makeTable([["科目编码", "科目名称", "合计", "人员经费", "公用经费"], ["201", "一般公共服务支出", "10.00", "6.00", "4.00"]], { before: ["一般公共预算支出表", "单位：万元"] });
  const e = transformDocument({ pageCount: 3, tables: [g], pageText: [{ page: 1, text: "x" }], coverLines: [], notes: [] }, { docId: "t", file: "t.pdf", sha256: "0".repeat(64), format: "pdf" }).extract;
  assert.deepEqual(e.tables.map((x) => x.kind), ["general_by_function"]);
});
