// `validate FILE... [--json]`: each document checked against its own identities.
import { extractDocumentFile } from "../extract-document.ts";
import type { Finding, Validation as ValidationResult } from "../../transform/contract/index.ts";
import type { Command } from "../command.ts";
import { UsageError } from "../usage-error.ts";

export const validateCommand: Command = {
  name: "validate",
  usage: `validate FILE... [--json]

  Reads each document and checks: parent = Σ children, 合计 = Σ 类, total = basic + project,
  basic = personnel + public (every 合计/小计 column against its sibling columns), summary
  收入 = 支出 and 本年合计 + 结转 = 总计, the 一般公共预算 tables against the fiscal summary, the
  expenditure table against the summary, the figures the narrative states, the tables the 目录
  lists, the fiscal year of the headings and template placeholders. A difference within
  rounding of the printed digits (one unit of the last digit, or half a unit per summed part)
  is reported as rounding. Each finding names its rule, expected and actual values and the
  cells (page and bbox); where exactly one cell explains a failed identity, a repair is
  proposed (the printed value is kept). Exit 0 when every document is consistent or differs
  by rounding only, 1 otherwise (or when a file cannot be read), 2 on a usage error.`,
  options: { json: { type: "boolean" } },
  async run({ positionals, values, stdout, stderr }) {
    if (!positionals.length) throw new UsageError("validate: give at least one FILE");
    let bad = 0;
    const results: Array<{ file: string; docId: string } & ValidationResult> = [];
    for (const file of positionals) {
      try {
        const doc = await extractDocumentFile(file);
        const result = doc.validation;
        if (result.status === "inconsistent") bad++;
        results.push({ file, docId: doc.docId, ...result });
        if (!values.json) stdout.write(render(doc.docId, result));
      } catch (e) {
        bad++;
        stderr.write(`${file}: ${(e as Error).message}\n`);
      }
    }
    if (values.json) stdout.write(JSON.stringify(results, null, 2) + "\n");
    return bad ? 1 : 0;
  },
};

function render(docId: string, r: ValidationResult): string {
  const lines = [`${docId}: ${r.status} (${r.checked} identities checked, ${r.findings.length} findings)`];
  for (const f of r.findings) {
    lines.push(`  [${f.severity}] ${f.rule}: ${f.message}`);
    for (const c of f.cells.slice(0, 6)) lines.push(`      ${cellText(c)}`);
    if (f.cells.length > 6) lines.push(`      … ${f.cells.length - 6} more cells`);
    if (f.repair) lines.push(`      repair: ${f.repair.cell.label} ${f.repair.cell.printed} → ${f.repair.proposed} (proposed; printed value kept)`);
  }
  return lines.join("\n") + "\n";
}

function cellText(c: Finding["cells"][number]): string {
  const where = c.page ? `p.${c.page}${c.bbox ? ` [${c.bbox.map((v) => v.toFixed(0)).join(",")}]` : ""}` : "";
  return `${c.table} · ${c.label}${c.measure ? ` · ${c.measure}` : ""} = ${c.printed || "(blank)"} ${c.unit} ${where}`;
}
