// One number per key where a department table is split into sections per budget unit: a code
// printed only inside the sections is the sum over the units (summed_over_units), as verified as
// its least verified part; a code the department prints itself is its own row; totals are never
// summed; a unit's own table (scope unit) stays out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Warehouse } from "../load/warehouse.ts";
import { installViews } from "../warehouse/views.ts";
import { doc, item } from "./fixtures/warehouse-docs.ts";

test("department_line_items: unit sections summed per code, the department's own rows kept, unit tables left out", async () => {
  const dir = await mkdtemp(join(tmpdir(), "unit-sections-"));
  const wh = await Warehouse.open(join(dir, "w.duckdb"), { lakeDir: join(dir, "lake") });
  try {
    await installViews(wh);
    const u = (budgetUnit: string, code: string, amount: string, row: number, verification: "verified" | "unverified" = "verified") =>
      item({ code, amount, unit: "万元", budgetUnit, row, verification, name: code || budgetUnit });
    await wh.load([doc("a", "v1", { items: [
      item({ code: "", name: "合计", amount: "30.00", unit: "万元", row: 1, verification: "verified" }),
      u("甲单位", "", "10.00", 2), u("甲单位", "2101101", "10.00", 3),
      u("乙单位", "", "20.00", 4), u("乙单位", "2101101", "15.00", 5, "unverified"), u("乙单位", "2080505", "5.00", 6),
      // Printed by the department itself as well as in a section: its own row is the number.
      item({ code: "210", name: "卫生健康支出", amount: "25.00", unit: "万元", row: 7, verification: "verified" }),
      u("乙单位", "210", "15.00", 8),
      // A unit's own table repeated in the document.
      item({ code: "2101101", name: "行政单位医疗", amount: "10.00", unit: "万元", row: 9, scope: "unit", budgetUnit: "甲单位" }),
    ] })]);
    const rows = await wh.query(`SELECT code, amount_yuan, summed_over_units, verification FROM department_line_items
      WHERE table_kind = 'expenditure' ORDER BY code`);
    assert.deepEqual(rows, [
      { code: "", amount_yuan: "300000.0000", summed_over_units: false, verification: "verified" },
      { code: "2080505", amount_yuan: "50000.0000", summed_over_units: true, verification: "verified" },
      { code: "210", amount_yuan: "250000.0000", summed_over_units: false, verification: "verified" },
      { code: "2101101", amount_yuan: "250000.0000", summed_over_units: true, verification: "unverified" },
    ]);
  } finally {
    wh.close();
    await rm(dir, { recursive: true, force: true });
  }
});
