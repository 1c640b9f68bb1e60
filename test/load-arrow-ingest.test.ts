// An Arrow record batch into a DuckDB temp table (load/arrow-ingest.ts): dictionary columns
// become ENUMs of their values with the indices copied as they are, in whichever width DuckDB
// stores the ENUM (8, 16 or 32 bits); every value, NULL and quote comes back as it went in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  Data, Dictionary, Field, Int32, RecordBatch, Schema, Struct, Utf8, Vector, makeData, vectorFromArray,
} from "apache-arrow";
import { ingestRecordBatch } from "../load/arrow-ingest.ts";

const utf8 = (values: string[]) => vectorFromArray(values, new Utf8()).data[0]! as Data<Utf8>;

/** A dictionary column of `rows` rows whose row r holds dictionary entry ids[r] (null where ids[r] < 0). */
function dictionaryColumn(values: string[], ids: number[]): Data {
  const validity = new Uint8Array((ids.length + 7) >> 3);
  ids.forEach((id, r) => { if (id >= 0) validity[r >> 3]! |= 1 << (r & 7); });
  const nulls = ids.filter((id) => id < 0).length;
  return makeData({
    type: new Dictionary(new Utf8(), new Int32()), length: ids.length, data: Int32Array.from(ids, (id) => Math.max(id, 0)),
    nullCount: nulls, nullBitmap: nulls ? validity : undefined, dictionary: new Vector([utf8(values)]),
  });
}

function batchOf(columns: Record<string, Data>): RecordBatch {
  const fields = Object.entries(columns).map(([name, data]) => new Field(name, data.type, data.nullCount > 0));
  const schema = new Schema(fields);
  const length = Object.values(columns)[0]!.length;
  return new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children: Object.values(columns) }));
}

test("dictionary columns arrive as ENUMs of 8, 16 and 32 bits with every value, NULL and quote intact", async () => {
  const rows = 5000;
  const small = ["", "元", "it's", "万元"];
  const medium = Array.from({ length: 300 }, (_, i) => `代码${i}`);
  const large = Array.from({ length: 70_000 }, (_, i) => `名称 ${i}`);
  const smallIds = Array.from({ length: rows }, (_, r) => (r % 7 === 0 ? -1 : r % small.length));
  const mediumIds = Array.from({ length: rows }, (_, r) => (r * 31) % medium.length);
  const largeIds = Array.from({ length: rows }, (_, r) => (r * 7919) % large.length);
  const batch = batchOf({
    row: makeData({ type: new Int32(), length: rows, data: Int32Array.from({ length: rows }, (_, r) => r) }),
    small: dictionaryColumn(small, smallIds),
    medium: dictionaryColumn(medium, mediumIds),
    large: dictionaryColumn(large, largeIds),
    // Every row NULL: the dictionary is empty, which an ENUM cannot be.
    none: dictionaryColumn([], Array.from({ length: rows }, () => -1)),
    plain: utf8(Array.from({ length: rows }, (_, r) => `${r}.00`)),
  });
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  try {
    const select = await ingestRecordBatch(conn, "ingested", batch);
    const types = (await conn.runAndReadAll(`SELECT column_name, data_type LIKE 'ENUM(%' AS is_enum FROM information_schema.columns WHERE table_name = 'ingested' ORDER BY ordinal_position`)).getRowsJS();
    assert.deepEqual(types, [["row", false], ["small", true], ["medium", true], ["large", true], ["none", true], ["plain", false]]);
    const got = (await conn.runAndReadAll(`SELECT "row", small::VARCHAR, medium::VARCHAR, large::VARCHAR, "none"::VARCHAR, plain FROM (${select}) ORDER BY "row"`)).getRowsJS();
    assert.equal(got.length, rows);
    for (let r = 0; r < rows; r++) {
      assert.deepEqual(got[r], [r, smallIds[r]! < 0 ? null : small[smallIds[r]!], medium[mediumIds[r]!], large[largeIds[r]!], null, `${r}.00`], `row ${r}`);
    }
  } finally {
    conn.closeSync();
    db.closeSync();
  }
});

test("a dictionary that repeats a string (values that were not strings, stringified) still loads, each row its value", async () => {
  const batch = batchOf({ v: dictionaryColumn(["1", "2", "1"], [0, 1, 2, 2, 0]) });
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  try {
    const select = await ingestRecordBatch(conn, "dup", batch);
    assert.deepEqual((await conn.runAndReadAll(`SELECT v::VARCHAR FROM (${select})`)).getRowsJS().map((r) => r[0]), ["1", "2", "1", "1", "1"]);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
});
