// A self-contained HTML report of the warehouse: the coverage matrix, the validation status
// of every document, and spending by functional 类 per document as inline SVG charts
// (Vega-Lite, rendered on the server: warehouse/charts.ts). No scripts, no external assets:
// it opens anywhere, and prints.
import type { Warehouse } from "../load/warehouse.ts";
import { codeVersion } from "../load/code-version.ts";
import { renderSvg, sharesSpec, smallMultiplesSpec, type ClassSpending } from "./charts.ts";

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const wan = (yuan: number) => (yuan / 10_000).toLocaleString("en", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const PHASE_ZH: Record<string, string> = { budget: "预算", final: "决算" };


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
  // Spending by 类 per document: the 支出总表 total, else the 一般公共预算 table's; a 类 the
  // document does not print is the sum of its 款 (or 项) — spending_by_function marks it derived.
  const spending = (await wh.query(`SELECT concat_ws(' · ', coalesce(department, doc_id), fiscal_year::VARCHAR,
        CASE phase WHEN 'budget' THEN '预算' WHEN 'final' THEN '决算' ELSE phase END) AS panel,
        code, name, coalesce(total_yuan, general_public_yuan)::DOUBLE AS yuan, derived
      FROM spending_by_function WHERE code_level = 1 AND coalesce(total_yuan, general_public_yuan) IS NOT NULL
      ORDER BY department, fiscal_year, phase, doc_id, code`)) as unknown as ClassSpending[];
  const charts = spending.length === 0 ? null : { multiples: await renderSvg(smallMultiplesSpec(spending)), shares: await renderSvg(sharesSpec(spending)) };

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
${spendingCharts(charts)}

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

function spendingCharts(charts: { multiples: string; shares: string } | null): string {
  if (!charts) return `<p class="note" id="charts-empty">No functional 类 totals loaded.</p>`;
  return `<div class="chart" id="chart-multiples"><h3>Amounts per document, each on its own scale (万元; share of the document's total)</h3>
${charts.multiples}</div>
<div class="chart" id="chart-shares"><h3>Shares of each document's spending, on one scale</h3>
${charts.shares}</div>
<p class="note">From the 支出总表 total (the 一般公共预算 table's where no 支出总表 was read), the department's own tables only. * and the lighter bars: the document prints no row for this 类; its 款 (or 项) rows are summed.</p>`;
}

function statusTable(rows: Array<Record<string, unknown>>): string {
  if (rows.length === 0) return `<p class="note">No documents loaded.</p>`;
  const body = rows.map((r) => `<tr><td>${esc(r.doc_id)}</td><td>${esc(r.department)}</td><td>${esc(r.fiscal_year)}</td><td>${esc(PHASE_ZH[r.phase as string] ?? r.phase)}</td>
<td class="status-${esc(r.status === "failed" ? "failed" : r.validation_status)}">${esc(r.status === "failed" ? `failed: ${r.error}` : r.validation_status)}</td>
<td class="num">${esc(r.findings_error)}</td><td class="num">${esc(r.findings_warning)}</td><td class="num">${esc(r.item_count)}</td><td class="num">${esc(r.page_count)}</td></tr>`).join("\n");
  return `<table id="documents"><thead><tr><th>document</th><th>department</th><th>year</th><th>phase</th><th>status</th><th>errors</th><th>warnings</th><th>items</th><th>pages</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}
