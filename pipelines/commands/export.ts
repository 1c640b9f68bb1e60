// `export [--format parquet|csv|xlsx] [--where SQL] [--dataset NAME]... --out DIR`.
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";
import { join } from "node:path";
import { DEFAULT_DATA_DIR } from "../../load/warehouse.ts";
import { DEFAULT_DATASETS, EXPORT_FORMATS, exportDataDir, type ExportFormat } from "../../warehouse/export.ts";

export const exportCommand: Command = {
  name: "export",
  usage: `export --out DIR [--format parquet|csv|xlsx] [--where SQL] [--dataset NAME]... [--data DIR] [--no-bom]

  Writes each dataset (default: ${DEFAULT_DATASETS.join(", ")}) to DIR as NAME.parquet / NAME.csv,
  or as one sheet each of DIR/budget-disclosures.xlsx; plus DIR/datapackage.json (a Frictionless
  Data Package; for CSV a Tabular Data Package that is also a Fiscal Data Package, with its
  model) and DIR/data-dictionary.md (every column, and how not to count a number twice).
  CSV files are UTF-8 with a byte order mark (Excel reads them as UTF-8; --no-bom leaves it out)
  and quote every text column: codes are text.
  --where filters every dataset (use the columns they share: fiscal_year, phase, province,
  department), e.g. --where "fiscal_year = 2022 AND province = '河南省'". It runs with the
  SQL locked down like \`query\`: no file outside the export's own folder, no extension, no setting.`,
  options: { out: { type: "string" }, format: { type: "string" }, where: { type: "string" }, dataset: { type: "string", multiple: true }, data: { type: "string" }, "no-bom": { type: "boolean" } },
  async run({ positionals, values, stdout }) {
    if (positionals.length > 0) throw new UsageError(`export: unexpected argument ${positionals[0]}`);
    const out = values.out as string | undefined;
    if (!out) throw new UsageError("export: --out DIR is required");
    const format = ((values.format as string | undefined) ?? "parquet") as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`export: --format is one of ${EXPORT_FORMATS.join(", ")}`);
    const { resources } = await exportDataDir((values.data as string | undefined) ?? DEFAULT_DATA_DIR, {
      out, format, where: values.where as string | undefined, datasets: values.dataset as string[] | undefined, bom: !values["no-bom"],
    });
    for (const r of resources) stdout.write(`${r.name.padEnd(22)} ${String(r.rows).padStart(8)} rows  ${join(out, r.path)}\n`);
    stdout.write(`${join(out, "datapackage.json")}\n${join(out, "data-dictionary.md")}\n`);
    return 0;
  },
};
