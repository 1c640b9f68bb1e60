// Input preparation: each input of a load checked (its envelope; the items are checked by the
// batch, line-item-batch.ts), its source resolved, its project amounts converted and the
// items its findings point at kept within the items. Pure: no DuckDB here.
import { DuckDBDecimalValue } from "@duckdb/node-api";
import { AMOUNT_YUAN_SCALE, AMOUNT_YUAN_WIDTH, printedToScaledYuan } from "./amount.ts";
import {
  FailedDocument, LoadableEnvelope, SourceMeta, isFailed, type LoadInput, type ParsedDocument,
} from "./input.ts";

export interface PreparedOk {
  kind: "ok";
  doc: ParsedDocument;
  source: SourceMeta;
  projectAmounts: (DuckDBDecimalValue | null)[];
  findingItems: number[][];
}
export interface PreparedFailed {
  kind: "failed";
  doc: { docId: string; file: string; sha256: string; format: string; pageCount: number | null; error: string };
  source: SourceMeta;
}
export type Prepared = PreparedOk | PreparedFailed;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const decimalValue = (printed: string, unit: "元" | "万元") =>
  new DuckDBDecimalValue(printedToScaledYuan(printed, unit), AMOUNT_YUAN_WIDTH, AMOUNT_YUAN_SCALE);

/** A document that failed in the loader (amounts, items): recorded as a failed document. */
export function failedInLoad(p: Prepared, reason: string): PreparedFailed {
  const d = p.doc;
  return { kind: "failed", source: p.source, doc: { docId: d.docId, file: d.file, sha256: d.sha256, format: d.format, pageCount: d.pageCount, error: `load failed: ${reason}` } };
}

/** Which items each finding points at: the transform names them (Finding.items); indexes past the items are dropped. */
const findingItemIndexes = (doc: ParsedDocument): number[][] =>
  doc.validation.findings.map((f) => f.items.filter((i) => i < doc.items.length));

/** Checks and converts one input; a bad project amount turns the document into a failed one. */
export function prepare(input: LoadInput, sources: Record<string, SourceMeta> | undefined): Prepared {
  if (isFailed(input)) {
    const f = FailedDocument.parse(input);
    return { kind: "failed", doc: f, source: SourceMeta.parse(f.source ?? sources?.[f.sha256] ?? {}) };
  }
  const doc = LoadableEnvelope.parse(input) as unknown as ParsedDocument;
  const source = SourceMeta.parse(doc.source ?? sources?.[doc.sha256] ?? {});
  const ok: PreparedOk = { kind: "ok", doc, source, projectAmounts: [], findingItems: [] };
  try {
    ok.projectAmounts = doc.projects.map((p, i) => {
      try {
        // Without a printed unit the amount in yuan is unknown: NULL, never read as 元.
        return p.amount != null && p.unit ? decimalValue(p.amount, p.unit) : null;
      } catch (e) {
        throw new Error(`project ${i} (${p.name}): ${message(e)}`);
      }
    });
    ok.findingItems = findingItemIndexes(doc);
    return ok;
  } catch (e) {
    return failedInLoad(ok, message(e));
  }
}
