// Staging: a load's rows in DuckDB temp tables, from which the lake's Parquet files are
// written and the warehouse's tables filled. Line items arrive as one Arrow record batch
// (line-item-batch.ts, arrow-ingest.ts); the document-level rows (documents, tables, projects,
// indicators, findings: a few per document) through appenders.
import { createHash } from "node:crypto";
import { INTEGER, LIST, VARCHAR, listValue, type DuckDBConnection } from "@duckdb/node-api";
import type { RecordBatch } from "apache-arrow";
import { ingestRecordBatch } from "./arrow-ingest.ts";
import { appendNullable, appendRows, tsValue } from "./duckdb-util.ts";
import type { Prepared, PreparedOk } from "./prepare.ts";

/** Stable id of a department or unit: its region and name. */
export function departmentId(name: string, regionKey: string | null): string {
  return createHash("sha256").update(`${regionKey ?? ""}|${name}`).digest("hex").slice(0, 16);
}

export const STAGE_DDL = [
  `CREATE OR REPLACE TEMP TABLE stage_docs (sha256 VARCHAR, fiscal_year INTEGER, province VARCHAR)`,
  // One row per document of the batch (ok and failed), in documents' column names.
  `CREATE OR REPLACE TEMP TABLE stage_batch (sha256 VARCHAR, doc_id VARCHAR, document_key VARCHAR, url VARCHAR,
     source VARCHAR, fetched_at TIMESTAMPTZ, file VARCHAR, format VARCHAR, page_count INTEGER, department VARCHAR,
     level VARCHAR, department_id VARCHAR, region_code VARCHAR, province VARCHAR, city VARCHAR, county VARCHAR,
     fiscal_year INTEGER, phase VARCHAR, amount_unit VARCHAR, status VARCHAR, error VARCHAR, warnings VARCHAR[],
     validated BOOLEAN, table_count INTEGER, item_count INTEGER)`,
  `CREATE OR REPLACE TEMP TABLE stage_tables AS SELECT * FROM document_tables LIMIT 0`,
  `CREATE OR REPLACE TEMP TABLE stage_regions AS SELECT * FROM regions LIMIT 0`,
  `CREATE OR REPLACE TEMP TABLE stage_projects AS SELECT * FROM fact_projects LIMIT 0`,
  `CREATE OR REPLACE TEMP TABLE stage_performance AS SELECT * FROM fact_performance_indicators LIMIT 0`,
  `CREATE OR REPLACE TEMP TABLE stage_findings AS SELECT * FROM validation_findings LIMIT 0`,
];

/**
 * The batch's line items as stage_line_items (the documents of stage_docs, the ok ones, only):
 * the record batch ingested column by column (dictionary columns as ENUMs), and a view over it
 * (read once, by the line_items dataset: dataset-sql.ts).
 */
export async function stageLineItems(conn: DuckDBConnection, batch: RecordBatch): Promise<void> {
  const decode = await ingestRecordBatch(conn, "stage_items_raw", batch);
  await conn.run(`CREATE OR REPLACE TEMP VIEW stage_line_items AS
    SELECT * FROM (${decode}) WHERE sha256 IN (SELECT sha256 FROM stage_docs)`);
}

