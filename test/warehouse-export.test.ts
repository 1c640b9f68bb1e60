// export: every format reads back with the same counts; datapackage.json is validated by the
// Frictionless Data JavaScript library (npm datapackage, frictionlessdata's own, with the
// specs' JSON Schema profiles): as the Data Package it declares, and — the CSV export — against
// the Fiscal Data Package profile. CSV opens in Excel (BOM) and keeps codes as text.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, readFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { DuckDBInstance } from "@duckdb/node-api";
import { Profile, validate } from "datapackage";
import { Warehouse } from "../load/warehouse.ts";
import { installViews } from "../warehouse/views.ts";
import { exportWarehouse, DEFAULT_DATASETS, EXPORT_FORMATS } from "../warehouse/export.ts";
import { doc, item } from "./fixtures/warehouse-docs.ts";

interface Field { name: string; type: string; columnType?: string }
interface Resource { name: string; path: string; profile: string; schema: { fields: Field[] } }
interface Descriptor { profile: string; resources: Resource[]; model?: { measures: Record<string, unknown>; dimensions: Record<string, unknown> } }

const messages = (r: { errors: Error[] }) => r.errors.map((e) => e.message).join("\n");

describe("export", () => {
  let dir: string;
  let wh: Warehouse;
  let counts: Record<string, number>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "warehouse-export-"));
    wh = await Warehouse.open(join(dir, "data", "warehouse.duckdb"));
    await installViews(wh);
    const other = doc("b", "v1");
    // A unit's code with a leading zero, as printed: it must stay "036" in every format.
    other.items = [...other.items!, item({ table: "economic_summary", code: "036", name: "某单位", measure: "total", amount: "5", unit: "万元", row: 9 })];
    other.facts = { ...other.facts!, fiscalYear: 2023, region: { province: "河南省", city: "驻马店市", county: null, adminCode: "411700" }, department: "驻马店市测试局" };
    await wh.load([doc("a", "v1"), other]);
    counts = {};
    for (const d of DEFAULT_DATASETS) counts[d] = Number((await wh.query(`SELECT count(*) AS n FROM ${d}`))[0]!.n);
    assert.ok(counts.line_items! > 0 && counts.spending_by_function! > 0 && counts.coverage! > 0);
  });
  after(async () => {
    wh?.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const format of EXPORT_FORMATS) {
    test(`${format}: reads back with the same counts; datapackage.json validates`, async () => {
      const out = join(dir, `out-${format}`);
      const { resources } = await exportWarehouse(wh, { out, format });
      const pkg = JSON.parse(await readFile(join(out, "datapackage.json"), "utf8")) as Descriptor;
      const asDeclared = await validate(pkg);
      assert.ok(asDeclared.valid, messages(asDeclared));
      if (format === "csv") {
        assert.equal(pkg.profile, "tabular-data-package");
        const fiscal = (await Profile.load("fiscal-data-package")).validate(pkg);
        assert.ok(fiscal.valid, messages(fiscal));
        assert.ok(Object.keys(pkg.model!.measures).includes("line_items_amount_yuan"));
        assert.ok(Object.keys(pkg.model!.dimensions).includes("line_items_functional"));
      } else {
        // Only CSV may be a tabular data resource (Frictionless v1): Parquet and XLSX are data resources.
        assert.equal(pkg.profile, "data-package");
        assert.ok(pkg.resources.every((r) => r.profile === "data-resource"));
      }
      assert.deepEqual(pkg.resources.map((r) => r.name), DEFAULT_DATASETS);
      await access(join(out, "data-dictionary.md"));
      const db = await DuckDBInstance.create(":memory:");
      const c = await db.connect();
      try {
        for (const r of pkg.resources) {
          const path = join(out, r.path as string);
          let n: number;
          let columns: string[];
          if (format === "xlsx") {
            const wb = new ExcelJS.Workbook();
            await wb.xlsx.readFile(path);
            const sheet = wb.getWorksheet(r.name)!;
            n = sheet.actualRowCount - 1;
            columns = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
          } else {
            const reader = await c.runAndReadAll(`SELECT * FROM read_${format}('${path}')`);
            n = reader.currentRowCount;
            columns = reader.columnNames();
            if (format === "csv") {
              // Excel needs the BOM to read UTF-8; codes are quoted text.
              const bytes = await readFile(path);
              assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${r.name}: UTF-8 BOM`);
              if (r.name === "line_items") assert.match(bytes.toString("utf8"), /,"036",/);
              // Amounts read back exactly as decimals.
              const amounts = r.schema.fields.filter((f) => f.name.endsWith("_yuan")).map((f) => f.name);
              for (const a of amounts) {
                const [back] = (await c.runAndReadAll(`SELECT sum("${a}"::DECIMAL(38,4))::VARCHAR AS s FROM read_csv('${path}', all_varchar = true)`)).getRowObjectsJson();
                const [orig] = await wh.query(`SELECT sum("${a}")::VARCHAR AS s FROM ${r.name}`);
                assert.equal(back!.s, orig!.s, `${r.name}.${a}`);
              }
            }
          }
          assert.equal(n, counts[r.name], `${r.name} rows`);
          assert.deepEqual(columns, r.schema.fields.map((f) => f.name), `${r.name} columns`);
          assert.equal(resources.find((x) => x.name === r.name)!.rows, n);
        }
      } finally {
        c.closeSync();
        db.closeSync();
      }
      // Fiscal Data Package column types where the columns are budget concepts.
      const li = pkg.resources.find((r) => r.name === "line_items")!.schema.fields;
      const typeOf = (n: string) => li.find((f) => f.name === n)?.columnType;
      assert.equal(typeOf("amount_yuan"), "value");
      assert.equal(typeOf("fiscal_year"), "date:fiscal-year");
      assert.equal(typeOf("phase"), "phase:id");
      assert.equal(typeOf("functional_l1"), "functional-classification:generic:level1:code");
      assert.equal(typeOf("economic_l2"), "economic-classification:generic:level2:code");
      assert.equal(typeOf("department"), "administrative-classification:generic:level1:label");
      // Codes are strings in every format's schema, and in the data.
      for (const r of pkg.resources) for (const f of r.schema.fields) if (/(^|_)code$|_l\d$/.test(f.name)) assert.equal(f.type, "string", `${r.name}.${f.name}`);
      const dictionary = await readFile(join(out, "data-dictionary.md"), "utf8");
      assert.match(dictionary, /How not to count a number twice/);
      assert.match(dictionary, /department_level/);
      assert.match(dictionary, /dtype=\{'code': str/);
    });
  }

  test("--where filters every dataset; one it cannot apply to is named", async () => {
    const { resources } = await exportWarehouse(wh, { out: join(dir, "out-where"), format: "parquet", where: "fiscal_year = 2023" });
    const li = resources.find((r) => r.name === "line_items")!;
    assert.equal(li.rows, Number((await wh.query(`SELECT count(*) AS n FROM line_items WHERE fiscal_year = 2023`))[0]!.n));
    assert.ok(li.rows > 0 && li.rows < counts.line_items!);
    await assert.rejects(exportWarehouse(wh, { out: join(dir, "out-bad"), where: "table_kind = 'summary'" }), /does not apply to dataset spending_by_function/);
  });
});
