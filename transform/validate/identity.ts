// An accounting identity over printed cells: total = Σ parts. Rules produce
// identities; checking one gives nothing (it holds), a rounding finding (the
// difference is within rounding of the printed digits) or an error.
import type { AmountUnit } from "../contract/index.ts";
import { decimalsOf, exactAmount, formatIn } from "../exact-amount.ts";
import type { FindingInput as Finding, FindingCell } from "../contract/index.ts";

export interface CellValue {
  /** Identifies the cell across identities (for repair). */
  key: string;
  cell: FindingCell;
  unit: AmountUnit;
  /** 0.0001 yuan; a blank cell in an identity counts 0. */
  value: bigint;
  lastDigit: bigint;
  blank: boolean;
}

export interface Identity {
  rule: string;
  description: string;
  total: CellValue;
  parts: CellValue[];
}

export interface ToleranceOptions {
  /**
   * A difference up to this many units of the last printed digit is rounding,
   * or half a unit per summed part when more (each part was rounded on its own).
   */
  roundingUnits: number;
}

export const DEFAULT_TOLERANCE: ToleranceOptions = { roundingUnits: 1 };

export function cellValue(key: string, cell: FindingCell, unit: AmountUnit, printed: string | null): CellValue {
  if (printed === null) return { key, cell: { ...cell, printed: "" }, unit, value: 0n, lastDigit: 0n, blank: true };
  const { value, lastDigit } = exactAmount(printed, unit);
  return { key, cell: { ...cell, printed }, unit, value, lastDigit, blank: false };
}

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

export function difference(id: Identity): bigint {
  return id.total.value - sum(id.parts.map((p) => p.value));
}

/** The largest difference that is still rounding for this identity. */
export function roundingAllowance(id: Identity, o: ToleranceOptions = DEFAULT_TOLERANCE): bigint {
  const cells = [id.total, ...id.parts].filter((c) => !c.blank);
  const unitDigit = cells.reduce((m, c) => (c.lastDigit > m ? c.lastDigit : m), 0n);
  const units = BigInt(Math.max(o.roundingUnits, Math.floor(id.parts.filter((p) => !p.blank).length / 2)));
  return unitDigit * units;
}

export function checkIdentity(id: Identity, o: ToleranceOptions = DEFAULT_TOLERANCE): Finding | null {
  const diff = difference(id);
  if (diff === 0n) return null;
  const abs = diff < 0n ? -diff : diff;
  const severity = abs <= roundingAllowance(id, o) ? "rounding" : "error";
  const unit = id.total.unit;
  const decimals = Math.max(0, ...[id.total, ...id.parts].filter((c) => !c.blank).map((c) => decimalsOf(c.cell.printed)));
  const expected = formatIn(sum(id.parts.map((p) => p.value)), unit, decimals);
  return {
    rule: id.rule,
    severity,
    message: `${id.description}: ${id.total.cell.label} prints ${id.total.cell.printed || "(blank)"}, its parts sum to ${expected} (${unit})`,
    expected,
    actual: id.total.blank ? null : formatIn(id.total.value, unit, decimals),
    cells: [id.total.cell, ...id.parts.map((p) => p.cell)],
  };
}