export async function stageDocuments(conn: DuckDBConnection, prepared: readonly Prepared[]): Promise<void> {
  const oks = prepared.filter((p): p is PreparedOk => p.kind === "ok");
  await appendRows(conn, "stage_docs", oks, (a, p) => {
    a.appendVarchar(p.doc.sha256);
    appendNullable(a, p.doc.facts.fiscalYear, (v) => a.appendInteger(v));
    appendNullable(a, p.doc.facts.region.province, (v) => a.appendVarchar(v));
    a.endRow();
  });
  await appendRows(conn, "stage_batch", prepared, (a, p) => {
    const facts = p.kind === "ok" ? p.doc.facts : null;
    const region = facts?.region;
    const regionKey = region?.adminCode ?? region?.province ?? null;
    const str = (v: string | null | undefined) => appendNullable(a, v, (x) => a.appendVarchar(x));
    const int = (v: number | null | undefined) => appendNullable(a, v, (x) => a.appendInteger(x));
    str(p.doc.sha256); str(p.doc.docId); str(p.source.url ?? p.doc.docId); str(p.source.url); str(p.source.source);
    appendNullable(a, p.source.fetchedAt, (x) => a.appendTimestampTZ(tsValue(new Date(x))));
    str(p.doc.file); str(p.doc.format); int(p.doc.pageCount);
    str(facts?.department); str(facts?.level);
    str(facts?.department ? departmentId(facts.department, regionKey) : null);
    str(region?.adminCode); str(region?.province); str(region?.city); str(region?.county);
    int(facts?.fiscalYear); str(facts?.phase); str(facts?.amountUnit);
    str(p.kind); str(p.kind === "failed" ? p.doc.error : null);
    // The reader's and transform's notes, and why a document yields no line items, are its warnings.
    a.appendList(listValue(p.kind === "ok" ? [...p.doc.notes, ...(p.doc.emptyReason ? [`no line items: ${p.doc.emptyReason}`] : [])] : []), LIST(VARCHAR));
    // Every extract has been through the identities (DocumentExtract.validation): validated = loaded ok.
    a.appendBoolean(p.kind === "ok");
    int(p.kind === "ok" ? p.doc.tables.length : 0); int(p.kind === "ok" ? p.doc.items.length : 0);
    a.endRow();
  });
  const tables = oks.flatMap((p) => {
    const perKind = new Map<string, number>();
    for (const it of p.doc.items as Array<{ table?: string }>) perKind.set(it.table ?? "", (perKind.get(it.table ?? "") ?? 0) + 1);
    return p.doc.tables.map((t, i) => ({ p, t, i, items: t.kind ? (perKind.get(t.kind) ?? 0) : 0 }));
  });
  await appendRows(conn, "stage_tables", tables, (a, { p, t, i, items }) => {
    a.appendVarchar(p.doc.sha256);
    a.appendInteger(i);
    appendNullable(a, t.kind, (v) => a.appendVarchar(v));
    a.appendVarchar(t.title);
    appendNullable(a, t.unit, (v) => a.appendVarchar(v));
    appendNullable(a, t.pages[0] ?? null, (v) => a.appendInteger(v));
    a.appendList(listValue(t.pages), LIST(INTEGER));
    a.appendBoolean(t.empty);
    a.appendInteger(items);
    a.endRow();
  });
}

/** Projects, performance indicators and validation findings of the ok documents. */
export async function stageExtras(conn: DuckDBConnection, oks: readonly PreparedOk[]): Promise<void> {
  const projects = oks.flatMap((p) => p.doc.projects.map((row, i) => ({ p, row, i })));
  await appendRows(conn, "stage_projects", projects, (a, { p, row, i }) => {
    // fact_projects' code and category are the project table's unit code and type; fund and functional code are not printed there.
    const { name, unitCode, type, measure, amount, unit, page, ...rest } = row;
    a.appendVarchar(p.doc.sha256);
    a.appendInteger(i);
    appendNullable(a, name, (s) => a.appendVarchar(s));
    for (const v of [unitCode, type, null, null, measure, amount, unit]) appendNullable(a, v ?? null, (s) => a.appendVarchar(s));
    appendNullable(a, p.projectAmounts[i] ?? null, (v) => a.appendDecimal(v));
    appendNullable(a, page ?? null, (v) => a.appendInteger(v));
    a.appendVarchar(JSON.stringify(rest));
    a.endRow();
  });
  const perf = oks.flatMap((p) => p.doc.indicators.map((row, i) => ({ p, row, i })));
  await appendRows(conn, "stage_performance", perf, (a, { p, row, i }) => {
    const { subject: project, level1, level2, level3: indicator, value: target, page, ...rest } = row;
    a.appendVarchar(p.doc.sha256);
    a.appendInteger(i);
    for (const v of [project, level1, level2]) appendNullable(a, v ?? null, (s) => a.appendVarchar(s));
    a.appendVarchar(indicator);
    appendNullable(a, target ?? null, (s) => a.appendVarchar(s));
    appendNullable(a, page ?? null, (v) => a.appendInteger(v));
    a.appendVarchar(JSON.stringify(rest));
    a.endRow();
  });
  const findings = oks.flatMap((p) => p.doc.validation.findings.map((f, i) => ({ p, f, i })));
  await appendRows(conn, "stage_findings", findings, (a, { p, f, i }) => {
    a.appendVarchar(p.doc.sha256);
    a.appendInteger(i);
    a.appendVarchar(f.rule);
    a.appendVarchar(f.severity);
    for (const v of [f.message, f.tableKind, f.code, f.measure, f.expected, f.actual]) appendNullable(a, v ?? null, (s) => a.appendVarchar(s));
    a.appendList(listValue(p.findingItems[i]!), LIST(INTEGER));
    a.appendVarchar(JSON.stringify(f.cells));
    a.endRow();
  });
}
