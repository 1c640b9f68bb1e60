// `report --out FILE.html [--data DIR]`: a self-contained HTML report of the warehouse.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";
import { openReader } from "../../warehouse/writer.ts";
import { renderReport } from "../../warehouse/report.ts";

export const reportCommand: Command = {
  name: "report",
  usage: `report --out FILE.html [--data DIR]

  Writes one HTML file (no scripts, no external assets) with the coverage matrix of the
  standard tables per department and year, the validation status of every document, and
  charts of spending by functional 类 per department and year.`,
  options: { out: { type: "string" }, data: { type: "string" } },
  async run({ positionals, values, stdout }) {
    if (positionals.length > 0) throw new UsageError(`report: unexpected argument ${positionals[0]}`);
    const out = values.out as string | undefined;
    if (!out) throw new UsageError("report: --out FILE.html is required");
    const wh = await openReader((values.data as string | undefined) ?? "data", {});
    try {
      const html = await renderReport(wh);
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, html);
      stdout.write(`${out} (${Math.round(html.length / 1024)} KiB)\n`);
      return 0;
    } finally {
      wh.close();
    }
  },
};
