// One transform for every format: each sample document in every format (XLSX, HTML, DOCX, ZIP,
// and XLS / DOC where LibreOffice is installed) gives the same extract as its PDF — line items
// with their normalised codes, scope and verification, projects, indicators, findings and facts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { extractDocumentFile, type DocumentExtract } from "../pipelines/extract-document.ts";
import { goldenMeasure } from "../transform/golden-csv.ts";
import { findLibreOffice } from "../extract/readers/libreoffice.ts";

const documents = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../samples/documents");
const samples = readdirSync(documents).filter((f) => f.endsWith(".pdf")).map((f) => f.replace(/\.pdf$/, ""));
const libreOffice = findLibreOffice() !== null;

/** What must agree between renditions (provenance — pages, bboxes — differs by format). */
function essence(d: DocumentExtract) {
  return {
    items: d.items.map((i) => [i.table, i.code, i.name, goldenMeasure(i), i.amount, i.normalisedCode ?? "", i.codeStatus ?? "", i.scope, i.budgetUnit ?? "", i.verification].join("|")).sort(),
    projects: d.projects.map((p) => [p.level, p.unitCode, p.name, p.type, p.measure, p.amount].join("|")).sort(),
    indicators: d.indicators.map((p) => [p.subject, p.level1, p.level2, p.level3, p.value].join("|")).sort(),
    findings: d.validation.findings.map((f) => [f.rule, f.severity, f.tableKind, f.code, f.measure, f.expected, f.actual].join("|")).sort(),
    facts: { ...d.facts, sources: undefined },
    coverage: d.validation.coverage,
  };
}

for (const format of ["xlsx", "html", "docx", "zip", "xls", "doc"]) {
  const needs = format === "xls" || format === "doc";
  const skip = needs && !libreOffice ? `skipped: ${format.toUpperCase()} needs LibreOffice (soffice), not installed` : false;
  // LibreOffice writes the body rows of wide tables back (DOC → DOCX) with cells of equal width off the header grid.
  const todo = format === "doc" ? "DOC: the LibreOffice round trip writes body rows of wide tables off the header grid (economic, income, project, performance tables)" : undefined;
  test(`every sample as ${format.toUpperCase()}: the same extract as its PDF`, { skip, todo }, async () => {
    let compared = 0;
    for (const id of samples) {
      const file = path.join(documents, format, `${id}.${format}`);
      if (!existsSync(file)) continue;
      const pdf = essence(await extractDocumentFile(path.join(documents, `${id}.pdf`)));
      const other = essence(await extractDocumentFile(file));
      assert.ok(pdf.items.length > 100, `${id}: ${pdf.items.length} items`);
      assert.deepEqual(other, pdf, `${id}.${format}`);
      compared++;
    }
    assert.ok(compared >= 4, `${compared} ${format} samples compared`);
  });
}
