// `query "SQL" [--format table|csv|json] [--data DIR] [--write]`: run SQL on the warehouse.
import { resolve } from "node:path";
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";
import { DEFAULT_DATA_DIR } from "../../load/warehouse.ts";
import { LockedError } from "../../load/writer-lock.ts";
import { openReader, WarehouseWriter } from "../../warehouse/writer.ts";
import { formatTable } from "../text-table.ts";

export const QUERY_FORMATS = ["table", "csv", "json"] as const;

const csvField = (v: unknown): string => {
  if (v === null || v === undefined) return "";
  const s = typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export const queryCommand: Command = {
  name: "query",
  usage: `query "SQL" [--format table|csv|json] [--data DIR] [--write]

  Runs one SQL statement on DIR/warehouse.duckdb (default ${DEFAULT_DATA_DIR}/) and prints the
  result: an aligned text table (default), CSV with a header row, or a JSON array of objects.
  DECIMAL and BIGINT values print exactly (JSON: as strings). Views: line_items,
  department_line_items, spending_by_function, coverage, three_public, document_status,
  document_versions; see docs/warehouse.md.

  The SQL cannot reach the machine: no file, URL or other database is opened (COPY, EXPORT,
  ATTACH, read_*, glob …), no extension is installed or loaded, no setting changed. It reads
  the last published state, even while a run is loading (readers never wait for it).
  --write   the one way to change data: takes the writer lock (exit 3 while a run holds it),
            applies the statement to a copy and publishes it; files inside DIR only.`,
  options: { format: { type: "string" }, data: { type: "string" }, write: { type: "boolean" } },
  async run({ positionals, values, stdout, stderr }) {
    if (positionals.length !== 1 || !positionals[0]!.trim()) throw new UsageError("query: give exactly one SQL statement (quote it)");
    const format = (values.format as string | undefined) ?? "table";
    if (!(QUERY_FORMATS as readonly string[]).includes(format)) throw new UsageError(`query: --format is one of ${QUERY_FORMATS.join(", ")}`);
    const dataDir = (values.data as string | undefined) ?? DEFAULT_DATA_DIR;
    const sql = positionals[0]!;
    let writer: WarehouseWriter | null = null;
    if (values.write) {
      try {
        writer = await WarehouseWriter.open(dataDir, { sandbox: { allowedDirectories: [resolve(dataDir)] } });
      } catch (e) {
        if (e instanceof LockedError) { stderr.write(`query --write: ${e.message}; try again when it has finished\n`); return 3; }
        throw e;
      }
    }
    const wh = writer?.warehouse ?? (await openReader(dataDir, {}));
    try {
      const reader = await wh.connection.runAndReadAll(sql);
      const names = reader.columnNames();
      const rows = reader.getRowObjectsJson();
      if (format === "json") stdout.write(JSON.stringify(rows, null, 1) + "\n");
      else if (format === "csv") {
        stdout.write(names.map(csvField).join(",") + "\n");
        for (const r of rows) stdout.write(names.map((n) => csvField(r[n])).join(",") + "\n");
      } else stdout.write((rows.length > 0 ? formatTable(rows) : `(no rows; columns: ${names.join(", ")})`) + "\n");
      if (writer) await writer.publish();
      return 0;
    } finally {
      if (writer) await writer.close();
      else wh.close();
    }
  },
};
