// Repair proposals: where exactly one cell explains a failed identity, and the
// value that fixes it keeps every other identity that cell is in, propose it.
// The printed value is kept; the proposal is flagged as such.
import { decimalsOf, formatIn } from "../exact-amount.ts";
import type { Repair } from "../contract/index.ts";
import { difference, roundingAllowance, type CellValue, type Identity, type ToleranceOptions, DEFAULT_TOLERANCE } from "./identity.ts";

const abs = (x: bigint) => (x < 0n ? -x : x);

/** The value `cell` must take for `id` to hold. */
function solveFor(id: Identity, key: string): bigint {
  const parts = id.parts.reduce((s, p) => s + p.value, 0n);
  if (id.total.key === key) return parts;
  const cell = id.parts.find((p) => p.key === key)!;
  return id.total.value - (parts - cell.value);
}

function withValue(id: Identity, key: string, value: bigint): Identity {
  const set = (c: CellValue) => (c.key === key ? { ...c, value, blank: false } : c);
  return { ...id, total: set(id.total), parts: id.parts.map(set) };
}

export function proposeRepair(failed: Identity, all: Identity[], o: ToleranceOptions = DEFAULT_TOLERANCE): { repair: Repair; key: string } | null {
  const candidates = [failed.total, ...failed.parts];
  const fixes: Array<{ cell: CellValue; value: bigint }> = [];
  for (const cell of candidates) {
    const value = solveFor(failed, cell.key);
    if (value < 0n) continue;
    const involved = all.filter((id) => id.total.key === cell.key || id.parts.some((p) => p.key === cell.key));
    if (involved.every((id) => abs(difference(withValue(id, cell.key, value))) <= roundingAllowance(id, o))) fixes.push({ cell, value });
  }
  if (fixes.length !== 1) return null;
  const { cell, value } = fixes[0]!;
  // Printed like the identity's other figures (a narrative "0万元" repaired reads 2995.39).
  const decimals = Math.max(...[failed.total, ...failed.parts].filter((c) => !c.blank).map((c) => decimalsOf(c.cell.printed)));
  return { repair: { cell: cell.cell, proposed: formatIn(value, cell.unit, decimals) }, key: cell.key };
}
