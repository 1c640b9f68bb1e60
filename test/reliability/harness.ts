// Shared by the reliability suites: the real CLI in a child process (pdf.js preloaded, as npm
// scripts do), a small copy of the sample portal on a port of its own, and a fingerprint of a
// warehouse — checksums of its facts and of the deterministic columns of its documents — to
// tell whether two warehouses hold the same data.
import { spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { Warehouse, lakePath, warehousePath } from "../../load/warehouse.ts";
import { LAKE_DATASETS, datasetGlob, sqlString } from "../../load/lake.ts";
import { startPortalServer } from "../../samples/portal/portal-server.ts";
import { CLI_NODE_ARGS } from "../../pipelines/cli-node-args.ts";

export const REPO = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** No child may outlive this: a hung run fails its test instead of the suite. */
export const CHILD_TIMEOUT_MS = 180_000;

export interface CliOutcome { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }

export function startCli(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<CliOutcome> } {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...CLI_NODE_ARGS, ...args], {
    cwd: REPO, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr!.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const timer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS);
  const done = new Promise<CliOutcome>((resolvePromise, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, ms: performance.now() - t0 });
    });
  });
  return { child, done };
}

export const runCli = (args: string[], env: Record<string, string> = {}) => startCli(args, env).done;

/** The smallest sample documents: one on the JSON-list column, one published twice (the duplicate). */
export const SMALL_SAMPLES = ["zhumadian-yibao_2022_dept-budget_yuan", "beilin-yibao_2022_dept-budget_unruled", "jiaozuo-yibao_2025_dept-budget_repaired"];

export interface SmallPortal { sources: string; origin: string; close(): Promise<void> }

/**
 * The sample portal over a few documents, served by this process on 127.0.0.1 (as a remote
 * portal is: it outlives the runs a test kills). Files go under `dir`: documents/, golden/
 * beside it (the portal's titles), and sources/sample-portal.json pointing at the server.
 */
export async function startSmallPortal(dir: string, docs: readonly string[] = SMALL_SAMPLES): Promise<SmallPortal> {
  await mkdir(join(dir, "documents"), { recursive: true });
  await mkdir(join(dir, "golden"), { recursive: true });
  for (const d of docs) {
    await copyFile(join(REPO, "samples", "documents", `${d}.pdf`), join(dir, "documents", `${d}.pdf`));
    await copyFile(join(REPO, "samples", "golden", `${d}.meta.json`), join(dir, "golden", `${d}.meta.json`));
  }
  const portal = await startPortalServer({ docsDir: join(dir, "documents"), port: 0 });
  const source = JSON.parse(await readFile(join(REPO, "sources", "sample-portal.json"), "utf8"));
  source.startUrls = [`${portal.origin}/index.html`];
  delete source.servedBy;
  await mkdir(join(dir, "sources"), { recursive: true });
  await writeFile(join(dir, "sources", "sample-portal.json"), JSON.stringify(source, null, 2));
  return { sources: join(dir, "sources"), origin: portal.origin, close: () => portal.close() };
}

/** Per table, row count and md5 over its rows in a fixed order; origins (test ports) stripped from URLs. */
export async function warehouseFingerprint(dataDir: string): Promise<Record<string, string>> {
  const wh = await Warehouse.open(warehousePath(dataDir), { readOnly: true });
  const strip = (col: string) => `regexp_replace(${col}, '^http://127\\.0\\.0\\.1:\\d+', '')`;
  const tables: Record<string, string> = {
    fact_line_items: "SELECT * FROM fact_line_items",
    fact_three_public: "SELECT * FROM fact_three_public",
    fact_projects: "SELECT * FROM fact_projects",
    fact_performance_indicators: "SELECT * FROM fact_performance_indicators",
    validation_findings: "SELECT * FROM validation_findings",
    document_tables: "SELECT * FROM document_tables",
    // A lake file holds one load's documents of a partition: which files exist depends on how the
    // documents were batched into loads, what each document has in which partition does not.
    lake_files: "SELECT dataset, sha256, regexp_replace(path, '/[^/]+$', '') AS partition_folder, rows FROM lake_files",
    documents: `SELECT sha256, doc_id, ${strip("document_key")} AS document_key, ${strip("url")} AS url, source, regexp_replace(file, '^.*/raw/', 'raw/') AS file, format, page_count,
      department, level, department_id, region_code, province, city, county, fiscal_year, phase, amount_unit, status, error,
      warnings, table_count, item_count, superseded_by FROM documents`,
    departments: "SELECT * FROM departments",
  };
  try {
    const out: Record<string, string> = {};
    for (const [name, sql] of Object.entries(tables)) {
      const [row] = await wh.query(`SELECT count(*) AS n, md5(coalesce(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR)), '')) AS h FROM (${sql}) t`);
      out[name] = `${row!.n} ${row!.h}`;
    }
    return out;
  } finally {
    wh.close();
  }
}

/**
 * The lake as a reader sees it: per dataset, partition folder and document, the row count and
 * an md5 over the rows (read from the Parquet files, in a fixed order).
 */
export async function lakeContents(dataDir: string): Promise<Record<string, string>> {
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  try {
    const out: Record<string, string> = {};
    for (const ds of LAKE_DATASETS) {
      const rows = (await conn.runAndReadAll(`SELECT folder, sha256, count(*) AS n,
          md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR))) AS h
        FROM (SELECT regexp_replace(filename, '^.*/lake/|/[^/]+$', '', 'g') AS folder, * EXCLUDE (filename)
              FROM read_parquet(${sqlString(datasetGlob(lakePath(dataDir), ds.name))}, hive_partitioning = false, filename = true, union_by_name = true)) t
        GROUP BY folder, sha256 ORDER BY folder, sha256`).catch((e: Error) => { if (/No files found/.test(e.message)) return null; throw e; }))?.getRowsJS() ?? [];
      for (const [folder, sha256, n, h] of rows) out[`${folder} ${sha256}`] = `${n} ${h}`;
    }
    return out;
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/** The rows of a query on a warehouse, opened read-only. */
export async function queryWarehouse(dataDir: string, sql: string): Promise<Record<string, unknown>[]> {
  const wh = await Warehouse.open(warehousePath(dataDir), { readOnly: true });
  try {
    return await wh.query(sql);
  } finally {
    wh.close();
  }
}
