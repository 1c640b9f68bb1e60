// The example query `npm start` prints — top functional 类 by expenditure — checked against the
// samples' golden line items: per document and 类, the 支出总表 total of its 类 row, or, where the
// document prints none, the sum of its highest printed level under that 类 (款, else 项); a
// unit's own tables (not golden) are not added. The samples are extracted for real.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStart, EXAMPLE_QUERY } from "../pipelines/start.ts";
import { openReader } from "../warehouse/writer.ts";
import { printedToScaledYuan, formatScaled } from "../load/amount.ts";

const GOLDEN = join("samples", "golden");

/** 类 → { yuan (scaled), documents, derived documents } from the golden CSVs. */
async function goldenSums(): Promise<Map<string, { scaled: bigint; documents: number; derived: number }>> {
  const out = new Map<string, { scaled: bigint; documents: number; derived: number }>();
  for (const f of (await readdir(GOLDEN)).filter((n) => n.endsWith(".csv"))) {
    const meta = JSON.parse(await readFile(join(GOLDEN, f.replace(/\.csv$/, ".meta.json")), "utf8")) as { unit: "元" | "万元" };
    const rows = (await readFile(join(GOLDEN, f), "utf8")).trim().split("\n").slice(1).map((l) => l.split(","));
    const totals = rows.filter(([table, code, , measure]) => table === "expenditure" && measure === "total" && code !== "");
    const byClass = new Map<string, Array<{ code: string; amount: string }>>();
    for (const [, code, , , amount] of totals) byClass.set(code!.slice(0, 3), [...(byClass.get(code!.slice(0, 3)) ?? []), { code: code!, amount: amount! }]);
    for (const [cls, items] of byClass) {
      const top = Math.min(...items.map((i) => i.code.length));
      const used = items.filter((i) => i.code.length === top);
      const scaled = used.reduce((s, i) => s + printedToScaledYuan(i.amount, meta.unit), 0n);
      const e = out.get(cls) ?? { scaled: 0n, documents: 0, derived: 0 };
      out.set(cls, { scaled: e.scaled + scaled, documents: e.documents + 1, derived: e.derived + (top > 3 ? 1 : 0) });
    }
  }
  return out;
}

test("npm start's example answer equals the golden sums of the samples", { timeout: 300_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "example-query-"));
  try {
    const lines: string[] = [];
    const code = await runStart({ dataDir: join(dir, "data"), stdout: (l) => lines.push(l), stderr: (l) => lines.push(l) });
    assert.equal(code, 0, lines.join("\n"));
    const wh = await openReader(join(dir, "data"));
    try {
      const rows = await wh.query(EXAMPLE_QUERY.replace(/LIMIT \d+/, ""));
      const golden = await goldenSums();
      const got = new Map(rows.map((r) => [r["类"] as string, { yuan: r.amount_yuan as string, documents: Number(r.documents), derived: Number(r.derived) }]));
      const want = new Map([...golden].map(([k, v]) => [k, { yuan: formatScaled(v.scaled), documents: v.documents, derived: v.derived }]));
      assert.deepEqual(Object.fromEntries(got), Object.fromEntries(want));
      // 卫生健康支出 once per document: five documents, not a unit's table added on top.
      assert.equal(got.get("210")!.documents, 5);
    } finally {
      wh.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
