// Exact printed-amount → yuan conversion for the warehouse's DECIMAL column, in integer
// arithmetic on decimal strings (the printed form is read by transform/exact-amount.ts).
// Floats would turn 1081.10 万元 into 10810999.999…; budget identities are checked to
// the cent, so every scaling here is done on bigints.
import type { AmountUnit } from "../transform/contract/index.ts";
import { parsePrintedDecimal, YUAN_PER_UNIT } from "../transform/exact-amount.ts";

export { YUAN_PER_UNIT };

/** amount_yuan is stored as DECIMAL(AMOUNT_YUAN_WIDTH, AMOUNT_YUAN_SCALE). */
export const AMOUNT_YUAN_WIDTH = 38;
export const AMOUNT_YUAN_SCALE = 4;

/**
 * The printed amount in yuan, as an integer scaled by 10^scale (the DECIMAL's raw value).
 * Throws a RangeError when the result cannot be held exactly: too many decimals for the
 * scale (e.g. "0.00001" 元 at scale 4) or too many digits for the width.
 */
export function printedToScaledYuan(
  printed: string,
  unit: AmountUnit,
  scale: number = AMOUNT_YUAN_SCALE,
  width: number = AMOUNT_YUAN_WIDTH,
): bigint {
  const { negative, digits, decimals } = parsePrintedDecimal(printed);
  const numerator = digits * YUAN_PER_UNIT[unit] * 10n ** BigInt(scale);
  const denominator = 10n ** BigInt(decimals);
  // Trailing zeros divide out ("1.000000" 元 is fine); real extra precision does not.
  if (numerator % denominator !== 0n)
    throw new RangeError(
      `amount "${printed}" ${unit} has more decimals than ${scale} places of yuan can hold exactly`,
    );
  const scaled = numerator / denominator;
  if (scaled >= 10n ** BigInt(width))
    throw new RangeError(`amount "${printed}" ${unit} exceeds DECIMAL(${width},${scale})`);
  return negative ? -scaled : scaled;
}

/** Renders a scaled integer as a decimal string with exactly `scale` places: 108110000000n → "10811000.0000". */
export function formatScaled(scaled: bigint, scale: number = AMOUNT_YUAN_SCALE): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, "0");
  const intPart = digits.slice(0, digits.length - scale);
  const fracPart = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${intPart}${scale > 0 ? "." + fracPart : ""}`;
}

/**
 * printedToScaledYuan for a load's hot loop: a plain Number where the result is a safe
 * integer (almost every printed amount), else the exact bigint (which throws as above).
 */
export function printedToScaledYuanFast(printed: string, unit: AmountUnit): number | bigint {
  // One pass over the characters: digits, at most one point with digits on both sides. Anything
  // else (a sign, more decimals than the scale, too many digits) takes the exact path.
  let digits = 0;
  let decimals = -1;
  const n = printed.length;
  if (n > 0 && n <= 16) {
    let i = 0;
    for (; i < n; i++) {
      const c = printed.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        digits = digits * 10 + (c - 48);
        if (decimals >= 0) decimals++;
      } else if (c === 46 && decimals < 0 && i > 0 && i < n - 1) decimals = 0;
      else break;
    }
    const places = AMOUNT_YUAN_SCALE - Math.max(decimals, 0);
    if (i === n && places >= 0) {
      const scaled = digits * Number(YUAN_PER_UNIT[unit]) * 10 ** places;
      if (Number.isSafeInteger(scaled)) return scaled;
    }
  }
  return printedToScaledYuan(printed, unit);
}
