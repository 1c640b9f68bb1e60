// A spreadsheet number as Excel displays it under the cell's number format
// (1081.1 under "#,##0.00" → "1,081.10"): golden amounts are as printed, and the
// printed text is what a PDF of the same table shows. Covers what budget tables use —
// General, fixed decimals, thousands separators, percent, literal text, sections for
// negative and zero (accounting "-") — not dates, fractions or scientific notation.

/** Excel's built-in format ids that appear without a format string (ECMA-376 18.8.30; 27–36 and 50–58 as zh-CN has them). */
const BUILTIN: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
  14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"', 35: '上午/下午 h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
  37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00 ;(#,##0.00)", 40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};
export const builtinFormat = (id: number): string | undefined => BUILTIN[id];

/** A format that shows a date or time (its letters outside quotes and brackets). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhsb]/i.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "").replace(/\\./g, ""));
}

/** A date serial (days since 1899-12-30, or since 1904-01-01 in 1904 workbooks) as YYYY-MM-DD. */
export function serialDate(serial: number, date1904 = false): string {
  const ms = (serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000;
  const d = new Date(Math.round(ms / 1000) * 1000);
  return Number.isNaN(d.getTime()) ? String(serial) : d.toISOString().slice(0, 10);
}

export function formatNumber(value: number, format: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  const sections = splitSections(format ?? "General");
  const first = sections[0] ?? "General";
  if (/^(general|@)?$/i.test(first.trim())) return general(value);
  let section = first;
  let sign = value < 0 ? "-" : "";
  if (value < 0 && sections[1] !== undefined) { section = sections[1]; sign = ""; }
  else if (value === 0 && sections[2] !== undefined) section = sections[2];
  if (/^general$/i.test(section.trim())) return sign + general(Math.abs(value));
  return (sign + render(Math.abs(value), section)).trim();
}

/** General: integers as they are, fractions to at most 10 decimals (Excel shows ≤ 11 characters). */
function general(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(11)));
}

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && !quoted) { cur += ch + (format[++i] ?? ""); continue; }
    if (ch === ";" && !quoted) { out.push(cur); cur = ""; continue; }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** One section: literals kept, padding (_x, *x) and colour/locale brackets dropped, the digits placed. */
function render(value: number, section: string): string {
  const tokens: Array<{ literal: string } | { placeholder: string }> = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      tokens.push({ literal: section.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? section.length : end;
    } else if (ch === "\\") tokens.push({ literal: section[++i] ?? "" });
    else if (ch === "_") i++; // width of the next character: padding only
    else if (ch === "*") i++; // fill character: padding only
    else if (ch === "[") i = Math.max(i, section.indexOf("]", i));
    else if ("0#?.,%".includes(ch)) tokens.push({ placeholder: ch });
    else tokens.push({ literal: ch });
  }
  const pattern = tokens.map((t) => ("placeholder" in t ? t.placeholder : "")).join("");
  if (!/[0#]/.test(pattern)) return tokens.map((t) => ("literal" in t ? t.literal : "")).join("");
  const percent = pattern.includes("%");
  const [intPart = "", fracPart = ""] = pattern.replace(/%/g, "").split(".");
  const decimals = (fracPart.match(/[0#?]/g) ?? []).length;
  const minDecimals = (fracPart.match(/0/g) ?? []).length;
  const grouping = /[0#?],[0#?]/.test(intPart);
  const minInt = (intPart.match(/0/g) ?? []).length;
  const number = digits(percent ? value * 100 : value, decimals, minDecimals, minInt, grouping) + (percent ? "%" : "");
  // Literals before the first placeholder, the number, literals after the last.
  const firstPh = tokens.findIndex((t) => "placeholder" in t);
  let lastPh = -1;
  tokens.forEach((t, i) => { if ("placeholder" in t) lastPh = i; });
  const lit = (ts: typeof tokens) => ts.map((t) => ("literal" in t ? t.literal : "")).join("");
  return lit(tokens.slice(0, firstPh)) + number + lit(tokens.slice(lastPh + 1));
}

/** Rounded half away from zero on the 15-significant-digit decimal value, as Excel does. */
function digits(value: number, decimals: number, minDecimals: number, minInt: number, grouping: boolean): string {
  const scaled = Math.round(Number(`${Number(value.toPrecision(15))}e${decimals}`));
  let s = String(scaled).padStart(decimals + 1, "0");
  let int = s.slice(0, s.length - decimals);
  let frac = decimals ? s.slice(s.length - decimals) : "";
  while (frac.length > minDecimals && frac.endsWith("0")) frac = frac.slice(0, -1);
  int = int.replace(/^0+/, "").padStart(minInt, "0");
  if (grouping) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  s = int + (frac ? `.${frac}` : decimals > 0 && minDecimals === 0 && !frac ? "." : "");
  return s.replace(/\.$/, "") || "0";
}
