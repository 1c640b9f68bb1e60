// Printed amounts as integer cents, and back to a printed form.

export type AmountStyle = "commas" | "plain" | "trimmed";

export function toCents(printed: string): number {
  const s = printed.replace(/,/g, "").trim();
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) throw new Error(`not an amount: ${printed}`);
  const [int, frac = ""] = s.replace("-", "").split(".");
  const cents = Number(int) * 100 + Number(frac.padEnd(2, "0"));
  return s.startsWith("-") ? -cents : cents;
}

/** commas: 1,234.50; plain: 1234.50; trimmed: 1234.5 (as seed 002 prints). */
export function formatCents(cents: number, style: AmountStyle): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  let int = String(Math.floor(abs / 100));
  let frac = String(abs % 100).padStart(2, "0");
  if (style === "commas") int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (style === "trimmed") frac = frac.replace(/0+$/, "");
  return sign + int + (frac ? "." + frac : "");
}

/** Sum of printed amounts; "" when every cell is blank. */
export function sumPrinted(cells: string[], style: AmountStyle): string {
  const present = cells.filter((c) => c !== "");
  return present.length ? formatCents(present.reduce((s, c) => s + toCents(c), 0), style) : "";
}

/** 万元 → 元 (×10000), printed with thousands separators. */
export function wanToYuan(printed: string): string {
  return printed === "" ? "" : formatCents(toCents(printed) * 10000, "commas");
}

/** The golden form of a printed amount: separators removed, "-" as 0. */
export function goldenAmount(printed: string): string {
  const s = printed.replace(/[,\s]/g, "");
  return s === "-" ? "0" : s;
}
