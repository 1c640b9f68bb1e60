import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createHash } from "node:crypto";
import type { DocumentExtract } from "../pipelines/extract-document.ts";
import { runStart } from "../pipelines/start.ts";
import { doc, facts, item } from "./fixtures/warehouse-docs.ts";
import { Warehouse, warehousePath } from "../load/warehouse.ts";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
// npm start crawls the sample portal built from the samples folder: the crawler takes only
// bodies that are documents, so the stand-ins start like PDFs.
const GOOD_BYTES = "%PDF-1.4 good-bytes";
const BROKEN_BYTES = "%PDF-1.4 broken-bytes";

/** Stands in for extractDocumentFile: good.pdf extracts, broken.pdf throws. */
async function fakeExtract(file: string): Promise<DocumentExtract> {
  const docId = basename(file, ".pdf");
  // The file is the crawled blob (named by its hash): tell the two apart by content.
  if ((await readFile(file, "utf8")) === BROKEN_BYTES) throw new Error("Invalid PDF structure\n  at some frame");
  const bbox: [number, number, number, number] = [1, 2, 3, 4];
  const base = { page: 2, bbox, row: 1, unit: "元" as const };
  return {
    ...doc(docId, "good"), file, sha256: sha(GOOD_BYTES), pageCount: 7,
    tables: [], facts: facts({ department: null, level: null, region: { province: null, city: null, county: null, adminCode: null }, fiscalYear: null, phase: null, amountUnit: null }),
    items: [
      item({ ...base, col: 1, table: "expenditure", code: "201", name: "一般公共服务支出", measure: "total", amount: "82096797.42" }),
      item({ ...base, col: 2, table: "expenditure", code: "208", name: "社会保障和就业支出", measure: "total", amount: "4213779.28" }),
      item({ ...base, col: 3, table: "expenditure", code: "20805", name: "行政事业单位养老支出", measure: "total", amount: "4213779.28" }),
      item({ ...base, col: 4, table: "three_public", code: "", name: "合计", measure: "total", amount: "12.5", unit: "万元" }),
    ],
  } as DocumentExtract;
}

function capture() {
  const lines: string[] = [];
  return { lines, write: (l: string) => void lines.push(...l.split("\n")), text: () => lines.join("\n") };
}

describe("npm start pipeline", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "start-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("an empty or missing samples folder gives a clear message and no warehouse", async () => {
    const out = capture();
    const dataDir = join(dir, "data-empty");
    const code = await runStart({ samplesDir: join(dir, "missing"), dataDir, stdout: out.write, stderr: out.write });
    assert.equal(code, 0);
    assert.match(out.text(), /No sample documents: .*missing\/ has no \*\.pdf files/);
    await assert.rejects(access(warehousePath(dataDir)));
  });

  test("loads good documents, records failed ones, and exits 1", async () => {
    const samplesDir = join(dir, "samples");
    await mkdir(samplesDir);
    await writeFile(join(samplesDir, "good.pdf"), GOOD_BYTES);
    await writeFile(join(samplesDir, "broken.pdf"), BROKEN_BYTES);
    await writeFile(join(samplesDir, "notes.txt"), "not a pdf");
    const dataDir = join(dir, "data");

    for (let run = 1; run <= 2; run++) {
      const out = capture();
      const err = capture();
      const code = await runStart({ samplesDir, dataDir, extract: fakeExtract, stdout: out.write, stderr: err.write });
      assert.equal(code, 1);

      // One clear stderr line for the failure, first line of the error only.
      assert.deepEqual(err.lines, ["[1/2] FAILED broken: extract failed: Invalid PDF structure"]);
      const progress = out.lines.find((l) => l.startsWith("[2/2]"));
      assert.match(progress!, /^\[2\/2\] good\s+pages\s+7\s+tables\s+0\s+items\s+4\s+\d+ ms$/);
      assert.match(out.text(), /^run \S+ \(code \S+\): 2 document\(s\): 1 ok, 1 failed; 4 line items; 2 Parquet file\(s\)$/m);
      // Items per table kind, the views' row counts, then the example query's SQL and its result.
      assert.match(out.text(), /expenditure\s+1\s+3\n\s*three_public\s+1\s+1/);
      assert.match(out.text(), /line_items\s+4\n\s*spending_by_function\s+\d+\n\s*coverage\s+\d+/);
      assert.match(out.text(), /FROM spending_by_function\nWHERE code_level = 1/);
      const resultHeader = out.lines.findIndex((l) => /^\s*类\s+name\s+documents\s+amount_yuan\s+derived$/.test(l));
      assert.ok(resultHeader > 0, out.text());
      assert.match(out.lines[resultHeader + 2]!, /^201\s+一般公共服务支出\s+1\s+82096797\.4200\s+0$/);
      assert.match(out.lines[resultHeader + 3]!, /^208\s+社会保障和就业支出\s+1\s+4213779\.2800\s+0$/);
      assert.equal(out.lines[resultHeader + 4], "", "only 类-level codes are listed");
      assert.doesNotMatch(out.text(), /[^:]\/\//, "paths print without //");
    }

    // Running twice leaves the same contents: one row per document, 4 items.
    const wh = await Warehouse.open(warehousePath(dataDir));
    try {
      const docs = await wh.query("SELECT doc_id, sha256, status, error, item_count FROM documents ORDER BY doc_id");
      assert.deepEqual(docs, [
        {
          doc_id: "broken", sha256: sha(BROKEN_BYTES), status: "failed",
          error: "extract failed: Invalid PDF structure", item_count: 0,
        },
        { doc_id: "good", sha256: sha(GOOD_BYTES), status: "ok", error: null, item_count: 4 },
      ]);
      const [items] = await wh.query("SELECT count(*) AS n, sum(amount_yuan) AS total FROM line_items");
      assert.deepEqual(items, { n: "4", total: "90649355.9800" });
      const lake = await wh.query("SELECT dataset, count(*) AS files FROM lake_files GROUP BY ALL ORDER BY dataset");
      assert.deepEqual(lake, [{ dataset: "line_items", files: "1" }, { dataset: "three_public", files: "1" }]);
      // The run summary table the README queries is there (empty: npm start is not a `cli run`).
      assert.deepEqual(await wh.query("SELECT count(*) AS n FROM pipeline_runs"), [{ n: "0" }]);
      const runs = await wh.query("SELECT documents, failed, items FROM runs ORDER BY started_at");
      assert.deepEqual(runs, [
        { documents: 2, failed: 1, items: "4" },
        { documents: 2, failed: 1, items: "4" },
      ]);
    } finally {
      wh.close();
    }
  });
});
