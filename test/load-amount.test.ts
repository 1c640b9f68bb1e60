import { test } from "node:test";
import assert from "node:assert/strict";
import { formatScaled, printedToScaledYuan } from "../load/amount.ts";

const yuan = (printed: string, unit: "元" | "万元") => formatScaled(printedToScaledYuan(printed, unit));

test("万元 amounts scale by 10000 exactly", () => {
  assert.equal(printedToScaledYuan("1081.10", "万元"), 108_110_000_000n);
  assert.equal(yuan("1081.10", "万元"), "10811000.0000");
  assert.equal(yuan("213.28", "万元"), "2132800.0000");
  // 0.1 + 0.2 style drift is what floats would give here; bigints do not.
  assert.equal(yuan("0.3", "万元"), "3000.0000");
  assert.equal(yuan("0.12345", "万元"), "1234.5000");
  assert.equal(yuan("1.23456789", "万元"), "12345.6789");
});

test("元 amounts keep their cents", () => {
  assert.equal(yuan("156211123", "元"), "156211123.0000");
  assert.equal(yuan("91016775.35", "元"), "91016775.3500");
  assert.equal(yuan("0", "元"), "0.0000");
  assert.equal(yuan("12.345", "元"), "12.3450");
});

test("negative amounts and zero", () => {
  assert.equal(yuan("-12.5", "万元"), "-125000.0000");
  assert.equal(yuan("-0.01", "元"), "-0.0100");
  assert.equal(yuan("-0.00", "元"), "0.0000");
});

test("trailing zeros beyond the scale are fine, real extra precision is refused", () => {
  assert.equal(yuan("1.000000", "元"), "1.0000");
  assert.throws(() => printedToScaledYuan("0.00001", "元"), RangeError);
  assert.throws(() => printedToScaledYuan("0.000000001", "万元"), /more decimals/);
});

test("malformed and oversized amounts are refused", () => {
  assert.throws(() => printedToScaledYuan("1,081.10", "万元"), /not a plain decimal/);
  assert.throws(() => printedToScaledYuan("", "元"), RangeError);
  assert.throws(() => printedToScaledYuan("1e5", "元"), RangeError);
  assert.throws(() => printedToScaledYuan("1".repeat(31), "万元"), /exceeds DECIMAL\(38,4\)/);
  assert.equal(yuan("9".repeat(34), "元"), "9".repeat(34) + ".0000");
});

test("formatScaled pads small values", () => {
  assert.equal(formatScaled(5n), "0.0005");
  assert.equal(formatScaled(-5n), "-0.0005");
  assert.equal(formatScaled(123n, 0), "123");
});

test("the load's fast conversion agrees with the exact one, value or error, on every shape of amount", async () => {
  const { printedToScaledYuan, printedToScaledYuanFast } = await import("../load/amount.ts");
  const cases = ["0", "1081.10", "1081.1", "0.5", "007", "12345678.99", "99999999.99", "1.00000", "1.0001", "0.00001",
    "-5", "-0.01", "1e5", "", ".5", "5.", "1.2.3", " 5", "123456789012345.6", "9007199254740993", "12345678901234567890.12"];
  for (const unit of ["元", "万元"] as const) {
    for (const c of cases) {
      const exact = (() => { try { return String(printedToScaledYuan(c, unit)); } catch (e) { return `throws ${(e as Error).message}`; } })();
      const fast = (() => { try { return String(printedToScaledYuanFast(c, unit)); } catch (e) { return `throws ${(e as Error).message}`; } })();
      assert.equal(fast, exact, `${JSON.stringify(c)} ${unit}`);
    }
  }
});
