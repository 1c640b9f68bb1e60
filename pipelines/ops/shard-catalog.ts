// A shard's catalogue: its warehouse's document-level tables (documents, lineage, dimensions,
// run summaries) as Parquet beside its lake, so that the shared location holds only Parquet —
// what `merge` builds the warehouse from, and what Trino or Spark join the lake's facts with.
// Written into catalog/<run_id>/, then shard.json (replaced atomically) names it: a reader
// never sees half a catalogue.
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { sqlString } from "../../load/lake.ts";
import { SCHEMA_VERSION } from "../../load/schema.ts";
import type { Warehouse } from "../../load/warehouse.ts";
import { shardName, type Shard } from "./shard.ts";
import { faultPoint } from "./fault-hook.ts";

/** Every warehouse table a merge rebuilds from the shards (the facts come from the lake). */
export const CATALOG_TABLES = [
  "documents", "document_tables", "document_loads", "runs", "departments", "regions", "lake_files",
  "classification_codes", "code_crosswalk", "pipeline_runs", "pipeline_run_failures",
] as const;

export const MANIFEST_FILE = "shard.json";
export const CATALOG_DIR = "catalog";

export const ShardManifest = z.object({
  shard: z.string(),
  index: z.number().int().positive(),
  count: z.number().int().positive(),
  runId: z.string(),
  codeVersion: z.string(),
  schemaVersion: z.number().int(),
  /** Relative to the shard folder. */
  catalog: z.string(),
  lake: z.string(),
  exportedAt: z.string(),
  rows: z.record(z.string(), z.number()),
});
export type ShardManifest = z.infer<typeof ShardManifest>;

export async function exportShardCatalog(wh: Warehouse, home: string, o: { shard: Shard; runId: string; codeVersion: string }): Promise<ShardManifest> {
  const rel = join(CATALOG_DIR, o.runId);
  const dir = join(home, rel);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const rows: Record<string, number> = {};
  for (const t of CATALOG_TABLES) {
    await wh.query(`COPY (SELECT * FROM ${t}) TO ${sqlString(join(dir, `${t}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
    rows[t] = Number((await wh.query(`SELECT count(*) AS n FROM ${t}`))[0]!.n);
  }
  faultPoint("catalog");
  const manifest: ShardManifest = {
    shard: shardName(o.shard), index: o.shard.index, count: o.shard.count, runId: o.runId, codeVersion: o.codeVersion,
    schemaVersion: SCHEMA_VERSION, catalog: rel, lake: "lake", exportedAt: new Date().toISOString(), rows,
  };
  const tmp = join(home, `${MANIFEST_FILE}.tmp-${process.pid}`);
  await writeFile(tmp, JSON.stringify(manifest, null, 2) + "\n");
  await rename(tmp, join(home, MANIFEST_FILE));
  // Older catalogues are no longer named by the manifest.
  for (const old of await readdir(join(home, CATALOG_DIR))) if (old !== o.runId) await rm(join(home, CATALOG_DIR, old), { recursive: true, force: true });
  return manifest;
}

export async function readShardManifest(home: string): Promise<ShardManifest | null> {
  let text: string;
  try {
    text = await readFile(join(home, MANIFEST_FILE), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  return ShardManifest.parse(JSON.parse(text));
}
