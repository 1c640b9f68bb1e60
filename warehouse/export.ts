// Exports the researcher views as files a researcher's tools read (Parquet, CSV, XLSX),
// with a Frictionless datapackage.json (the CSV export a Fiscal Data Package too) and a data dictionary.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import ExcelJS from "exceljs";
import { JsonDuckDBValueConverter } from "@duckdb/node-api";
import type { Warehouse } from "../load/warehouse.ts";
import { sqlString } from "../load/lake.ts";
import { DATASETS, READING_NOTES, type DatasetDoc } from "./dictionary.ts";
import { codeVersion } from "../load/code-version.ts";
import { openReader } from "./writer.ts";
import { fiscalModel } from "./fiscal-model.ts";

export const EXPORT_FORMATS = ["parquet", "csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const DEFAULT_DATASETS = DATASETS.map((d) => d.view);

/** Excel's row limit (header row included). */
const XLSX_MAX_ROWS = 1_048_576;

export interface ExportOptions {
  out: string;
  format?: ExportFormat;
  /** SQL condition applied to every dataset (use columns they share: fiscal_year, phase, province, department). */
  where?: string;
  datasets?: string[];
  /** CSV only: start each file with a UTF-8 byte order mark, so Excel reads it as UTF-8 (default true). */
  bom?: boolean;
}

export interface ExportedResource { name: string; path: string; rows: number; bytes: number }

interface Column { name: string; type: string }

/** Frictionless Table Schema type of a DuckDB type (as exported: lists become strings). */
export function tableSchemaType(duckType: string): { type: string; format?: string } {
  const t = duckType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(t)) return { type: "integer" };
  if (/^(DECIMAL|DOUBLE|FLOAT|REAL)/.test(t)) return { type: "number" };
  if (t === "BOOLEAN") return { type: "boolean" };
  if (t.startsWith("TIMESTAMP")) return { type: "datetime" };
  if (t === "DATE") return { type: "date" };
  if (t === "JSON") return { type: "object" };
  return { type: "string" };
}

