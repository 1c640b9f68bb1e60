// 项目支出预算表: one row per project (unit code, name, 项目类型), with the
// department's and each unit's subtotal rows above their projects, and amounts
// by fund source (本年拨款/一般公共预算, 上年结转结余, 财政专户管理资金, 单位资金 …).
import type { AmountUnit, ProjectItem } from "./contract/index.ts";
import { meaningfulPath } from "./measures.ts";
import type { RecognisedTable } from "./recognise-tables.ts";
import { readRecords } from "./table-records.ts";
import { SUM_LABEL } from "./text.ts";

const TYPE_HEADER = /类型/;
const UNIT_NAME_HEADER = /项目单位|实施单位/;

export function projectItems(table: RecognisedTable, unit: AmountUnit | null): ProjectItem[] {
  const out: ProjectItem[] = [];
  let lastUnitCode: string | null = null;
  for (const rec of readRecords(table.layout)) {
    const type = Object.entries(rec.attributes ?? {}).find(([h]) => TYPE_HEADER.test(h))?.[1] ?? null;
    const unitName = Object.entries(rec.attributes ?? {}).find(([h]) => UNIT_NAME_HEADER.test(h))?.[1] ?? null;
    // A unit's row may print its code where project names go, its name under 项目单位.
    const codeAsName = /^\d{3,9}$/.test(rec.name);
    // The 合计 label, or a unit's name, may stand in the 项目单位 column alone.
    const name = (codeAsName || !rec.name) && unitName ? unitName : rec.name;
    // A wrapped project name on its own row has no unit code: it takes the one above.
    const unitCode: string | null = rec.unitCode ?? (codeAsName ? rec.name : null) ?? (rec.code || null) ?? lastUnitCode;
    if (rec.unitCode || codeAsName) lastUnitCode = unitCode;
    const level = SUM_LABEL.test(name) && !unitCode ? "total" : type ? "project" : "subtotal";
    for (const a of rec.amounts) {
      const path = meaningfulPath(a.column.header);
      const measure = path.length === 1 && /^(合计|总计|小计|项目金额|金额)$/.test(path[0]!) ? "total" : path.join("/");
      out.push({ level, unitCode, name: name || null, type, measure: measure || "total", amount: a.printed, unit, page: a.cell.page, bbox: a.cell.bbox, row: a.cell.row, col: a.cell.col });
    }
  }
  return out;
}
