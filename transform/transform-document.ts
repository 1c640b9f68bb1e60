// The transform of one document, whatever its format: the reader's tables and text →
// recognised standard tables, the document's facts, line items (codes normalised in the
// fiscal year), projects, indicators, validation (identities, narrative, completeness), OCR
// repairs and each number's verification — the extract the load takes (transform/contract).
import { ReaderOutput } from "../extract/reader-output.ts";
import type { z } from "zod";
import { DocumentExtract, Finding, firstIssue, type DocumentFormat, type DocumentTable, type FindingInput, type LineItem, type TableCoverage, type TableKind } from "./contract/index.ts";
import { recogniseTables, type RecognisedTable } from "./recognise-tables.ts";
import { documentDetails, documentLineItems, documentUnit } from "./document-line-items.ts";
import { documentFacts, missingFacts } from "./document-facts.ts";
import { validateDocument } from "./validate/validate-document.ts";
import { listedTables } from "./validate/table-list-checks.ts";
import { applyOcrRepairs } from "./validate/apply-repairs.ts";
import { markOcrItems } from "./ocr-items.ts";
import { verifiedShare, verifyItems } from "./verify-items.ts";
import { requiredKinds, TABLE_KIND_IDS } from "./table-kind-registry.ts";
import { emptyReason } from "./empty-reason.ts";
import { undecodableText } from "./undecodable-text.ts";
import { checkKindSignatures } from "./kind-signatures.ts";

export interface DocumentId { docId: string; file: string; sha256: string; format: DocumentFormat }

export interface TransformOptions {
  /** Pages whose text names the document (cover, compiling unit) when the format has pages. */
  coverPages: number;
}
export const DEFAULT_TRANSFORM_OPTIONS: TransformOptions = { coverPages: 2 };

export interface TransformedDocument {
  extract: DocumentExtract;
  /** The recognised tables with their grids and layouts (for `tables` and debugging). */
  recognised: RecognisedTable[];
}

/** Transforms a reader's output; throws an Error (one line) when the document cannot be used. */
export function transformDocument(output: ReaderOutput, id: DocumentId, o: TransformOptions = DEFAULT_TRANSFORM_OPTIONS): TransformedDocument {
  const parsed = ReaderOutput.safeParse(output);
  if (!parsed.success) throw new Error(`the reader's output does not fit the Table IR ${firstIssue(parsed.error)}`);
  const read = parsed.data;
  const recognised = recogniseTables(read.tables);
  const kindFindings = checkKindSignatures(recognised);
  const garbled = undecodableText(recognised);
  if (garbled) throw new Error(garbled);

  const coverLines = read.coverLines.length ? read.coverLines : read.pageText.slice(0, o.coverPages).flatMap((p) => p.text.split("\n"));
  const facts = documentFacts({
    coverLines,
    textLines: read.pageText.slice(o.coverPages).flatMap((p) => p.text.split("\n")),
    titles: recognised.map((t) => t.title),
    tableLines: recognised.flatMap((t) => t.table.before),
    amountUnit: documentUnit(recognised),
  });
  // A unit's own document (facts.level = unit): its tables are the document's own (scope department); only
  // a unit's table printed inside a department's document is scope unit, its numbers already in the department's.
  if (facts.level === "unit") for (const t of recognised) { t.scope = "department"; t.unitName = null; }

  const validation = validateDocument({ tables: recognised, pageText: read.pageText, facts });
  const drafts = applyOcrRepairs(markOcrItems(documentLineItems(recognised, facts.fiscalYear), recognised), validation.findings);
  const items = verifyItems(drafts, validation.outcomes);
  const coverage = tableCoverage(recognised, read.pageText, facts.phase, facts.fiscalYear);
  const at = cellItems(items);
  const findings = [...kindFindings, ...validation.findings, ...coverageFindings(coverage, recognised, validation.findings)].map((f) => locate(f, at));
  const status = findings.length === 0 ? "consistent" : findings.every((f) => f.severity === "rounding") ? "rounding" : "inconsistent";
  const missing = missingFacts(facts);

  const extract = checked({
    ...id,
    pageCount: read.pageCount,
    facts,
    pageText: read.pageText,
    tables: recognised.map(documentTable),
    items,
    ...documentDetails(recognised),
    validation: { findings, checked: validation.checked, status, coverage, verifiedShare: verifiedShare(items) },
    notes: [...read.notes, ...(missing.length ? [`no evidence in the document for its ${missing.join(", ")} (left empty)`] : [])],
    emptyReason: items.length ? null : emptyReason(read, recognised),
  });
  return { extract, recognised };
}

