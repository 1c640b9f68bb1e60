// `query "SQL" [--format table|csv|json] [--data DIR] [--write]`: run SQL on the warehouse.
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";
import { DEFAULT_DATA_DIR, Warehouse, warehousePath } from "../../load/warehouse.ts";
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
  DECIMAL and BIGINT values print exactly (JSON: as strings). The connection is read-only
  unless --write is given. Views: line_items, spending_by_function, coverage, three_public,
  document_status, document_versions; see docs/warehouse.md.`,
  options: { format: { type: "string" }, data: { type: "string" }, write: { type: "boolean" } },
  async run({ positionals, values, stdout }) {
    if (positionals.length !== 1 || !positionals[0]!.trim()) throw new UsageError("query: give exactly one SQL statement (quote it)");
    const format = (values.format as string | undefined) ?? "table";
    if (!(QUERY_FORMATS as readonly string[]).includes(format)) throw new UsageError(`query: --format is one of ${QUERY_FORMATS.join(", ")}`);
    const wh = await Warehouse.open(warehousePath(values.data as string | undefined), { readOnly: !values.write });
    try {
      const reader = await wh.connection.runAndReadAll(positionals[0]!);
      const names = reader.columnNames();
      const rows = reader.getRowObjectsJson();
      if (format === "json") stdout.write(JSON.stringify(rows, null, 1) + "\n");
      else if (format === "csv") {
        stdout.write(names.map(csvField).join(",") + "\n");
        for (const r of rows) stdout.write(names.map((n) => csvField(r[n])).join(",") + "\n");
      } else stdout.write((rows.length > 0 ? formatTable(rows) : `(no rows; columns: ${names.join(", ")})`) + "\n");
      return 0;
    } finally {
      wh.close();
    }
  },
};
