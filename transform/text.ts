// Text clean-up shared by header and row reading.

const CJK = "\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef";
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+|\\s+(?=[${CJK}])`, "g");

/** Cell text as one line: wrapped lines joined, spaces next to CJK dropped ("合 计" → "合计"). */
export function cellLine(text: string): string {
  // Most cells (figures, codes) hold no whitespace: nothing to join or drop.
  if (!/\s/.test(text)) return text;
  return text.split("\n").map((l) => l.trim()).join("").replace(SPACE_BETWEEN_CJK, "").replace(/\s+/g, " ").trim();
}

/** Labels of total rows. */
export const TOTAL_LABEL = /^(合计|总计|小计|收入合计|支出合计|收入总计|支出总计)$/;

/** Labels that end a block with its sum: 合计, 人员经费合计, 本年收入合计 … */
export const SUM_LABEL = /(合计|总计|小计)$/;
