// The sample documents' tables beyond the golden five (samples/expected/<doc_id>.json):
// other kinds, empty tables, unit-level tables, projects and performance indicators,
// each compared with what the extractor reads. Amounts are compared per row as the
// multiset of printed values, measure names being the printed header paths there.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inspectDocumentFile } from "../pipelines/extract-document.ts";
import { readRecords } from "../transform/table-records.ts";
import { projectItems } from "../transform/project-items.ts";
import { performanceIndicators } from "../transform/performance-indicators.ts";
import { ExpectedFile, type ExtTable } from "../samples/generate/expected-schema.ts";
import type { RecognisedTable } from "../transform/recognise-tables.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const expectedDir = path.join(root, "samples", "expected");
const compact = (s: string) => s.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
const values = (amounts: Record<string, string>) => Object.values(amounts).map(Number).sort((a, b) => a - b);
const numbers = (xs: string[]) => xs.map(Number).sort((a, b) => a - b);

/** Differences between one expected table and the recognised table read for it. */
function compare(exp: ExtTable, ours: RecognisedTable): string[] {
  const out: string[] = [];
  if (exp.empty !== ours.empty) out.push(`empty: expected ${exp.empty}, read ${ours.empty}`);
  if (exp.unit !== ours.unit) out.push(`unit: expected ${exp.unit}, read ${ours.unit}`);
  if (exp.scope !== ours.scope) out.push(`scope: expected ${exp.scope}, read ${ours.scope}`);
  const records = readRecords(ours.layout);
  switch (exp.row_format) {
    case "coded": {
      const used = new Set<number>();
      for (const row of exp.rows) {
        const i = records.findIndex((r, k) => !used.has(k) && (row.code ? r.code === row.code || r.unitCode === row.code : !r.code) && compact(r.name) === compact(row.name));
        const rec = records[i];
        if (rec) used.add(i);
        if (!rec) { out.push(`row ${row.code} ${row.name}: not read`); continue; }
        const got = numbers(rec.amounts.map((a) => a.printed));
        if (JSON.stringify(got) !== JSON.stringify(values(row.amounts))) out.push(`row ${row.code} ${row.name}: amounts ${JSON.stringify(got)}, expected ${JSON.stringify(values(row.amounts))}`);
      }
      break;
    }
    case "panels": {
      // A label printed twice on one side (（一）一般公共预算 under 本年收入 and under 上年结转) is matched in order.
      const used = new Set<number>();
      for (const row of exp.rows) {
        const i = records.findIndex((r, k) => !used.has(k) && compact(r.name) === compact(row.name) && (row.side === "income" ? r.panel === 0 : r.panel > 0));
        if (i >= 0) used.add(i);
        const got = numbers(i >= 0 ? records[i]!.amounts.map((a) => a.printed) : []);
        if (JSON.stringify(got) !== JSON.stringify(values(row.amounts))) out.push(`${row.side} ${row.name}: amounts ${JSON.stringify(got)}, expected ${JSON.stringify(values(row.amounts))}`);
      }
      break;
    }
    case "project": {
      const items = projectItems(ours, ours.unit ?? "万元");
      for (const row of exp.rows) {
        const mine = items.filter((p) => compact(p.name ?? "") === compact(row.name) && (row.row_type !== "project" || p.type === row.type) && (!row.unit_code || p.unitCode === row.unit_code));
        const rowsRead = new Set(mine.map((p) => p.row));
        const got = numbers(mine.filter((p) => p.row === [...rowsRead][0]).map((p) => p.amount));
        if (JSON.stringify(got) !== JSON.stringify(values(row.amounts))) out.push(`project ${row.name} (${row.type}): amounts ${JSON.stringify(got)}, expected ${JSON.stringify(values(row.amounts))}`);
      }
      break;
    }
    case "performance": {
      const read = new Set(performanceIndicators(ours).map((i) => [compact(i.level1 ?? ""), compact(i.level2 ?? ""), compact(i.level3), compact(i.value ?? "")].join("|")));
      for (const row of exp.rows) {
        const key = [compact(row.level1), compact(row.level2 ?? ""), compact(row.level3), compact(row.value)].join("|");
        if (!read.has(key)) out.push(`indicator ${key}: not read`);
      }
      break;
    }
  }
  return out;
}

const files = readdirSync(expectedDir).filter((f) => f.endsWith(".json")).sort();

describe("sample tables beyond the golden kinds", () => {
  for (const file of files) {
    test(file.replace(/\.json$/, ""), async () => {
      const expected = ExpectedFile.parse(JSON.parse(readFileSync(path.join(expectedDir, file), "utf8")));
      const { recognised } = await inspectDocumentFile(path.join(root, "samples", "documents", `${expected.doc_id}.pdf`));
      const problems: string[] = [];
      const used = new Set<RecognisedTable>();
      for (const exp of expected.tables) {
        const ours = recognised.find((t) => t.kind === exp.kind && !used.has(t) && t.scope === exp.scope);
        if (!ours) { problems.push(`${exp.kind} “${exp.title}”: not found`); continue; }
        used.add(ours);
        problems.push(...compare(exp, ours).map((p) => `${exp.kind} “${exp.title}”: ${p}`));
      }
      assert.deepEqual(problems, []);
    });
  }
});
