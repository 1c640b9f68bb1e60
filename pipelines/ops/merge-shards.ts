// `merge`: builds <data>/warehouse.duckdb and <data>/lake/ from every shard's lake and
// catalogue (<data>/shards/K-of-N/), so that the result is the warehouse one unsharded run
// would have made (the lake: the same rows in each partition; its files are the shards', one per
// load and partition). A full rebuild in one transaction, then the lake files copied into place:
// killed anywhere, the next merge completes it.
import { copyFile, mkdir, readdir, rename, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { HIVE_TYPES, LAKE_DATASETS, lakeFileMetadata, sqlString, sweepLake } from "../../load/lake.ts";
import { SCHEMA_VERSION } from "../../load/schema.ts";
import { lakePath } from "../../load/warehouse.ts";
import { WarehouseWriter } from "../../warehouse/writer.ts";
import type { RunLock } from "../../load/writer-lock.ts";
import { ConfigError } from "./exit-codes.ts";
import { LockedError, liveLockOwner } from "../../load/writer-lock.ts";
import { CATALOG_TABLES, readShardManifest, type ShardManifest } from "./shard-catalog.ts";
import { SHARDS_DIR } from "./shard.ts";
import { faultPoint } from "./fault-hook.ts";

export interface MergeOptions {
  dataDir: string;
  /** Expected N; default: read from the shard folders (all must agree). */
  count?: number;
  /** DATA/run.lock, held by the caller (merge takes it before it looks at the shards). */
  lock: RunLock;
}

export interface MergeReport {
  shards: string[];
  documents: number;
  facts: Record<string, number>;
  lakeFiles: number;
  copied: number;
}

interface FoundShard { home: string; manifest: ShardManifest }

/** The shard folders of N, each with its manifest; a missing or mismatched shard is a ConfigError. */
export async function findShards(dataDir: string, count?: number): Promise<FoundShard[]> {
  const root = join(dataDir, SHARDS_DIR);
  const names = (await readdir(root).catch(() => [] as string[])).filter((n) => /^\d+-of-\d+$/.test(n));
  const counts = [...new Set(names.map((n) => Number(n.split("-of-")[1])))].sort((a, b) => a - b);
  const n = count ?? (counts.length === 1 ? counts[0]! : undefined);
  if (n === undefined) {
    throw new ConfigError(counts.length === 0
      ? `merge: no shard folders in ${root}/ (run \`run --shard K/N\` first)`
      : `merge: ${root}/ holds shards of several N (${counts.join(", ")}): pass --shards N`);
  }
  const found: FoundShard[] = [];
  const missing: string[] = [];
  for (let k = 1; k <= n; k++) {
    const home = join(root, `${k}-of-${n}`);
    const manifest = await readShardManifest(home);
    if (!manifest) { missing.push(`${k}-of-${n}`); continue; }
    if (manifest.schemaVersion !== SCHEMA_VERSION) throw new ConfigError(`merge: shard ${manifest.shard} has warehouse schema ${manifest.schemaVersion}, this code ${SCHEMA_VERSION}: re-run it`);
    found.push({ home: resolve(home), manifest });
  }
  if (missing.length) throw new ConfigError(`merge: shard(s) ${missing.join(", ")} have not finished a run (no shard.json in ${root}/<K-of-N>/)`);
  const versions = [...new Set(found.map((s) => s.manifest.codeVersion))];
  if (versions.length > 1) throw new ConfigError(`merge: shards ran different code versions (${versions.join(", ")}): re-run them with one`);
  return found;
}

const list = (paths: string[]) => `[${paths.map(sqlString).join(", ")}]`;

export async function mergeShards(o: MergeOptions): Promise<MergeReport> {
  const shards = await findShards(o.dataDir, o.count);
  for (const s of shards) {
    const file = join(s.home, "run.lock");
    const owner = await liveLockOwner(file);
    if (owner) throw new LockedError(file, owner);
  }
  const catalog = (s: FoundShard, table: string) => join(s.home, s.manifest.catalog, `${table}.parquet`);
  // Built in the working copy and published at the end: readers keep the old warehouse meanwhile.
  const writer = await WarehouseWriter.open(o.dataDir, { heldLock: o.lock });
  const conn = writer.warehouse.connection;
  const run = (sql: string) => conn.run(sql);
  try {
    // Each shard's catalogue rows, tagged with the shard's number (the lowest wins ties).
    for (const t of CATALOG_TABLES) {
      await run(`CREATE OR REPLACE TEMP TABLE m_${t} AS ${shards.map((s) => `SELECT *, ${s.manifest.index} AS _shard FROM read_parquet(${sqlString(catalog(s, t))})`).join(" UNION ALL BY NAME ")}`);
    }
    // One row per document: a content served in two shards (two sources) keeps its ok, newest load.
    await run(`CREATE OR REPLACE TEMP TABLE m_winner AS SELECT sha256, _shard FROM m_documents
      QUALIFY row_number() OVER (PARTITION BY sha256 ORDER BY (status = 'ok') DESC, loaded_at DESC, _shard) = 1`);
    await run(`CREATE OR REPLACE TEMP TABLE m_files AS SELECT f.* FROM m_lake_files f JOIN m_winner w USING (sha256, _shard)`);
    const homes = Object.fromEntries(shards.map((s) => [s.manifest.index, s.home]));
    // A shard's lake file holds every document of one of its loads in one partition; one that also
    // holds a document another shard won ("partial") is copied without that document's rows.
    const files = (await conn.runAndReadAll(`SELECT f.dataset, f.path, f._shard, bool_or(w.sha256 IS NULL) AS partial
      FROM m_lake_files f LEFT JOIN m_winner w USING (sha256, _shard)
      GROUP BY ALL HAVING bool_or(w.sha256 IS NOT NULL) ORDER BY f.dataset, f.path`)).getRowObjectsJS() as Array<{ dataset: string; path: string; _shard: number; partial: boolean }>;
    const winners = (shard: number) => `SELECT sha256 FROM m_winner WHERE _shard = ${Number(shard)}`;

    const facts: Record<string, number> = {};
    await run("BEGIN TRANSACTION");
    try {
      const byKey = (key: string) => `QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY _shard) = 1`;
      const plan: Record<(typeof CATALOG_TABLES)[number], string> = {
        documents: `SELECT d.* EXCLUDE (_shard) FROM m_documents d JOIN m_winner w USING (sha256, _shard)`,
        document_tables: `SELECT t.* EXCLUDE (_shard) FROM m_document_tables t JOIN m_winner w USING (sha256, _shard)`,
        lake_files: `SELECT * EXCLUDE (_shard) FROM m_files`,
        document_loads: `SELECT * EXCLUDE (_shard) FROM m_document_loads`,
        runs: `SELECT * EXCLUDE (_shard) FROM m_runs ${byKey("run_id")}`,
        departments: `SELECT * EXCLUDE (_shard) FROM m_departments ${byKey("department_id")}`,
        regions: `SELECT * EXCLUDE (_shard) FROM m_regions ${byKey("region_code")}`,
        // Reference dimensions: the same in every shard of one code version; one shard's copy.
        classification_codes: `SELECT * EXCLUDE (_shard) FROM m_classification_codes WHERE _shard = (SELECT min(_shard) FROM m_classification_codes)`,
        code_crosswalk: `SELECT * EXCLUDE (_shard) FROM m_code_crosswalk WHERE _shard = (SELECT min(_shard) FROM m_code_crosswalk)`,
        pipeline_runs: `SELECT * EXCLUDE (_shard) FROM m_pipeline_runs ${byKey("run_id")}`,
        pipeline_run_failures: `SELECT * EXCLUDE (_shard) FROM m_pipeline_run_failures`,
      };
      for (const ds of LAKE_DATASETS) await run(`DELETE FROM ${ds.table}`);
      for (const t of CATALOG_TABLES) {
        await run(`DELETE FROM ${t}`);
        await run(`INSERT INTO ${t} BY NAME ${plan[t]}`);
      }
      for (const ds of LAKE_DATASETS) {
        for (const shard of shards.map((s) => s.manifest.index)) {
          const mine = files.filter((f) => f.dataset === ds.name && f._shard === shard).map((f) => join(homes[f._shard]!, "lake", ...f.path.split("/")));
          if (mine.length === 0) continue;
          await run(`INSERT INTO ${ds.table} BY NAME SELECT * EXCLUDE (fiscal_year, province)
            FROM read_parquet(${list(mine)}, hive_partitioning = true, hive_types = ${HIVE_TYPES}, union_by_name = true)
            WHERE sha256 IN (${winners(shard)})`);
        }
        facts[ds.table] = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${ds.table}`)).getRowsJS()[0]![0]);
      }
      await run("COMMIT");
    } catch (e) {
      await run("ROLLBACK").catch(() => {});
      throw e;
    }
    faultPoint("merge-committed");

    // The lake: every catalogued file in place (copied, then renamed: a reader never sees half a file).
    const lake = lakePath(o.dataDir);
    let copied = 0;
    for (const f of files) {
      const from = join(homes[f._shard]!, "lake", ...f.path.split("/"));
      const to = join(lake, ...f.path.split("/"));
      const [a, b] = await Promise.all([stat(from), stat(to).catch(() => null)]);
      // A partial file is written anew (another size), so only its age says it is done.
      if (b && (f.partial || b.size === a.size) && b.mtimeMs >= a.mtimeMs) continue;
      await mkdir(join(to, ".."), { recursive: true });
      const tmp = `${to}.merge-tmp`;
      if (f.partial) {
        await run(`COPY (SELECT * FROM read_parquet(${sqlString(from)}, hive_partitioning = false) WHERE sha256 IN (${winners(f._shard)}))
          TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd, ${lakeFileMetadata(f.dataset)})`);
      } else await copyFile(from, tmp);
      await rename(tmp, to);
      copied++;
      faultPoint("merge-lake");
    }
    await sweepLake(lake, new Set(files.map((f) => f.path)));
    const documents = Number((await conn.runAndReadAll(`SELECT count(*) FROM documents`)).getRowsJS()[0]![0]);
    await writer.publish();
    return { shards: shards.map((s) => s.manifest.shard), documents, facts, lakeFiles: files.length, copied };
  } finally {
    await writer.close();
  }
}