const MEDIA: Record<ExportFormat, string> = {
  parquet: "application/vnd.apache.parquet",
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The SELECT exporting one dataset: lists joined into strings, timestamps ISO 8601 UTC outside Parquet. */
function selectSql(ds: DatasetDoc, columns: Column[], format: ExportFormat, where: string | undefined): string {
  const exprs = columns.map(({ name, type }) => {
    const q = `"${name}"`;
    if (type.endsWith("[]")) return `array_to_string(${q}, '; ') AS ${q}`;
    if (format !== "parquet" && type.startsWith("TIMESTAMP")) return `strftime(timezone('UTC', ${q}), '%Y-%m-%dT%H:%M:%SZ') AS ${q}`;
    return q;
  });
  for (const [name, expr] of Object.entries(ds.derived ?? {})) exprs.push(`${expr} AS "${name}"`);
  return `SELECT ${exprs.join(", ")} FROM ${ds.view}${where ? ` WHERE (${where})` : ""}`;
}

/** Writes `to` as an optional UTF-8 BOM followed by `from`, then removes `from`. */
async function withBom(from: string, to: string, bom: boolean): Promise<void> {
  const out = createWriteStream(to);
  if (bom) out.write("\uFEFF");
  await pipeline(createReadStream(from), out);
  await rm(from);
}

async function describe(wh: Warehouse, sql: string): Promise<Column[]> {
  return (await wh.query(`DESCRIBE ${sql}`)).map((r) => ({ name: r.column_name as string, type: r.column_type as string }));
}

async function sha256File(path: string): Promise<string> {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}

/**
 * Export as the command runs it: the published warehouse opened read-only with its SQL locked
 * down (load/sql-sandbox.ts) — a --where can reach no file but a fresh folder inside `out` the
 * export writes into — then the files moved into `out`.
 */
export async function exportDataDir(dataDir: string, options: ExportOptions): Promise<{ resources: ExportedResource[]; datapackage: object }> {
  await mkdir(options.out, { recursive: true });
  const staging = await mkdtemp(join(options.out, ".export-"));
  try {
    const wh = await openReader(dataDir, { allowedDirectories: [resolve(staging)] });
    let result;
    try {
      result = await exportWarehouse(wh, { ...options, out: staging });
    } finally {
      wh.close();
    }
    for (const name of await readdir(staging)) await rename(join(staging, name), join(options.out, name));
    return result;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export async function exportWarehouse(wh: Warehouse, options: ExportOptions): Promise<{ resources: ExportedResource[]; datapackage: object }> {
  const format = options.format ?? "parquet";
  const names = options.datasets?.length ? options.datasets : DEFAULT_DATASETS;
  const datasets = names.map((n) => {
    const d = DATASETS.find((x) => x.view === n);
    if (!d) throw new Error(`unknown dataset "${n}" (have: ${DEFAULT_DATASETS.join(", ")})`);
    return d;
  });
  await mkdir(options.out, { recursive: true });
  const resources: ExportedResource[] = [];
  const schemas: Record<string, Column[]> = {};
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  const xlsxPath = join(options.out, "budget-disclosures.xlsx");
  if (format === "xlsx") workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: false });

  for (const ds of datasets) {
    const viewColumns = await describe(wh, `SELECT * FROM ${ds.view}`);
    const sql = selectSql(ds, viewColumns, format, options.where);
    let columns: Column[];
    try {
      columns = await describe(wh, sql);
    } catch (e) {
      throw new Error(`--where does not apply to dataset ${ds.view}: ${(e as Error).message.split("\n")[0]} (pick datasets with --dataset)`);
    }
    schemas[ds.view] = columns;
    const rows = Number((await wh.query(`SELECT count(*) AS n FROM (${sql})`))[0]!.n);
    const file = `${ds.view}.${format}`;
    if (format === "parquet") {
      await wh.query(`COPY (${sql}) TO ${sqlString(join(options.out, file))} (FORMAT parquet, COMPRESSION zstd)`);
    } else if (format === "csv") {
      // Text columns quoted (codes such as 036 and 2080505 are text); the BOM tells Excel the file is UTF-8.
      const text = columns.filter((c) => tableSchemaType(c.type).type === "string").map((c) => `"${c.name}"`);
      const body = join(options.out, `${file}.body`);
      await wh.query(`COPY (${sql}) TO ${sqlString(body)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"'${text.length ? `, FORCE_QUOTE (${text.join(", ")})` : ""})`);
      await withBom(body, join(options.out, file), options.bom ?? true);
    } else {
      if (rows + 1 > XLSX_MAX_ROWS) throw new Error(`${ds.view}: ${rows} rows exceed Excel's ${XLSX_MAX_ROWS - 1}; narrow it with --where or export csv/parquet`);
      const sheet = workbook!.addWorksheet(ds.view);
      sheet.addRow(columns.map((c) => c.name)).commit();
      const numeric = columns.map((c) => ["integer", "number"].includes(tableSchemaType(c.type).type));
      const result = await wh.connection.stream(sql);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        for (const row of chunk.convertRows(JsonDuckDBValueConverter))
          sheet.addRow(row.map((v, i) => (v === null ? null : numeric[i] ? Number(v) : typeof v === "object" ? JSON.stringify(v) : v))).commit();
      }
      sheet.commit();
    }
    if (format !== "xlsx") resources.push({ name: ds.view, path: file, rows, bytes: (await stat(join(options.out, file))).size });
    else resources.push({ name: ds.view, path: "budget-disclosures.xlsx", rows, bytes: 0 });
  }
  if (workbook) {
    await workbook.commit();
    const bytes = (await stat(xlsxPath)).size;
    for (const r of resources) r.bytes = bytes;
  }

  const years = (await wh.query(`SELECT min(fiscal_year) AS lo, max(fiscal_year) AS hi FROM current_documents`))[0]!;
  // Frictionless v1: only CSV may be a tabular data resource; Parquet and XLSX are data
  // resources that carry their Table Schema as documentation. The Fiscal Data Package
  // profile (which extends the tabular one, so `profile` stays tabular-data-package) needs
  // tabular resources and a `model`: the CSV export is one.
  const tabular = format === "csv";
  const resourcesOut = await Promise.all(resources.map(async (r) => {
    const ds = datasets.find((d) => d.view === r.name)!;
    return {
      name: r.name,
      title: ds.title,
      description: ds.description,
      profile: tabular ? "tabular-data-resource" : "data-resource",
      path: r.path,
      format,
      mediatype: MEDIA[format],
      ...(format === "csv" ? { encoding: "utf-8", dialect: { delimiter: ",", quoteChar: '"', header: true, doubleQuote: true } } : {}),
      ...(format === "xlsx" ? { sheet: r.name } : {}),
      bytes: r.bytes,
      hash: `sha256:${await sha256File(join(options.out, r.path))}`,
      rows: r.rows,
      schema: {
        fields: schemas[r.name]!.map((c) => {
          const doc = ds.columns[c.name];
          const t = tableSchemaType(c.type);
          return {
            name: c.name,
            ...t,
            ...(t.type === "number" ? { bareNumber: true } : {}),
            description: doc?.description ?? "",
            ...(doc?.columnType ? { columnType: doc.columnType } : {}),
            ...(c.name.endsWith("_yuan") ? { currency: "CNY" } : {}),
          };
        }),
        missingValues: [""],
      },
    };
  }));
  const datapackage = {
    profile: tabular ? "tabular-data-package" : "data-package",
    name: "china-budget-disclosures",
    title: "Chinese government department budgets and final accounts (部门预算/部门决算)",
    description: "Line items of the standard tables of department budget and final-accounts disclosures, extracted from the published documents. Amounts in yuan (元). See data-dictionary.md for how not to count a number twice.",
    version: codeVersion(),
    created: new Date().toISOString(),
    countryCode: "CN",
    ...(years.lo != null ? { fiscalPeriod: { start: `${years.lo}-01-01`, end: `${years.hi}-12-31` } } : {}),
    licenses: [{ name: "other-pd", title: "Data published by government bodies; see each document's source" }],
    ...(options.where ? { filter: options.where } : {}),
    ...(tabular ? { granularity: "aggregated", model: fiscalModel(resourcesOut) } : {}),
    resources: resourcesOut,
  };
  await writeFile(join(options.out, "datapackage.json"), JSON.stringify(datapackage, null, 2) + "\n");
  await writeFile(join(options.out, "data-dictionary.md"), dataDictionary(datasets, schemas, resources));
  return { resources, datapackage };
}

function dataDictionary(datasets: DatasetDoc[], schemas: Record<string, Column[]>, resources: ExportedResource[]): string {
  const lines = [
    "# Data dictionary",
    "",
    "Exported from the budget-disclosures warehouse. Amounts are yuan (元); `printed_amount` and `printed_unit` keep what the document printed. See docs/warehouse.md in the project for the full description and example queries.",
    "",
    ...READING_NOTES,
  ];
  for (const ds of datasets) {
    const r = resources.find((x) => x.name === ds.view)!;
    lines.push(`## ${ds.view} — ${ds.title}`, "", ds.description, "", `File: \`${r.path}\`, ${r.rows} rows.`, "", "| column | type | meaning | Fiscal Data Package type |", "|---|---|---|---|");
    for (const c of schemas[ds.view]!) {
      const doc = ds.columns[c.name];
      lines.push(`| \`${c.name}\` | ${tableSchemaType(c.type).type} (${c.type}) | ${(doc?.description ?? "").replaceAll("|", "\\|")} | ${doc?.columnType ?? ""} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
