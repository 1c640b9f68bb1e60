// `export [--format parquet|csv|xlsx] [--where SQL] [--dataset NAME]... --out DIR`.
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";
import { DEFAULT_DATA_DIR, Warehouse, warehousePath } from "../../load/warehouse.ts";
import { DEFAULT_DATASETS, EXPORT_FORMATS, exportWarehouse, type ExportFormat } from "../../warehouse/export.ts";

export const exportCommand: Command = {
  name: "export",
  usage: `export --out DIR [--format parquet|csv|xlsx] [--where SQL] [--dataset NAME]... [--data DIR]

  Writes each dataset (default: ${DEFAULT_DATASETS.join(", ")}) to DIR as NAME.parquet / NAME.csv,
  or as one sheet each of DIR/budget-disclosures.xlsx; plus DIR/datapackage.json (Frictionless
  Data Package, Fiscal Data Package column types) and DIR/data-dictionary.md.
  --where filters every dataset (use the columns they share: fiscal_year, phase, province,
  department), e.g. --where "fiscal_year = 2022 AND province = '河南省'".`,
  options: { out: { type: "string" }, format: { type: "string" }, where: { type: "string" }, dataset: { type: "string", multiple: true }, data: { type: "string" } },
  async run({ positionals, values, stdout }) {
    if (positionals.length > 0) throw new UsageError(`export: unexpected argument ${positionals[0]}`);
    const out = values.out as string | undefined;
    if (!out) throw new UsageError("export: --out DIR is required");
    const format = ((values.format as string | undefined) ?? "parquet") as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`export: --format is one of ${EXPORT_FORMATS.join(", ")}`);
    const wh = await Warehouse.open(warehousePath((values.data as string | undefined) ?? DEFAULT_DATA_DIR), { readOnly: true });
    try {
      const { resources } = await exportWarehouse(wh, { out, format, where: values.where as string | undefined, datasets: values.dataset as string[] | undefined });
      for (const r of resources) stdout.write(`${r.name.padEnd(22)} ${String(r.rows).padStart(8)} rows  ${out}/${r.path}\n`);
      stdout.write(`${out}/datapackage.json\n${out}/data-dictionary.md\n`);
      return 0;
    } finally {
      wh.close();
    }
  },
};
