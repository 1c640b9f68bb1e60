// Versions of one document (same URL, or doc_id without one): which is current.
import type { DuckDBConnection } from "@duckdb/node-api";
import { tsValue } from "./duckdb-util.ts";

/**
 * Marks, per document key of the batch, every version but the current one superseded.
 * Current: the newest version that loaded ok (by fetched_at, then load order); failed
 * versions never supersede good ones. Returns, per current sha256, the versions it newly superseded.
 */
export async function resolveVersions(conn: DuckDBConnection, now: Date): Promise<Map<string, string[]>> {
  const ranked = `WITH ranked AS (
       SELECT sha256, superseded_by,
              first(sha256) OVER (PARTITION BY document_key
                ORDER BY (status = 'ok') DESC, fetched_at DESC NULLS LAST, load_seq DESC) AS current
       FROM documents WHERE document_key IN (SELECT document_key FROM stage_batch)
     ), changes AS (
       SELECT sha256, CASE WHEN sha256 = current THEN NULL ELSE current END AS target, superseded_by FROM ranked
     )`;
  const rows = (await conn.runAndReadAll(
    `${ranked} SELECT sha256, target FROM changes WHERE target IS NOT NULL AND target IS DISTINCT FROM superseded_by`,
  )).getRowObjectsJS() as Array<{ sha256: string; target: string }>;
  await conn.run(
    `${ranked} UPDATE documents SET superseded_by = c.target, superseded_at = CASE WHEN c.target IS NULL THEN NULL ELSE $1 END
     FROM changes c WHERE documents.sha256 = c.sha256 AND c.target IS DISTINCT FROM c.superseded_by`,
    [tsValue(now)],
  );
  const newly = new Map<string, string[]>();
  for (const r of rows) newly.set(r.target, [...(newly.get(r.target) ?? []), r.sha256]);
  return newly;
}
