// Password-protected XLS and DOC are named as such before LibreOffice is asked to open them.
// The samples are real LibreOffice output; their encryption markers are set by hand, as a
// password-protected file carries them (FILEPASS after BOF; fEncrypted in the FIB).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { docIsEncrypted, legacyOfficeIsEncrypted, oleStreamHead, xlsIsEncrypted } from "../extract/readers/legacy-encryption.ts";
import { readXls, readDoc } from "../extract/readers/legacy-office.ts";
import { withEncryptionMarker } from "./reliability/legacy-encrypted.ts";

const SAMPLES = join(import.meta.dirname, "..", "samples", "documents");
const xls = readFileSync(join(SAMPLES, "xls", "zhumadian-yibao_2022_dept-budget_yuan.xls"));
const doc = readFileSync(join(SAMPLES, "doc", "zhumadian-yibao_2022_dept-budget_yuan.doc"));

test("the main stream's first sector is found through the compound file's directory", () => {
  const workbook = oleStreamHead(xls, "Workbook");
  assert.equal(workbook?.length, 512);
  assert.equal(Buffer.from(workbook!.subarray(0, 2)).toString("hex"), "0908", "BIFF8 BOF");
  assert.equal(Buffer.from(oleStreamHead(doc, "WordDocument")!.subarray(0, 2)).toString("hex"), "eca5", "Word FIB");
  assert.equal(oleStreamHead(xls, "NoSuchStream"), null);
  assert.equal(oleStreamHead(Buffer.alloc(100), "Workbook"), null);
});

test("BIFF: FILEPASS right after BOF is encryption; FIB: the fEncrypted bit", () => {
  const bof = [0x09, 0x08, 0x02, 0x00, 0x00, 0x06];
  assert.equal(xlsIsEncrypted(Uint8Array.from([...bof, 0x2f, 0x00, 0x00, 0x00])), true);
  assert.equal(xlsIsEncrypted(Uint8Array.from([...bof, 0x42, 0x00, 0x00, 0x00])), false);
  assert.equal(xlsIsEncrypted(Uint8Array.from([0x2f, 0x00, 0x00, 0x00, 0x09, 0x08])), false, "no BOF first: not a workbook stream");
  assert.equal(docIsEncrypted(Uint8Array.from([0xec, 0xa5, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x01])), true);
  assert.equal(docIsEncrypted(Uint8Array.from([0xec, 0xa5, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xfe])), false);
});

test("real samples: plain ones are not encrypted; with the marker set they are refused with the reason", async () => {
  assert.equal(legacyOfficeIsEncrypted(xls, "xls"), false);
  assert.equal(legacyOfficeIsEncrypted(doc, "doc"), false);
  const lockedXls = withEncryptionMarker(xls, "xls");
  const lockedDoc = withEncryptionMarker(doc, "doc");
  assert.equal(legacyOfficeIsEncrypted(lockedXls, "xls"), true);
  assert.equal(legacyOfficeIsEncrypted(lockedDoc, "doc"), true);
  await assert.rejects(readXls(lockedXls), /^ReaderError: encrypted \(password-protected\) Excel document: cannot be read without the password$/);
  await assert.rejects(readDoc(lockedDoc), /^ReaderError: encrypted \(password-protected\) Word document: cannot be read without the password$/);
});
