// 绩效目标表: performance indicators, per project or for the department as a whole.
// Two printed forms:
// - vertical: 一级指标 | 二级指标 | 三级指标 | 指标值 columns, the higher levels
//   merged down the rows they cover;
// - wide: one row per project, with (三级指标, 指标值) column pairs under
//   成本指标 / 产出指标 / 效益指标 / 满意度指标.
import type { PerformanceIndicator } from "./contract/index.ts";
import type { RecognisedTable } from "./recognise-tables.ts";
import { cellLine } from "./text.ts";

/** 项目名称：X, up to the next field (；主管部门：…). */
const PROJECT_NAME = /项目名称[:：]?\s*([^；;，,。]+)/;
const LEVEL3_HEADER = /^(三级指标|指标内容)$/;

export function performanceIndicators(table: RecognisedTable): PerformanceIndicator[] {
  const refs = table.layout.refs;
  const text = (r: number, c: number) => cellLine(refs[r]?.[c]?.text ?? "");
  const wholeDepartment = /整体/.test(table.title);
  let subject = wholeDepartment ? "department" : projectNameIn(ownLines(table)) ?? "";
  const out: PerformanceIndicator[] = [];

  // Vertical form: find the header row naming the levels.
  for (let r = 0; r < refs.length; r++) {
    const row = refs[r]!.map((_, c) => text(r, c));
    // 三级指标, or 指标内容 where a template prints it so (一级指标 | 二级指标 | 指标内容 | 指标值).
    const l3 = row.findIndex((t) => LEVEL3_HEADER.test(t));
    const v = row.findIndex((t, i) => i > l3 && /^指标值$/.test(t));
    // Several 三级指标 columns in one header row: the wide form, read below.
    if (row.filter((t) => /^三级指标$/.test(t)).length > 1) break;
    if (l3 < 0 || v < 0) {
      // Key-value rows above the indicators: 项目名称 | …
      const k = row.findIndex((t) => /^项目名称$/.test(t));
      if (k >= 0 && !wholeDepartment) subject = row.slice(k + 1).find((t) => t && t !== "项目名称") ?? subject;
      continue;
    }
    const l1 = row.findIndex((t) => /^一级指标$/.test(t));
    const l2 = row.findIndex((t) => /^二级指标$/.test(t));
    // Higher levels printed once for their group (merged, or blank below) carry down.
    let level1: string | null = null, level2: string | null = null;
    for (let b = r + 1; b < refs.length; b++) {
      if (l1 >= 0 && text(b, l1)) { level1 = text(b, l1); level2 = null; }
      if (l2 >= 0 && text(b, l2)) level2 = text(b, l2);
      const level3 = text(b, l3);
      if (!level3 || LEVEL3_HEADER.test(level3)) continue;
      const cell = refs[b]![v] ?? refs[b]![l3]!;
      out.push({ subject: subject || null, level1: level1 || null, level2: level2 || null, level3, value: text(b, v) || null, page: cell!.page, bbox: cell!.bbox });
    }
    return out;
  }

  // Wide form: (三级指标, 指标值) pairs under their 一级指标 group, one row per project.
  const columns = table.layout.columns;
  const pairs = columns.flatMap((c, i) => {
    const next = columns[i + 1];
    const last = c.header[c.header.length - 1], parent = c.header[c.header.length - 2] ?? null;
    return last === "三级指标" && next && next.header[next.header.length - 1] === "指标值" && next.header[next.header.length - 2] === parent
      ? [{ level1: parent, indicator: c.index, value: next.index }] : [];
  });
  if (!pairs.length) return out;
  const nameCol = columns.find((c) => c.header.some((h) => /项目名称|项目单位/.test(h)))?.index ?? null;
  for (let b = table.layout.bodyStart; b < refs.length; b++) {
    if (nameCol !== null && text(b, nameCol)) subject = text(b, nameCol);
    for (const p of pairs) {
      const level3 = text(b, p.indicator);
      if (!level3) continue;
      const cell = refs[b]![p.value] ?? refs[b]![p.indicator]!;
      out.push({ subject: subject || null, level1: p.level1 || null, level2: null, level3, value: text(b, p.value) || null, page: cell!.page, bbox: cell!.bbox });
    }
  }
  return out;
}

function projectNameIn(lines: string[]): string | null {
  for (const l of lines) {
    const m = cellLine(l).match(PROJECT_NAME);
    if (m) return m[1]!.trim();
  }
  return null;
}

/** A table label or title line: where the next table's own lines begin. */
const LABEL_OR_TITLE = /^((附)?表\s*\d+(\s*[-－—]\s*\d+)?|(公开|预算|部门)?\s*\d+\s*表)$|表$/;

/**
 * The lines that describe this table's project, in reading order: those between its title and
 * its grid, then those under it up to the next table's label or title (项目名称：… printed below
 * the indicators). Lines above its label belong to the table before.
 */
function ownLines(table: RecognisedTable): string[] {
  const before = table.table.before.map(cellLine);
  const titleAt = before.map((l) => LABEL_OR_TITLE.test(l.replace(/\s+/g, ""))).lastIndexOf(true);
  const below: string[] = [];
  for (const l of table.notes.map(cellLine)) { if (LABEL_OR_TITLE.test(l.replace(/\s+/g, ""))) break; below.push(l); }
  return [...before.slice(titleAt + 1), ...below];
}
