// The report's charts: Vega-Lite specifications compiled and rendered to static SVG on the
// server (vega's headless View, no browser, no canvas), inlined in the HTML. Each document's
// spending by 类 is its own panel with its own scale (small multiples: 碑林's 1,172 万元 reads
// as well as 焦作's 132,465), every bar labelled with its amount and share; a second chart puts
// every document on one 0–100 % scale (shares), so the compositions compare.
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export interface ClassSpending {
  /** Panel title: department, year, phase. */
  panel: string;
  code: string;
  name: string;
  yuan: number;
  /** Summed from 款/项 (the document prints no 类 row). */
  derived: boolean;
}

const FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";
const CONFIG = { font: FONT, view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 }, header: { labelFontSize: 13, labelFontWeight: "bold" as const } };

/** Renders a Vega-Lite spec to an SVG string; warnings are dropped (the specs are ours). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const logger = vega.logger(vega.None);
  const view = new vega.View(vega.parse(compile(spec, { logger }).spec), { renderer: "none", logLevel: vega.None });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function rows(data: readonly ClassSpending[]) {
  const totals = new Map<string, number>();
  for (const r of data) totals.set(r.panel, (totals.get(r.panel) ?? 0) + r.yuan);
  return data.map((r) => {
    const wan = r.yuan / 10_000;
    const share = (totals.get(r.panel) ?? 0) > 0 ? r.yuan / totals.get(r.panel)! : 0;
    return {
      panel: r.panel, class: `${r.code} ${r.name}`, wan, share,
      source: r.derived ? "summed from 款/项" : "printed 类 row",
      label: `${wan.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} (${(share * 100).toFixed(1)}%)${r.derived ? " *" : ""}`,
    };
  });
}

/** One panel per document, bars per 类 on the panel's own scale, each labelled. */
export function smallMultiplesSpec(data: readonly ClassSpending[]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    data: { values: rows(data) },
    facet: { row: { field: "panel", type: "nominal", title: null, header: { labelAngle: 0, labelAlign: "left", labelAnchor: "start", labelOrient: "top" } } },
    resolve: { scale: { x: "independent", y: "independent" } },
    spacing: 18,
    spec: {
      width: 520,
      height: { step: 20 },
      encoding: {
        y: { field: "class", type: "nominal", sort: { field: "wan", order: "descending" }, title: null, axis: { labelLimit: 220 } },
        x: { field: "wan", type: "quantitative", title: "万元", axis: { format: ",.0f", tickCount: 5 }, scale: { nice: true } },
      },
      layer: [
        {
          mark: { type: "bar", tooltip: false },
          encoding: {
            color: { field: "source", type: "nominal", title: "amount", scale: { domain: ["printed 类 row", "summed from 款/项"], range: ["#4e79a7", "#a0cbe8"] } },
          },
        },
        { mark: { type: "text", align: "left", dx: 4, fontSize: 11, fill: "#333" }, encoding: { text: { field: "label", type: "nominal" } } },
      ],
    },
  } as TopLevelSpec;
}

/** Every document on one 0–100 % bar: the share of each 类 (the largest classes coloured, the rest 其他). */
export function sharesSpec(data: readonly ClassSpending[], topClasses = 8): TopLevelSpec {
  const byClass = new Map<string, number>();
  for (const r of data) byClass.set(`${r.code} ${r.name}`, (byClass.get(`${r.code} ${r.name}`) ?? 0) + r.yuan);
  const ranked = [...byClass].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const top = new Set(ranked.slice(0, topClasses));
  const OTHER = "其他类 (others)";
  // Segments laid out here (one order for every bar: the classes by their total), so labels sit on their segment.
  const order = (c: string) => (top.has(c) ? ranked.indexOf(c) : topClasses);
  const values: Array<Record<string, unknown>> = [];
  const panels = [...new Set(data.map((r) => r.panel))];
  for (const panel of panels) {
    const merged = new Map<string, number>();
    for (const r of rows(data.filter((d) => d.panel === panel))) {
      const c = top.has(r.class) ? r.class : OTHER;
      merged.set(c, (merged.get(c) ?? 0) + r.share);
    }
    let x = 0;
    for (const [c, share] of [...merged].sort((a, b) => order(a[0]) - order(b[0]))) {
      values.push({ panel, class: c, x0: x, x1: x + share, mid: x + share / 2, share, label: `${(share * 100).toFixed(0)}%` });
      x += share;
    }
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: CONFIG,
    data: { values },
    width: 560,
    height: { step: 26 },
    encoding: { y: { field: "panel", type: "nominal", title: null, sort: panels, axis: { labelLimit: 260 } } },
    layer: [
      {
        mark: "bar",
        encoding: {
          x: { field: "x0", type: "quantitative", title: "share of the document's spending by 类", axis: { format: ".0%" }, scale: { domain: [0, 1] } },
          x2: { field: "x1" },
          color: { field: "class", type: "nominal", title: "类", sort: [...ranked.filter((c) => top.has(c)), OTHER], scale: { scheme: "tableau10" } },
        },
      },
      {
        mark: { type: "text", fontSize: 10, fill: "white" },
        transform: [{ filter: "datum.share >= 0.08" }],
        encoding: { x: { field: "mid", type: "quantitative" }, text: { field: "label", type: "nominal" } },
      },
    ],
  } as TopLevelSpec;
}
