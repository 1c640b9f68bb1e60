// transform/amount.ts and transform/code.ts: printed amounts and classification codes.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { looksLikeAmount, parseAmount } from "../transform/amount.ts";
import { joinCodeParts, parseCodePart, parseFullCode } from "../transform/code.ts";

describe("parseAmount", () => {
  test("plain numbers are kept as printed", () => {
    assert.equal(parseAmount("1081.10"), "1081.10");
    assert.equal(parseAmount("0.00"), "0.00");
    assert.equal(parseAmount("156211123"), "156211123");
    assert.equal(parseAmount("19.2"), "19.2");
    assert.equal(parseAmount("-12.5"), "-12.5");
  });

  test("thousands separators are removed", () => {
    assert.equal(parseAmount("7,121.14"), "7121.14");
    assert.equal(parseAmount("12,186,500.00"), "12186500.00");
    assert.equal(parseAmount("1,234,567"), "1234567");
  });

  test("misplaced separators are not amounts", () => {
    assert.equal(parseAmount("1,23"), null);
    assert.equal(parseAmount("12,34.5"), null);
    assert.equal(parseAmount("1234,567"), null);
  });

  test("dashes printed for zero become \"0\"", () => {
    for (const dash of ["-", "—", "–", "－", "--", "——"]) assert.equal(parseAmount(dash), "0", JSON.stringify(dash));
    assert.equal(parseAmount(" - "), "0");
  });

  test("full-width digits, point and comma are read as half-width", () => {
    assert.equal(parseAmount("１２３．４５"), "123.45");
    assert.equal(parseAmount("１，２３４．５"), "1234.5");
  });

  test("OCR spacing inside a number is dropped", () => {
    assert.equal(parseAmount("132, 465. 29"), "132465.29");
    assert.equal(parseAmount(" 7 121.14 "), "7121.14");
  });

  test("blank and non-numeric cells are not amounts", () => {
    for (const t of ["", "   ", "合计", "abc", "(12)", "12%", "1.2.3"]) assert.equal(parseAmount(t), null, JSON.stringify(t));
    assert.equal(looksLikeAmount("合计"), false);
    assert.equal(looksLikeAmount("2,082.85"), true);
  });
});

describe("parseFullCode", () => {
  test("3, 5 and 7 digit codes", () => {
    assert.equal(parseFullCode("208"), "208");
    assert.equal(parseFullCode("20805"), "20805");
    assert.equal(parseFullCode("2080505"), "2080505");
    assert.equal(parseFullCode("30101"), "30101");
  });

  test("bracketed and spaced forms", () => {
    assert.equal(parseFullCode("[2080505]"), "2080505");
    assert.equal(parseFullCode(" 208 05 05 "), "2080505");
  });

  test("other lengths and non-digits are rejected", () => {
    for (const t of ["20805051", "2080", "20", "208050", "", "2O8", "[208"]) assert.equal(parseFullCode(t), null, JSON.stringify(t));
  });
});

describe("parseCodePart", () => {
  test("类 keeps 1 to 3 digits as printed (damaged 类 kept)", () => {
    assert.equal(parseCodePart("7", "类"), "7");
    assert.equal(parseCodePart("208", "类"), "208");
    assert.equal(parseCodePart("2080", "类"), null);
    assert.equal(parseCodePart("", "类"), null);
  });

  test("款 and 项 are two digits, a lone digit padded", () => {
    assert.equal(parseCodePart("2", "款"), "02");
    assert.equal(parseCodePart("05", "款"), "05");
    assert.equal(parseCodePart("9", "项"), "09");
    assert.equal(parseCodePart("99", "项"), "99");
    assert.equal(parseCodePart("123", "款"), null);
    assert.equal(parseCodePart("款", "款"), null);
  });
});

describe("joinCodeParts", () => {
  test("类 | 款 | 项 join into one code", () => {
    assert.equal(joinCodeParts([{ part: "类", text: "208" }, { part: "款", text: "05" }, { part: "项", text: "05" }]), "2080505");
  });

  test("a blank lower part shortens the code (款 row)", () => {
    assert.equal(joinCodeParts([{ part: "类", text: "208" }, { part: "款", text: "05" }, { part: "项", text: "" }]), "20805");
    assert.equal(joinCodeParts([{ part: "类", text: "208" }, { part: "款", text: " " }, { part: "项", text: "" }]), "208");
  });

  test("economic codes 类 | 款", () => {
    assert.equal(joinCodeParts([{ part: "类", text: "301" }, { part: "款", text: "01" }]), "30101");
    assert.equal(joinCodeParts([{ part: "类", text: "301" }, { part: "款", text: "1" }]), "30101");
  });

  test("a full code column", () => {
    assert.equal(joinCodeParts([{ part: "full", text: "[2101101]" }]), "2101101");
  });

  test("a blank 款 between a printed 类 and 项 is not a 款 code", () => {
    assert.equal(joinCodeParts([{ part: "类", text: "208" }, { part: "款", text: "" }, { part: "项", text: "05" }]), null);
  });

  test("all blank → null; a part that is not a code → null", () => {
    assert.equal(joinCodeParts([{ part: "类", text: "" }, { part: "款", text: "" }]), null);
    assert.equal(joinCodeParts([{ part: "类", text: "合计" }, { part: "款", text: "" }]), null);
    assert.equal(joinCodeParts([{ part: "类", text: "208" }, { part: "款", text: "123" }]), null);
  });
});
