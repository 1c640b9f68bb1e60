// Printed amounts as exact integers: identities are checked to the last printed
// digit, and floats would turn 1081.10 万元 into 10810999.999…
import type { AmountUnit } from "./contract/index.ts";

/** Everything is compared in units of 0.0001 yuan. */
export const YUAN_SCALE = 4;
const PER_YUAN = 10n ** BigInt(YUAN_SCALE);
/** Yuan per printed unit. */
export const YUAN_PER_UNIT: Readonly<Record<AmountUnit, bigint>> = { 元: 1n, 万元: 10_000n };

/** A printed amount taken apart: "-1081.10" → negative, digits 108110n, 2 decimals. */
export interface PrintedDecimal { negative: boolean; digits: bigint; decimals: number }

/** The one reading of a printed amount (a plain decimal, thousands separators already removed). */
export function parsePrintedDecimal(printed: string): PrintedDecimal {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(printed);
  if (!m) throw new RangeError(`amount "${printed}" is not a plain decimal number`);
  const frac = m[3] ?? "";
  return { negative: m[1] === "-", digits: BigInt(m[2]! + frac), decimals: frac.length };
}

/** A printed amount in 0.0001 yuan, and the value of one unit of its last printed digit. */
export interface ExactAmount { value: bigint; lastDigit: bigint }

export function exactAmount(printed: string, unit: AmountUnit): ExactAmount {
  const { negative, digits, decimals } = parsePrintedDecimal(printed);
  const denominator = 10n ** BigInt(decimals);
  const value = (digits * YUAN_PER_UNIT[unit] * PER_YUAN) / denominator;
  return { value: negative ? -value : value, lastDigit: (YUAN_PER_UNIT[unit] * PER_YUAN) / denominator };
}

/** 0.0001-yuan integer → a decimal string in the given unit, trailing zeros trimmed to `decimals`. */
export function formatIn(value: bigint, unit: AmountUnit, decimals: number): string {
  const perUnit = YUAN_PER_UNIT[unit] * PER_YUAN;
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scaledUnit = perUnit / 10n ** BigInt(decimals);
  const rounded = (abs + scaledUnit / 2n) / scaledUnit; // half up, in units of the last digit
  const s = rounded.toString().padStart(decimals + 1, "0");
  const out = decimals ? `${s.slice(0, -decimals)}.${s.slice(-decimals)}` : s;
  return negative && rounded !== 0n ? `-${out}` : out;
}

export const decimalsOf = (printed: string) => printed.split(".")[1]?.length ?? 0;
