// The Parquet lake: one hive-partitioned dataset per fact table, one zstd Parquet file per
// load, dataset and partition, named by the load's run id, holding every document of that
// load in that partition:
//
//   <lake>/line_items/fiscal_year=2022/province=河南省/<run_id>.parquet
//
// (A file per document cost more to write than the rows in it: DuckDB's partitioned writer
// spends about 4 ms a file, and a thousand-document load wrote up to five thousand files.)
// Files are written by DuckDB's own writer (COPY … PARTITION_BY) into a staging folder
// first (<lake>/.staging/<run_id>/), loaded into the warehouse from there, and moved into
// place only after the warehouse transaction commits. A load that replaces documents (the
// same sha256 again, or a failed re-extraction) writes the other documents of the files
// they were in into its own files, so those files can go. The warehouse's lake_files table
// is the lake's catalogue, one row per file and document: on the next open a staging folder
// whose run committed is published (roll forward), one whose run did not is deleted (roll
// back), and files the catalogue does not list are swept away.
import { mkdir, readdir, rename, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";

/**
 * Bump when a dataset's columns change (written into every file's key-value metadata). 2: line_items
 * scope, budget_unit. 3: line_items table_index, measure_label, normalised_code, code_status,
 * verification, identities, the OCR columns; amount_yuan NULL where no unit is printed.
 */
export const LAKE_SCHEMA_VERSION = 3;
export const STAGING_DIR = ".staging";
export const PARTITION_COLUMNS = ["fiscal_year", "province"] as const;
/** Read partitions back with these types (DuckDB would otherwise guess BIGINT for years). */
export const HIVE_TYPES = `{'fiscal_year': INTEGER, 'province': VARCHAR}`;

export interface LakeDataset {
  /** Folder name in the lake. */
  name: string;
  /** Warehouse fact table it loads into. */
  table: string;
  description: string;
}

export const LAKE_DATASETS: readonly LakeDataset[] = [
  { name: "line_items", table: "fact_line_items", description: "every number of every standard table" },
  { name: "three_public", table: "fact_three_public", description: "the “三公” totals of each document, one row per document" },
  { name: "projects", table: "fact_projects", description: "project expenditure rows (项目支出)" },
  { name: "performance_indicators", table: "fact_performance_indicators", description: "performance targets (绩效目标)" },
  { name: "validation_findings", table: "validation_findings", description: "identity checks that failed" },
];

export interface StagedFile {
  dataset: string;
  /** Absolute path of the file in the staging folder. */
  staged: string;
  /** Final path relative to the lake root (forward slashes). */
  path: string;
}

export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The key-value metadata every lake file carries. */
export const lakeFileMetadata = (dataset: string) =>
  `KV_METADATA {dataset: ${sqlString(dataset)}, lake_schema_version: '${LAKE_SCHEMA_VERSION}'}`;

/**
 * The COPY that stages one dataset of a load: the lake's files, partitioned by year and
 * province, from a SELECT over the staging tables (which the warehouse is filled from too).
 * (`partitionBy` other than the lake's: the load bench's earlier layouts.)
 */
export function copyToStagingSql(select: string, dataset: string, stagingRoot: string, partitionBy: readonly string[] = PARTITION_COLUMNS): string {
  return `COPY (${select}) TO ${sqlString(join(stagingRoot, dataset))} (
    FORMAT parquet, COMPRESSION zstd,
    PARTITION_BY (${partitionBy.join(", ")}), FILENAME_PATTERN 'part_{i}', OVERWRITE_OR_IGNORE true,
    ${lakeFileMetadata(dataset)})`;
}

/**
 * The rows of lake files the load keeps (their documents are not in it), as a SELECT with the
 * partition columns: they go into the load's own files, beside its documents.
 */
export function keptRowsSql(lakeDir: string, paths: readonly string[], replaced: string): string {
  const files = paths.map((p) => sqlString(join(lakeDir, ...p.split("/"))));
  return `SELECT * FROM read_parquet([${files.join(", ")}], hive_partitioning = true, hive_types = ${HIVE_TYPES}, union_by_name = true)
    WHERE sha256 NOT IN (${replaced})`;
}

async function walk(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

const toPosix = (p: string) => p.split(sep).join("/");

/** The files a staging folder holds and where each goes in the lake (named by the run id). */
export async function stagedFiles(stagingRoot: string, runId: string): Promise<StagedFile[]> {
  const files: StagedFile[] = [];
  for (const dataset of LAKE_DATASETS) {
    const root = join(stagingRoot, dataset.name);
    const byPartition = new Map<string, string[]>();
    for (const f of await walk(root)) {
      if (!f.endsWith(".parquet")) continue;
      const parts = toPosix(relative(root, f)).split("/");
      if (parts.length !== PARTITION_COLUMNS.length + 1 || !parts.slice(0, -1).every((p, i) => p.startsWith(`${PARTITION_COLUMNS[i]}=`)))
        throw new Error(`unexpected staged file ${f}`);
      const key = parts.slice(0, -1).join("/");
      byPartition.set(key, [...(byPartition.get(key) ?? []), f]);
    }
    for (const [key, list] of byPartition) {
      list.sort().forEach((staged, i) => {
        const name = i === 0 ? `${runId}.parquet` : `${runId}.${i}.parquet`;
        files.push({ dataset: dataset.name, staged, path: [dataset.name, key, name].join("/") });
      });
    }
  }
  return files;
}

/** Moves staged files into the lake (each rename atomic), then deletes the staging folder. */
export async function publishStaged(lakeDir: string, stagingRoot: string, files?: StagedFile[]): Promise<void> {
  // The staging folder is named by its run id, as the files it holds will be.
  for (const f of files ?? (await stagedFiles(stagingRoot, basename(stagingRoot)))) {
    const target = join(lakeDir, ...f.path.split("/"));
    await mkdir(join(target, ".."), { recursive: true });
    try {
      await rename(f.staged, target);
    } catch (e) {
      // Already moved by an earlier, interrupted publish.
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  await rm(stagingRoot, { recursive: true, force: true });
}

/** Deletes lake files the catalogue does not list, and empty partition folders. Returns how many. */
export async function sweepLake(lakeDir: string, keep: ReadonlySet<string>): Promise<number> {
  let removed = 0;
  for (const dataset of LAKE_DATASETS) {
    const root = join(lakeDir, dataset.name);
    for (const f of await walk(root)) {
      if (!keep.has(toPosix(relative(lakeDir, f)))) {
        await unlink(f);
        removed++;
      }
    }
    await removeEmptyDirs(root, false);
  }
  return removed;
}

async function removeEmptyDirs(dir: string, removeSelf: boolean): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) await removeEmptyDirs(join(dir, e.name), true);
  if (removeSelf && (await readdir(dir)).length === 0) await rmdir(dir).catch(() => {});
}

/** Run ids with a staging folder left behind. */
export async function leftoverStaging(lakeDir: string): Promise<string[]> {
  try {
    return (await readdir(join(lakeDir, STAGING_DIR), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/** A glob over one dataset, for read_parquet. */
export const datasetGlob = (lakeDir: string, dataset: string) => join(lakeDir, dataset, "**", "*.parquet");

/** read_parquet over a dataset with its partitions typed. */
export const readDatasetSql = (lakeDir: string, dataset: string) =>
  `read_parquet(${sqlString(datasetGlob(lakeDir, dataset))}, hive_partitioning = true, hive_types = ${HIVE_TYPES}, union_by_name = true)`;

/** Writes <lake>/README.md-like schema note: what each dataset is and its version. */
export async function writeLakeManifest(lakeDir: string, columns: Record<string, Array<{ name: string; type: string }>>): Promise<void> {
  await mkdir(lakeDir, { recursive: true });
  const manifest = {
    lake_schema_version: LAKE_SCHEMA_VERSION,
    layout: "<dataset>/fiscal_year=<year>/province=<province>/<run_id>.parquet: one file per load and partition, its documents' rows (hive partitions; __HIVE_DEFAULT_PARTITION__ = unknown)",
    compression: "zstd",
    datasets: LAKE_DATASETS.map((d) => ({ name: d.name, description: d.description, warehouse_table: d.table, columns: columns[d.name] ?? [] })),
  };
  await writeFile(join(lakeDir, "_schema.json"), JSON.stringify(manifest, null, 2) + "\n");
}
