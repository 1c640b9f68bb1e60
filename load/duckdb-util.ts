// Small DuckDB helpers the load's modules share: appending JS rows, transactions, timestamps.
import { timestampTZValue, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";

export const tsValue = (d: Date) => timestampTZValue(BigInt(d.getTime()) * 1000n);

export function appendNullable<T>(a: DuckDBAppender, v: T | null | undefined, write: (v: T) => void): void {
  if (v === null || v === undefined) a.appendNull();
  else write(v);
}

/** Appends rows to a table with one appender; on an error nothing of this call is flushed. */
export async function appendRows<T>(conn: DuckDBConnection, table: string, rows: readonly T[], write: (a: DuckDBAppender, row: T) => void): Promise<void> {
  if (rows.length === 0) return;
  const appender = await conn.createAppender(table);
  try {
    for (const r of rows) write(appender, r);
    appender.closeSync();
  } catch (e) {
    try {
      appender.clear();
      appender.closeSync();
    } catch {
      // already invalidated by the failing append; the transaction rollback undoes the rest
    }
    throw e;
  }
}

export async function inTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await conn.run("BEGIN TRANSACTION");
  try {
    const result = await fn();
    await conn.run("COMMIT");
    return result;
  } catch (e) {
    await conn.run("ROLLBACK").catch(() => {}); // the original error matters more
    throw e;
  }
}
