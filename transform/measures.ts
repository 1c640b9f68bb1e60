// Header path → canonical measure, per table kind (golden-format vocabulary;
// columns outside it keep their printed header so nothing is lost).
import { Measure, type TableKind } from "./contract/index.ts";
import { tableKindSpec } from "./table-kind-registry.ts";

/** Header elements that say which version of a figure a column holds, not what it is. */
const VERSION = /^(本年|上年|\d{4}年)?(预算数|决算数|执行数|预算|决算|金额)$|^\d{4}年$/;

/** The elements of a header path that say which version of a figure it is (预算数, 决算数), joined. */
export function versionOf(path: string[]): string {
  return path.filter((h) => VERSION.test(h)).join("/");
}

/** The elements of a header path that name the figure, outer to inner. */
export function meaningfulPath(path: string[]): string[] {
  const m = path.filter((h) => !VERSION.test(h));
  return m.length ? m : path;
}

const TOTAL = /^(合计|总计|小计|金额|本年支出合计|本年支出|支出合计|本年收入合计|预算数|决算数|一般公共预算支出|一般公共预算基本支出|基本支出合计)$|^(本年)?(预算|决算)(数)?$|(支出|经费)(预算|决算)$/;

export function measureFor(kind: TableKind, path: string[], siblings: string[][]): string {
  let m = meaningfulPath(path);
  // 小计 under a group is that group's figure (基本支出 › 小计 = basic), and so is a 合计 under a
  // group that names a measure (基本支出 › 合计); 支出预算 › 合计 stays the total. The 三公 table reads its own below.
  if (kind !== "three_public" && m.length > 1 && m[m.length - 1] === "小计") m = m.slice(0, -1);
  if (kind !== "three_public" && m.length > 1 && m[m.length - 1] === "合计" && /^(基本支出|项目支出|人员经费|公用经费)$/.test(m[m.length - 2]!)) m = m.slice(0, -1);
  const last = m[m.length - 1] ?? "";
  if (kind === "three_public") return threePublicMeasure(m, siblings);
  for (const [re, measure] of tableKindSpec(kind).measures) if (re.test(last)) return measure;
  if (TOTAL.test(last) || m.length === 0) return "total";
  return last;
}

/** A measure string (canonical, or a printed header) as the contract's measure and label. */
export function asMeasure(measure: string, label: string): { measure: Measure; measureLabel: string } {
  const known = Measure.safeParse(measure);
  return known.success && measure !== "other" ? { measure: known.data, measureLabel: label } : { measure: "other", measureLabel: measure };
}

function threePublicMeasure(m: string[], siblings: string[][]): string {
  const last = m[m.length - 1] ?? "";
  const parent = m[m.length - 2] ?? "";
  if (/因公出国/.test(last)) return "overseas";
  if (/接待/.test(last)) return "reception";
  if (/购置费$/.test(last) || /^购置$/.test(last)) return "vehicle_purchase";
  if (/运行(维护)?费$/.test(last) && !/购置及运行/.test(last)) return "vehicle_operation";
  if (/公务用车购置及运行/.test(last)) return "vehicle";
  if (last === "小计" && /公务用车/.test(parent)) return "vehicle";
  if (last === "小计" && /三公/.test(parent)) return "total";
  if (/会议费/.test(last)) return "meetings";
  if (/培训费/.test(last)) return "training";
  if (/机关运行经费/.test(last)) return "operating_costs";
  if (/^(合计|总计)$/.test(last) || /三公.*(合计|预算数|决算数)?$/.test(last)) {
    // Where 会议费 and 培训费 are printed beside 三公, the 合计 covers them too: the 三公 total is its 小计.
    const hasSubtotal = siblings.some((s) => { const sm = meaningfulPath(s); return sm[sm.length - 1] === "小计" && /三公/.test(sm[sm.length - 2] ?? ""); });
    return hasSubtotal && /^(合计|总计)$/.test(last) ? "total_incl_meetings_training" : "total";
  }
  return last;
}

const ORDINAL = /^([一二三四五六七八九十]+、|\d+[.、．]|（[一二三四五六七八九十]+）)/;

/**
 * Row-wise 三公 tables print one row per expense (一、因公出国（境）费 …) and the
 * funds as columns: the measure is read from the row label. Sub-items
 * (其中：教学科研人员…) keep their label.
 */
export function threePublicRowMeasure(label: string, hasMeetingRows: boolean): string {
  const t = label.replace(/\s+/g, "").replace(ORDINAL, "");
  const sub = t.replace(/^其中[:：]/, "");
  if (/^(合计|总计)$/.test(t)) return hasMeetingRows ? "total_incl_meetings_training" : "total";
  if (/三公.*(小计|合计)$/.test(t)) return "total";
  if (/^因公出国/.test(t)) return "overseas";
  if (/^公务用车购置及运[行维护]*费?$/.test(t)) return "vehicle";
  if (/^公务用车购置费$/.test(sub)) return "vehicle_purchase";
  if (/^公务用车运行(维护)?费$/.test(sub)) return "vehicle_operation";
  if (/^公务接待费$/.test(t)) return "reception";
  if (/^会议费$/.test(t)) return "meetings";
  if (/^培训费$/.test(t)) return "training";
  return label;
}

/** Does a 三公 table print its expenses as rows? */
export function isRowWiseThreePublic(labels: string[]): boolean {
  return labels.filter((l) => /因公出国|公务接待|公务用车/.test(l)).length >= 2;
}