/** The extract as the contract defines it; a field that does not fit fails this document, named. */
function checked(extract: z.input<typeof DocumentExtract>): DocumentExtract {
  const parsed = DocumentExtract.safeParse(extract);
  if (!parsed.success) throw new Error(`the extract does not fit the contract ${firstIssue(parsed.error)}`);
  return parsed.data;
}

function documentTable(t: RecognisedTable): DocumentTable {
  return {
    kind: t.kind, title: t.title, unit: t.unit, pages: t.pages, method: t.table.method, engine: t.table.engine ?? null, nRows: t.table.nRows, nCols: t.table.nCols,
    headers: t.headers, empty: t.empty, scope: t.scope, unitName: t.unitName || null, notes: t.notes,
  };
}

/** The standard tables its phase and year require, and those its 目录 lists, against those found. */
function tableCoverage(tables: RecognisedTable[], pageText: ReaderOutput["pageText"], phase: "budget" | "final" | null, year: number | null): TableCoverage {
  const present = new Set(tables.map((t) => t.kind));
  const listed = new Set<TableKind>([...(phase && year ? requiredKinds(phase, year) : []), ...listedTables(pageText).map((l) => l.kind)]);
  // In the registry's order, whatever the order of the pages.
  const found = TABLE_KIND_IDS.filter((k) => present.has(k));
  const expected = TABLE_KIND_IDS.filter((k) => listed.has(k));
  return { expected, found, missing: expected.filter((k) => !present.has(k)) };
}

/**
 * A required standard table neither found nor published empty is a finding (one the 目录
 * lists is already one, with the line that lists it). Not for a document of no standard
 * table at all (a narrative published apart from its tables): its emptyReason says so.
 */
function coverageFindings(c: TableCoverage, tables: RecognisedTable[], findings: FindingInput[]): FindingInput[] {
  if (!tables.some((t) => t.kind)) return [];
  const listed = new Set(findings.filter((f) => f.rule === "listed_table_present").map((f) => f.expected));
  return c.missing.filter((k) => !listed.has(k)).map((kind) => ({
    rule: "required_table_present", severity: "warning" as const,
    message: `no ${kind} table found: the national rules require it of every document of this phase and year (or its publication empty)`,
    expected: kind, actual: null, cells: [], tableKind: kind,
  }));
}

/** Line items by the page and bbox of their amount cell (a finding's cells are located by these). */
function cellItems(items: LineItem[]): Map<string, number[]> {
  const at = new Map<string, number[]>();
  items.forEach((i, n) => { const k = `${i.page}|${i.bbox.join(",")}`; at.set(k, [...(at.get(k) ?? []), n]); });
  return at;
}

/** A finding with the kind, code and measure of its first table cell and the items its cells are. */
function locate(f: FindingInput, at: Map<string, number[]>): Finding {
  const first = f.cells.find((c) => c.table !== "narrative");
  const indices = [...new Set(f.cells.flatMap((c) => (c.page !== null && c.bbox ? at.get(`${c.page}|${c.bbox.join(",")}`) ?? [] : [])))];
  return Finding.parse({
    ...f,
    tableKind: f.tableKind ?? first?.table ?? null,
    code: f.code ?? first?.code ?? null,
    measure: f.measure ?? first?.measure ?? null,
    items: indices,
  });
}
