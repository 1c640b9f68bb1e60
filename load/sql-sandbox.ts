// SQL that others wrote (a shared query, an export's --where) runs on a connection that cannot
// reach the machine: DuckDB's own switches, not a list of forbidden words. With external access
// off, no statement or function opens a file, a URL or another database (COPY, EXPORT
// DATABASE, ATTACH, read_*, glob, sniff_csv, parquet_metadata, httpfs, secrets) except under
// the directories named here; extensions are neither installed nor loaded; and the
// configuration is locked, so no SET, RESET or PRAGMA turns any of it back on.
import type { DuckDBConnection } from "@duckdb/node-api";

export interface SqlSandbox {
  /**
   * Absolute directories the SQL may still read and write (the export's staging folder, the
   * data dir for `query --write`); none by default.
   */
  allowedDirectories?: readonly string[];
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The statements, in order: allowed_directories can only be set while external access is on. */
export function sandboxStatements(sandbox: SqlSandbox): string[] {
  const dirs = (sandbox.allowedDirectories ?? []).map((d) => quote(d.endsWith("/") ? d : `${d}/`));
  return [
    ...(dirs.length > 0 ? [`SET allowed_directories = [${dirs.join(", ")}]`] : []),
    `SET enable_external_access = false`,
    `SET autoinstall_known_extensions = false`,
    `SET autoload_known_extensions = false`,
    `SET allow_community_extensions = false`,
    `SET lock_configuration = true`,
  ];
}

/** Locks the connection's database instance down (the settings are instance-wide, and final). */
export async function lockDown(conn: DuckDBConnection, sandbox: SqlSandbox = {}): Promise<void> {
  for (const sql of sandboxStatements(sandbox)) await conn.run(sql);
}
