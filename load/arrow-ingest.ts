// An Arrow record batch into a DuckDB temp table without a call per value: the fixed-width
// columns (integers, doubles, Decimal128 as DECIMAL(38,s), dictionary indices) are copied
// buffer to vector, 2,048 rows at a time (DuckDB's data chunk), validity bitmaps likewise (Arrow's
// LSB-first bitmap is DuckDB's validity mask on a little-endian machine). Only strings are
// handed over one by one: a dictionary's distinct values, and plain string columns.
//
// @duckdb/node-api has no Arrow import, so this uses its data chunks and node-bindings'
// copy_data_to_vector (the same memory copy node-api's own appender uses).
import bindings from "@duckdb/node-bindings";
import { DuckDBDataChunk, DECIMAL, DOUBLE, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from "@duckdb/node-api";
import { Decimal, Dictionary, Float64, Int32, Utf8, type Data, type RecordBatch, type Field } from "apache-arrow";

const CHUNK = bindings.vector_size();

interface Plan { field: Field; data: Data; duck: DuckDBType; width: number | null }

const quoteId = (s: string) => `"${s.replaceAll('"', '""')}"`;

function duckType(field: Field): { duck: DuckDBType; width: number | null } {
  const t = field.type;
  if (t instanceof Dictionary || t instanceof Int32) return { duck: INTEGER, width: 4 };
  if (t instanceof Float64) return { duck: DOUBLE, width: 8 };
  if (t instanceof Decimal && t.bitWidth === 128) return { duck: DECIMAL(t.precision, t.scale), width: 16 };
  if (t instanceof Utf8) return { duck: VARCHAR, width: null };
  throw new Error(`arrow-ingest: column ${field.name} has type ${t}, which this loader does not map`);
}

function fillStrings(vector: ReturnType<typeof bindings.data_chunk_get_vector>, data: Data<Utf8>, from: number, n: number): void {
  const offsets = data.valueOffsets;
  const bytes = data.values;
  for (let i = 0; i < n; i++) {
    const r = data.offset + from + i;
    bindings.vector_assign_string_element_len(vector, i, bytes.subarray(offsets[r]!, offsets[r + 1]!));
  }
}

/** Appends rows [0, length) of the columns to `table`, whose columns have the types duckType gives. */
async function appendColumns(conn: DuckDBConnection, table: string, plans: Plan[], length: number): Promise<void> {
  const appender = await conn.createAppender(table);
  const chunk = DuckDBDataChunk.create(plans.map((p) => p.duck));
  try {
    for (let from = 0; from < length; from += CHUNK) {
      const n = Math.min(CHUNK, length - from);
      bindings.data_chunk_reset(chunk.chunk);
      plans.forEach((p, col) => {
        const vector = bindings.data_chunk_get_vector(chunk.chunk, col);
        if (p.width === null) fillStrings(vector, p.data as Data<Utf8>, from, n);
        else {
          const values = p.data.values as ArrayBufferView;
          bindings.copy_data_to_vector(vector, 0, values.buffer as ArrayBuffer, values.byteOffset + (p.data.offset + from) * p.width, n * p.width);
        }
        if (p.data.nullCount > 0 && p.data.nullBitmap) {
          if ((p.data.offset + from) % 8 !== 0) throw new Error("arrow-ingest: a sliced column with nulls must start on a byte boundary");
          bindings.vector_ensure_validity_writable(vector);
          const bitmap = p.data.nullBitmap;
          bindings.copy_data_to_vector_validity(vector, 0, bitmap.buffer as ArrayBuffer, bitmap.byteOffset + (p.data.offset + from) / 8, Math.ceil(n / 8));
        }
      });
      bindings.data_chunk_set_size(chunk.chunk, n);
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
  } catch (e) {
    try { appender.clear(); appender.closeSync(); } catch { /* already invalid */ }
    throw e;
  }
}

/**
 * Creates TEMP table `name` (dictionary columns as their INTEGER ids, each dictionary in
 * `name__column`) and appends the batch. Returns the SELECT that decodes it: every column
 * under its own name, dictionary strings looked up.
 */
export async function ingestRecordBatch(conn: DuckDBConnection, name: string, batch: RecordBatch): Promise<string> {
  const fields = batch.schema.fields;
  const plans: Plan[] = fields.map((field, i) => ({ field, data: batch.data.children[i]!, ...duckType(field) }));
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${quoteId(name)} (${plans.map((p) => `${quoteId(p.field.name)} ${p.duck.toString()}`).join(", ")})`);
  await appendColumns(conn, name, plans, batch.numRows);
  const select: string[] = [];
  const joins: string[] = [];
  for (const p of plans) {
    const col = quoteId(p.field.name);
    if (!(p.field.type instanceof Dictionary)) { select.push(`b.${col}`); continue; }
    const dictTable = quoteId(`${name}__${p.field.name}`);
    const values = p.data.dictionary!.data[0]! as Data<Utf8>;
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${dictTable} (id INTEGER, v VARCHAR)`);
    const ids = new Int32Array(values.length).map((_, k) => k);
    await appendColumns(conn, `${name}__${p.field.name}`, [
      { field: p.field, data: { values: ids, offset: 0, nullCount: 0 } as unknown as Data, duck: INTEGER, width: 4 },
      { field: p.field, data: values, duck: VARCHAR, width: null },
    ], values.length);
    const alias = `d_${joins.length}`;
    joins.push(`LEFT JOIN ${dictTable} ${alias} ON ${alias}.id = b.${col}`);
    select.push(`${alias}.v AS ${col}`);
  }
  return `SELECT ${select.join(", ")} FROM ${quoteId(name)} b ${joins.join(" ")}`;
}
