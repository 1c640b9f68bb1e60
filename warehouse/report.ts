// A self-contained HTML report of the warehouse: the coverage matrix, the validation status
// of every document, and spending by functional 类 per department and year as inline SVG
// charts. No scripts, no external assets: it opens anywhere, and prints.
import type { Warehouse } from "../load/warehouse.ts";
import { codeVersion } from "../load/code-version.ts";

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
const OTHER_COLOR = "#d4d4d4";
/** 类 shown with their own colour; the rest are summed as "其他". */
const TOP_CLASSES = PALETTE.length - 1;

const wan = (yuan: number) => (yuan / 10_000).toLocaleString("en", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const PHASE_ZH: Record<string, string> = { budget: "预算", final: "决算" };

interface SpendingRow { department: string; fiscal_year: number; phase: string; code: string; name: string; yuan: number }

export async function renderReport(wh: Warehouse, now: Date = new Date()): Promise<string> {
  const [totals] = await wh.query(`SELECT
      (SELECT count(*) FROM document_status WHERE status = 'ok') AS ok,
      (SELECT count(*) FROM document_status WHERE status = 'failed') AS failed,
      (SELECT count(*) FROM line_items) AS items,
      (SELECT count(DISTINCT department_id) FROM current_documents) AS departments,
      (SELECT string_agg(DISTINCT fiscal_year::VARCHAR, ', ' ORDER BY fiscal_year::VARCHAR) FROM current_documents) AS years`);
  const kinds = await wh.query(`SELECT table_kind, name_zh FROM table_kinds WHERE standard ORDER BY sort`);
  const coverage = await wh.query(`SELECT department, fiscal_year, phase, table_kind, published, published_empty, items
    FROM coverage ORDER BY department, fiscal_year, phase`);
  const status = await wh.query(`SELECT doc_id, department, fiscal_year, phase, status, error, validation_status,
      findings_error, findings_warning, item_count, page_count FROM document_status ORDER BY department, fiscal_year, doc_id`);
  // Spending by 类: the 支出总表 total where printed, else the 一般公共预算 total; a 类 whose
  // row is not printed is the sum of its 款 (or, without those, of its 项).
  const spending = (await wh.query(`WITH s AS (
        SELECT department, fiscal_year, phase, class_code, code_level, coalesce(total_yuan, general_public_yuan) AS y
        FROM spending_by_function WHERE coalesce(total_yuan, general_public_yuan) IS NOT NULL
      ), lv AS (SELECT department, fiscal_year, phase, class_code, code_level, sum(y) AS y FROM s GROUP BY ALL)
      SELECT lv.department, lv.fiscal_year, lv.phase, lv.class_code AS code,
             coalesce(any_value(c.name), lv.class_code) AS name, arg_min(lv.y, lv.code_level)::DOUBLE AS yuan
      FROM lv LEFT JOIN classification_codes c ON c.scheme = 'functional' AND c.code = lv.class_code
           AND (c.valid_from IS NULL OR c.valid_from <= lv.fiscal_year) AND (c.valid_to IS NULL OR lv.fiscal_year <= c.valid_to)
      GROUP BY lv.department, lv.fiscal_year, lv.phase, lv.class_code
      ORDER BY lv.department, lv.fiscal_year, lv.phase, code`)) as unknown as SpendingRow[];

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>预决算仓库报告 · Budget warehouse report</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 24px; color: #222; }
  h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
  .meta { color: #666; font-size: 13px; }
  .kpis { display: flex; gap: 16px; margin: 12px 0; flex-wrap: wrap; }
  .kpi { background: #f5f7fa; border-radius: 6px; padding: 8px 14px; } .kpi b { display: block; font-size: 20px; }
  table { border-collapse: collapse; font-size: 13px; } th, td { border: 1px solid #ddd; padding: 4px 8px; }
  th { background: #f5f7fa; font-weight: 600; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
  #coverage td.cell { text-align: center; width: 64px; }
  td.published { background: #d9f0d3; } td.published-empty { background: #fff3c4; } td.missing { background: #f3f3f3; color: #aaa; }
  .status-ok { color: #2e7d32; } .status-errors, .status-failed { color: #c62828; font-weight: 600; }
  .status-warnings { color: #b26a00; } .status-unchecked { color: #777; }
  .chart { margin: 10px 0 22px; } .chart h3 { font-size: 14px; margin: 0 0 4px; }
  .legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 12px; margin: 4px 0 8px; }
  .legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 4px; background: var(--c); }
  .note { color: #666; font-size: 12px; }
</style>
</head>
<body>
<h1>预决算仓库报告 · Budget warehouse report</h1>
<div class="meta">Generated ${esc(now.toISOString())} · code ${esc(codeVersion())} · years ${esc(totals!.years ?? "—")}</div>
<div class="kpis">
  <div class="kpi"><b id="kpi-documents">${esc(totals!.ok)}</b>documents loaded</div>
  <div class="kpi"><b>${esc(totals!.failed)}</b>failed</div>
  <div class="kpi"><b id="kpi-items">${esc(totals!.items)}</b>line items</div>
  <div class="kpi"><b>${esc(totals!.departments)}</b>departments and units</div>
</div>

<h2>Coverage: standard tables published · 公开表覆盖</h2>
${coverageMatrix(kinds as Array<{ table_kind: string; name_zh: string }>, coverage)}
<p class="note">Green: published (number of line items read); yellow: published empty (空表); grey: not found in the document.</p>

<h2>Spending by functional 类 · 按支出功能分类（类）</h2>
${spendingCharts(spending)}

<h2>Documents and validation · 文件与校验</h2>
${statusTable(status)}
</body>
</html>
`;
}

function coverageMatrix(kinds: Array<{ table_kind: string; name_zh: string }>, rows: Array<Record<string, unknown>>): string {
  if (rows.length === 0) return `<p class="note" id="coverage-empty">No documents loaded.</p>`;
  const byKey = new Map<string, Map<string, Record<string, unknown>>>();
  for (const r of rows) {
    const key = `${r.department}\u0000${r.fiscal_year}\u0000${r.phase}`;
    if (!byKey.has(key)) byKey.set(key, new Map());
    byKey.get(key)!.set(r.table_kind as string, r);
  }
  const head = kinds.map((k) => `<th title="${esc(k.table_kind)}">${esc(k.name_zh)}</th>`).join("");
  const body = [...byKey.entries()].map(([key, cells]) => {
    const [department, year, phase] = key.split("\u0000");
    const tds = kinds.map((k) => {
      const c = cells.get(k.table_kind);
      if (c?.published && c.published_empty) return `<td class="cell published-empty" title="${esc(k.table_kind)}">空</td>`;
      if (c?.published) return `<td class="cell published" title="${esc(k.table_kind)}">✓ ${esc(c.items)}</td>`;
      return `<td class="cell missing" title="${esc(k.table_kind)}">—</td>`;
    }).join("");
    return `<tr><th scope="row">${esc(department || "(unknown)")}</th><td>${esc(year)}</td><td>${esc(PHASE_ZH[phase!] ?? phase)}</td>${tds}</tr>`;
  }).join("\n");
  return `<table id="coverage"><thead><tr><th>department</th><th>year</th><th>phase</th>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function spendingCharts(rows: SpendingRow[]): string {
  if (rows.length === 0) return `<p class="note" id="charts-empty">No functional 类 totals loaded.</p>`;
  // Colours by the 类's total over everything shown, biggest first.
  const byClass = new Map<string, { name: string; yuan: number }>();
  for (const r of rows) {
    const c = byClass.get(r.code) ?? { name: r.name, yuan: 0 };
    c.yuan += r.yuan;
    byClass.set(r.code, c);
  }
  const ranked = [...byClass.entries()].sort((a, b) => b[1].yuan - a[1].yuan);
  const colour = new Map(ranked.slice(0, TOP_CLASSES).map(([code], i) => [code, PALETTE[i]!]));
  const legend = ranked.slice(0, TOP_CLASSES).map(([code, c]) => `<span style="--c:${colour.get(code)}">${esc(code)} ${esc(c.name)}</span>`).join("")
    + (ranked.length > TOP_CLASSES ? `<span style="--c:${OTHER_COLOR}">其他类</span>` : "");

  const departments = [...new Set(rows.map((r) => r.department))];
  const max = Math.max(...groupTotals(rows).values());
  const charts = departments.map((dep, di) => {
    const mine = rows.filter((r) => r.department === dep);
    const bars = [...new Set(mine.map((r) => `${r.fiscal_year} ${PHASE_ZH[r.phase] ?? r.phase}`))];
    const labelW = 90, chartW = 560, barH = 22, gap = 8, valueW = 110;
    const height = bars.length * (barH + gap) + gap;
    const svgBars = bars.map((bar, bi) => {
      const segs = mine.filter((r) => `${r.fiscal_year} ${PHASE_ZH[r.phase] ?? r.phase}` === bar).sort((a, b) => b.yuan - a.yuan);
      const y = gap + bi * (barH + gap);
      let x = labelW;
      const total = segs.reduce((s, r) => s + r.yuan, 0);
      const rects = segs.map((r) => {
        const w = max > 0 ? (r.yuan / max) * chartW : 0;
        const rect = `<rect class="bar" x="${x.toFixed(1)}" y="${y}" width="${Math.max(w, 0.5).toFixed(1)}" height="${barH}" fill="${colour.get(r.code) ?? OTHER_COLOR}"><title>${esc(r.code)} ${esc(r.name)}: ${wan(r.yuan)} 万元</title></rect>`;
        x += w;
        return rect;
      }).join("");
      return `<text x="${labelW - 6}" y="${y + barH / 2 + 4}" text-anchor="end" font-size="12">${esc(bar)}</text>${rects}<text x="${(x + 6).toFixed(1)}" y="${y + barH / 2 + 4}" font-size="12" fill="#444">${wan(total)} 万元</text>`;
    }).join("\n");
    return `<div class="chart" id="chart-${di}"><h3>${esc(dep ?? "(unknown department)")}</h3>
<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + chartW + valueW}" height="${height}" role="img" aria-label="${esc(dep)} spending by 类">${svgBars}</svg></div>`;
  }).join("\n");
  return `<div class="legend">${legend}</div>\n${charts}\n<p class="note">Bars: the 支出总表 total per 类 (the 一般公共预算 table where no 支出总表 was read; a 类 not printed is the sum of its 款 or 项), in 万元, on one scale across departments.</p>`;
}

function groupTotals(rows: SpendingRow[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.department}|${r.fiscal_year}|${r.phase}`;
    m.set(k, (m.get(k) ?? 0) + r.yuan);
  }
  return m;
}

function statusTable(rows: Array<Record<string, unknown>>): string {
  if (rows.length === 0) return `<p class="note">No documents loaded.</p>`;
  const body = rows.map((r) => `<tr><td>${esc(r.doc_id)}</td><td>${esc(r.department)}</td><td>${esc(r.fiscal_year)}</td><td>${esc(PHASE_ZH[r.phase as string] ?? r.phase)}</td>
<td class="status-${esc(r.status === "failed" ? "failed" : r.validation_status)}">${esc(r.status === "failed" ? `failed: ${r.error}` : r.validation_status)}</td>
<td class="num">${esc(r.findings_error)}</td><td class="num">${esc(r.findings_warning)}</td><td class="num">${esc(r.item_count)}</td><td class="num">${esc(r.page_count)}</td></tr>`).join("\n");
  return `<table id="documents"><thead><tr><th>document</th><th>department</th><th>year</th><th>phase</th><th>status</th><th>errors</th><th>warnings</th><th>items</th><th>pages</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}
