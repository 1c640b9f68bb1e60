// `tables FILE [--page N] [--json]`: the tables found, for debugging a document.
import { inspectDocumentFile } from "../extract-document.ts";
import { tableGrid } from "../../extract/table-ir.ts";
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";

export const tablesCommand: Command = {
  name: "tables",
  usage: `tables FILE [--page N] [--json] [--no-rulings]

  Prints every table found: its kind (or "-" when not a standard table), pages, unit,
  title, flattened header path per column, and the grid as text (merged cells shown once,
  "·" where a merged cell continues). --page N shows only tables starting on page N.
  --json prints the same with the full Table IR (cells with spans and bboxes).
  --no-rulings ignores ruling lines, as \`lines --no-rulings\` does (tables read by text alignment).`,
  options: { page: { type: "string" }, json: { type: "boolean" }, "no-rulings": { type: "boolean" } },
  async run({ positionals, values, stdout }) {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError("tables: give exactly one FILE");
    const page = values.page === undefined ? undefined : Number(values.page);
    if (page !== undefined && !(Number.isInteger(page) && page > 0)) throw new UsageError("tables: --page takes a page number");
    const { extract: doc, recognised } = await inspectDocumentFile(file, { noRulings: values["no-rulings"] === true });
    const tables = recognised.filter((t) => page === undefined || t.pages[0] === page);
    if (values.json) {
      stdout.write(JSON.stringify(tables.map(({ layout: _layout, ...t }) => t), null, 2) + "\n");
      return 0;
    }
    stdout.write(`${doc.docId}: ${doc.pageCount} pages, ${doc.tables.length} tables, ${doc.items.length} line items\n`);
    for (const t of tables) {
      stdout.write(`\n== ${t.kind ?? "-"}  pages ${t.pages.join(",")}  unit ${t.unit ?? "?"}  ${t.table.method}  ${t.table.nRows}x${t.table.nCols}${t.empty ? "  (empty)" : ""}\n`);
      stdout.write(`   title: ${t.title || "(none)"}\n`);
      t.headers.forEach((h, i) => stdout.write(`   col ${i}: ${h || "(no header)"}  [${roleLabel(t.layout.columns[i]?.role)}]\n`));
      const grid = tableGrid(t.table);
      const firstOf = new Set(t.table.cells.map((c) => `${c.row},${c.col}`));
      grid.forEach((row, r) => stdout.write(`   ${String(r).padStart(3)} | ${row.map((txt, c) => (firstOf.has(`${r},${c}`) ? txt.replace(/\n/g, "⏎") : "·")).join(" | ")}\n`));
      for (const n of t.notes) stdout.write(`   note: ${n}\n`);
    }
    return 0;
  },
};

function roleLabel(role: { role: string; part?: string } | undefined): string {
  return !role ? "?" : role.role === "code" ? `code ${role.part}` : role.role;
}
