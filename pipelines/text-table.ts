// Plain-text tables for terminal reports. Chinese characters take two terminal
// columns, so padding counts display width, not string length.

type Cell = string | number | boolean | bigint | null | undefined | object;

/** Terminal columns taken by one code point: 2 for East Asian wide/fullwidth, else 1. */
function charWidth(cp: number): number {
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

const NUMERIC = /^-?\d[\d,]*(\.\d+)?$/;
/** Placeholders that do not make a numeric column left-aligned. */
const BLANKS = new Set(["", "n/a"]);

function show(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/**
 * Renders rows as an aligned table with a header rule. Columns default to the keys
 * of the first row; numeric-looking columns are right-aligned.
 */
export function formatTable(rows: readonly Record<string, Cell>[], columns?: readonly string[]): string {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  const cells = rows.map((r) => cols.map((c) => show(r[c])));
  const widths = cols.map((c, i) => Math.max(displayWidth(c), ...cells.map((row) => displayWidth(row[i]!))));
  const rightAligned = cols.map((_, i) => cells.length > 0 && cells.every((row) => BLANKS.has(row[i]!) || NUMERIC.test(row[i]!)));
  const pad = (s: string, i: number) => {
    const fill = " ".repeat(widths[i]! - displayWidth(s));
    return rightAligned[i] ? fill + s : s + fill;
  };
  const line = (values: string[]) => values.map(pad).join("  ").trimEnd();
  return [line([...cols]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}
