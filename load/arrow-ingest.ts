// An Arrow record batch into a DuckDB temp table without a call per value: the fixed-width
// columns (integers, doubles, Decimal128 as DECIMAL(38,s)) are copied buffer to vector, 2,048
// rows at a time (DuckDB's data chunk), validity bitmaps likewise (Arrow's LSB-first bitmap is
// DuckDB's validity mask on a little-endian machine). A dictionary column becomes an ENUM of
// its distinct values, its indices copied as the ENUM's own (narrowed to its 8, 16 or 32 bits):
// DuckDB then keeps the strings once, and its Parquet writer writes them as a dictionary page
// without hashing a value per row. Only plain string columns are handed over value by value.
//
// @duckdb/node-api has no Arrow import, so this uses its data chunks and node-bindings'
// copy_data_to_vector (the same memory copy node-api's own appender uses).
import bindings from "@duckdb/node-bindings";
import { DuckDBDataChunk, DECIMAL, DOUBLE, ENUM, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from "@duckdb/node-api";
import { Decimal, Dictionary, Float64, Int32, Utf8, type Data, type RecordBatch, type Field, type Vector } from "apache-arrow";

const CHUNK = bindings.vector_size();

interface Plan {
  field: Field;
  data: Data;
  duck: DuckDBType;
  /** Bytes per value copied as is; null: strings, one by one. */
  width: number | null;
  /** An ENUM column's indices, narrowed to its storage width (the width is found from the vector). */
  enumIds?: Int32Array;
}

const quoteId = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** A dictionary's strings, each once (ENUM members are unique), and the ids remapped if any repeated. */
function enumMembers(data: Data): { values: string[]; ids: Int32Array } {
  const raw = [...(data.dictionary! as Vector<Utf8>)] as string[];
  const ids = (data.values as Int32Array).subarray(data.offset, data.offset + data.length);
  const first = new Map<string, number>();
  const remap = raw.map((v) => { let k = first.get(v); if (k === undefined) first.set(v, (k = first.size)); return k; });
  // DuckDB's ENUM needs a member even when every row is NULL.
  const values = first.size ? [...first.keys()] : [""];
  if (first.size === raw.length) return { values, ids };
  return { values, ids: ids.map((id) => remap[id] ?? 0) };
}

function duckType(field: Field, data: Data): Pick<Plan, "duck" | "width" | "enumIds"> {
  const t = field.type;
  if (t instanceof Dictionary) {
    const { values, ids } = enumMembers(data);
    return { duck: ENUM(values), width: 0, enumIds: ids };
  }
  if (t instanceof Int32) return { duck: INTEGER, width: 4 };
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
  // ENUM indices in the storage width DuckDB chose for each (uint8, uint16 or uint32).
  const narrowed = plans.map((p, col) => {
    if (!p.enumIds) return null;
    const internal = bindings.enum_internal_type(bindings.vector_get_column_type(bindings.data_chunk_get_vector(chunk.chunk, col)));
    const ids = p.enumIds;
    if (internal === bindings.Type.UTINYINT) return { bytes: Uint8Array.from(ids), width: 1 };
    if (internal === bindings.Type.USMALLINT) return { bytes: Uint16Array.from(ids), width: 2 };
    return { bytes: Uint32Array.from(ids), width: 4 };
  });
  try {
    for (let from = 0; from < length; from += CHUNK) {
      const n = Math.min(CHUNK, length - from);
      bindings.data_chunk_reset(chunk.chunk);
      plans.forEach((p, col) => {
        const vector = bindings.data_chunk_get_vector(chunk.chunk, col);
        const e = narrowed[col];
        if (e) bindings.copy_data_to_vector(vector, 0, e.bytes.buffer as ArrayBuffer, e.bytes.byteOffset + from * e.width, n * e.width);
        else if (p.width === null) fillStrings(vector, p.data as Data<Utf8>, from, n);
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
 * Creates TEMP table `name` (dictionary columns as ENUMs of their values) and appends the
 * batch. Returns the SELECT that reads it, every column under its own name.
 */
export async function ingestRecordBatch(conn: DuckDBConnection, name: string, batch: RecordBatch): Promise<string> {
  const plans: Plan[] = batch.schema.fields.map((field, i) => {
    const data = batch.data.children[i]!;
    return { field, data, ...duckType(field, data) };
  });
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${quoteId(name)} (${plans.map((p) => `${quoteId(p.field.name)} ${p.duck.toString()}`).join(", ")})`);
  await appendColumns(conn, name, plans, batch.numRows);
  return `SELECT ${plans.map((p) => quoteId(p.field.name)).join(", ")} FROM ${quoteId(name)}`;
}
