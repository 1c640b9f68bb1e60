// A document's failure is one line (`lines` prints `file: reason`), even when a tool's stderr had several.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DocumentError } from "../pipelines/extract-document.ts";

test("DocumentError: a multi-line reason becomes one line, its lines kept in order", () => {
  const e = new DocumentError("a.pdf", "scanned PDF: Command failed: pdftoppm -r 200 a.pdf\nSyntax Error: Page count (2000000000) larger than number of objects (5)\r\n\n  Wrong page range given.\n");
  assert.equal(e.message, "scanned PDF: Command failed: pdftoppm -r 200 a.pdf | Syntax Error: Page count (2000000000) larger than number of objects (5) | Wrong page range given.");
  assert.equal(e.file, "a.pdf");
  assert.equal(new DocumentError("b.xlsx", "corrupt XLSX").message, "corrupt XLSX");
});
