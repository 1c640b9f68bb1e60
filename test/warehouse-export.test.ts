// export: every format reads back with the same counts; datapackage.json validates against
// a zod model of the Frictionless Data Package / Tabular Data Resource / Table Schema specs.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, readFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import ExcelJS from "exceljs";
import { DuckDBInstance } from "@duckdb/node-api";
import { Warehouse } from "../load/warehouse.ts";
import { exportWarehouse, DEFAULT_DATASETS, EXPORT_FORMATS } from "../warehouse/export.ts";
import { doc } from "./fixtures/warehouse-docs.ts";

// --- Frictionless specs (v1, with the Fiscal Data Package additions) as zod ---
const NAME = /^([-a-z0-9._/])+$/;
const TABLE_SCHEMA_TYPES = ["string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"] as const;
const Field = z.object({
  name: z.string().min(1),
  type: z.enum(TABLE_SCHEMA_TYPES),
  format: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  bareNumber: z.boolean().optional(),
  constraints: z.record(z.string(), z.unknown()).optional(),
  /** Fiscal Data Package: what the column is in a budget. */
  columnType: z.string().regex(/^[a-z-]+(:[a-z0-9-]+)*$/).optional(),
}).passthrough();
const TableSchema = z.object({
  fields: z.array(Field).min(1).refine((f) => new Set(f.map((x) => x.name)).size === f.length, "field names must be unique"),
  missingValues: z.array(z.string()).optional(),
  primaryKey: z.union([z.string(), z.array(z.string())]).optional(),
}).passthrough();
const TabularDataResource = z.object({
  profile: z.literal("tabular-data-resource"),
  name: z.string().regex(NAME),
  path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).refine((p) => ![p].flat().some((x) => x.startsWith("/") || x.includes("..")), "paths must be relative, without .."),
  title: z.string().optional(),
  description: z.string().optional(),
  format: z.string().optional(),
  mediatype: z.string().regex(/^[a-z]+\/[-+.a-z0-9]+$/).optional(),
  encoding: z.string().optional(),
  bytes: z.number().int().nonnegative().optional(),
  hash: z.string().regex(/^(sha256:)?[0-9a-f]{64}$/).optional(),
  schema: TableSchema,
}).passthrough();
const DataPackage = z.object({
  profile: z.string().min(1),
  name: z.string().regex(NAME),
  title: z.string().optional(),
  version: z.string().optional(),
  created: z.string().datetime({ offset: true }).optional(),
  licenses: z.array(z.object({ name: z.string().optional(), path: z.string().optional(), title: z.string().optional() })).optional(),
  resources: z.array(TabularDataResource).min(1).refine((r) => new Set(r.map((x) => x.name)).size === r.length, "resource names must be unique"),
  countryCode: z.string().regex(/^[A-Z]{2}$/).optional(),
}).passthrough();

describe("export", () => {
  let dir: string;
  let wh: Warehouse;
  let counts: Record<string, number>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "warehouse-export-"));
    wh = await Warehouse.open(join(dir, "data", "warehouse.duckdb"));
    const other = doc("b", "v1");
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
      const pkg = DataPackage.parse(JSON.parse(await readFile(join(out, "datapackage.json"), "utf8")));
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
