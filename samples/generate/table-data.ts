// Table data transcribed from the seeds as pipe-separated text, and the operations the
// sample documents apply to it (parents added, duplicate codes merged, amounts rescaled).
import type { Item } from "./layout.ts";
import { type AmountStyle, sumPrinted } from "./amounts.ts";

/** Rows of cells from "a | b | c" lines; blank lines skipped. */
export function pipeRows(text: string): string[][] {
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => l.split("|").map((c) => c.trim()));
}

/** Items from "code | name | amount | amount …" lines (code empty on total rows). */
export function items(text: string): Item[] {
  return pipeRows(text).map(([code = "", name = "", ...cells]) => ({ code, name, cells }));
}

export function mapCells(rows: Item[], f: (cells: string[]) => string[]): Item[] {
  return rows.map((r) => ({ ...r, cells: f(r.cells) }));
}

/** Rows with the same code merged into the first one, amounts summed column by column. */
export function mergeByCode(rows: Item[], style: AmountStyle): Item[] {
  const out: Item[] = [];
  for (const r of rows) {
    const first = out.find((o) => o.code !== "" && o.code === r.code);
    if (!first) out.push({ ...r, cells: [...r.cells] });
    else first.cells = first.cells.map((c, j) => sumPrinted([c, r.cells[j] ?? ""], style));
  }
  return out;
}

/**
 * Leaves sorted by code with their parent rows (code prefixes of the given lengths) inserted
 * before them; a parent's cells are the sums of its leaves' cells (blank where all are blank).
 */
export function withParents(leaves: Item[], names: Record<string, string>, prefixLengths: number[], style: AmountStyle): Item[] {
  const sorted = [...leaves].sort((a, b) => a.code.localeCompare(b.code));
  const width = Math.max(...sorted.map((r) => r.cells.length));
  const out: Item[] = [];
  const seen = new Set<string>();
  for (const leaf of sorted) {
    for (const len of prefixLengths) {
      const code = leaf.code.slice(0, len);
      if (seen.has(code)) continue;
      seen.add(code);
      const name = names[code];
      if (!name) throw new Error(`no name for parent code ${code}`);
      const children = sorted.filter((r) => r.code.startsWith(code));
      out.push({ code, name, cells: Array.from({ length: width }, (_, j) => sumPrinted(children.map((r) => r.cells[j] ?? ""), style)) });
    }
    out.push(leaf);
  }
  return out;
}
