// Input preparation: each input of a load checked (its envelope; the items are checked by the
// batch, line-item-batch.ts), its source resolved, its project amounts converted and the
// cells its findings point at matched to its items. Pure: no DuckDB here.
import { DuckDBDecimalValue } from "@duckdb/node-api";
import { AMOUNT_YUAN_SCALE, AMOUNT_YUAN_WIDTH, printedToScaledYuan } from "./amount.ts";
import {
  FailedDocument, LoadableEnvelope, SourceMeta, fromTransformShapes, isFailed, type LoadInput, type ParsedDocument,
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

type CellRef = number | { item?: number; page?: number | null; row?: number; col?: number; bbox?: number[] | null };

/** Which items each finding points at: by index, by grid position, or by the page and bbox of its cell. */
function findingItemIndexes(doc: ParsedDocument): number[][] {
  const items = doc.items as Array<Partial<ParsedDocument["items"][number]>>;
  const byCell = new Map<string, number>(items.map((it, i) => [`${it.page}/${it.row}/${it.col}`, i]));
  const bboxKey = (page: number, b: readonly number[]) => `${page}/${Math.round(b[0]!)}/${Math.round(b[1]!)}/${Math.round(b[2]!)}`;
  const byBbox = new Map<string, number>(items.flatMap((it, i) => (it.page != null && Array.isArray(it.bbox) ? [[bboxKey(it.page, it.bbox), i] as const] : [])));
  return (doc.findings ?? []).map((f) =>
    f.cells.flatMap((c) => {
      const cell = c as CellRef;
      const i: number | undefined =
        typeof cell === "number" ? cell
        : cell.item !== undefined ? cell.item
        : cell.bbox && cell.page != null ? byBbox.get(bboxKey(cell.page, cell.bbox))
        : byCell.get(`${cell.page}/${cell.row}/${cell.col}`);
      return i !== undefined && i < items.length ? [i] : [];
    }),
  );
}

/** Checks and converts one input; a bad project amount turns the document into a failed one. */
export function prepare(input: LoadInput, sources: Record<string, SourceMeta> | undefined): Prepared {
  if (isFailed(input)) {
    const f = FailedDocument.parse(input);
    return { kind: "failed", doc: f, source: SourceMeta.parse(f.source ?? sources?.[f.sha256] ?? {}) };
  }
  const doc = LoadableEnvelope.parse(fromTransformShapes(input)) as unknown as ParsedDocument;
  const source = SourceMeta.parse(doc.source ?? sources?.[doc.sha256] ?? {});
  const ok: PreparedOk = { kind: "ok", doc, source, projectAmounts: [], findingItems: [] };
  try {
    ok.projectAmounts = doc.projects.map((p, i) => {
      try {
        return p.amount != null ? decimalValue(p.amount, p.unit ?? "元") : null;
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
