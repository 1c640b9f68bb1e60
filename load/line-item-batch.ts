// A load's line items as one Apache Arrow record batch: one column per field, strings
// dictionary-encoded (a document's sha256, table kinds, codes, names, measures repeat), the
// amount already in exact yuan (Decimal128, scale 4, the warehouse's amount_yuan). Built in
// one pass over the items; checked once per batch against the line-item schema of
// load/input.ts — each distinct value of a column against that field's schema, each numeric
// column by its extremes — instead of parsing every row with zod. A row that fails fails its
// document (the reason names the item and the field), not the batch.
import {
  Data, Decimal, Dictionary, Field, Float64, Int32, RecordBatch, Schema, Struct, Utf8, Vector, makeData,
  type DataType,
} from "apache-arrow";
import type { z } from "zod";
import { AMOUNT_YUAN_SCALE, AMOUNT_YUAN_WIDTH, printedToScaledYuanFast } from "./amount.ts";
import { LoadLineItem } from "./input.ts";

/** One document's items, in their order (item_index = position). */
export interface BatchDocument { sha256: string; items: readonly unknown[] }

export interface ItemFailure { document: number; item: number; reason: string }

export interface LineItemBatch {
  /** Columns: see LINE_ITEM_BATCH_SCHEMA. Rows of failed documents are still in it (the stage drops them). */
  batch: RecordBatch;
  /** The first problem of each document that has one, by document position. */
  failures: Map<number, ItemFailure>;
}

const dict = () => new Dictionary(new Utf8(), new Int32());
const amountType = new Decimal(AMOUNT_YUAN_SCALE, AMOUNT_YUAN_WIDTH, 128);

/** LineItem field → batch column. `from` reads the field of an item (bbox corners are four columns). */
const COLUMNS = [
  { name: "sha256", type: dict() },
  { name: "item_index", type: new Int32() },
  { name: "table_kind", type: dict(), field: "table" },
  { name: "code", type: dict(), field: "code" },
  { name: "name", type: dict(), field: "name" },
  { name: "measure", type: dict(), field: "measure" },
  { name: "printed_amount", type: new Utf8(), field: "amount" },
  // No unit printed (table or document): the amount in yuan is unknown, never guessed.
  { name: "printed_unit", type: dict(), field: "unit", nullable: true },
  { name: "amount_yuan", type: amountType },
  { name: "page", type: new Int32(), field: "page" },
  { name: "x0", type: new Float64(), field: "bbox", corner: 0 },
  { name: "top", type: new Float64(), field: "bbox", corner: 1 },
  { name: "x1", type: new Float64(), field: "bbox", corner: 2 },
  { name: "bottom", type: new Float64(), field: "bbox", corner: 3 },
  { name: "row", type: new Int32(), field: "row" },
  { name: "col", type: new Int32(), field: "col" },
  { name: "classification", type: dict(), field: "classification", nullable: true },
  { name: "scope", type: dict(), field: "scope", nullable: true },
  { name: "budget_unit", type: dict(), field: "budgetUnit", nullable: true },
  { name: "table_index", type: new Int32(), field: "tableIndex" },
  { name: "measure_label", type: dict(), field: "measureLabel" },
  { name: "normalised_code", type: dict(), field: "normalisedCode", nullable: true },
  { name: "code_status", type: dict(), field: "codeStatus", nullable: true },
  { name: "verification", type: dict(), field: "verification" },
  // Lists (rule names, OCR flags) travel joined by LIST_SEPARATOR; the dataset SQL splits them into VARCHAR[].
  { name: "identities", type: dict(), field: "identities", list: true },
  { name: "ocr_confidence", type: new Float64(), field: "ocrConfidence", nullable: true },
  { name: "ocr_engine", type: dict(), field: "ocrEngine", nullable: true },
  { name: "ocr_second_reading", type: dict(), field: "ocrSecondReading", nullable: true },
  { name: "repaired_amount", type: dict(), field: "repairedAmount", nullable: true },
  { name: "ocr_flags", type: dict(), field: "ocrFlags", nullable: true, list: true },
] as const satisfies ReadonlyArray<{ name: string; type: DataType; field?: string; corner?: number; nullable?: boolean; list?: boolean }>;

/** Joins a list field's values in its batch column (no rule name or flag holds it). */
export const LIST_SEPARATOR = ";";

export const LINE_ITEM_BATCH_SCHEMA = new Schema(COLUMNS.map((c) => new Field(c.name, c.type, "nullable" in c && c.nullable)));

type ItemRecord = Record<string, unknown>;
const fieldSchema = (field: string) => (LoadLineItem.shape as Record<string, z.ZodType>)[field];

/** Distinct values of a column, numbered in order of appearance, each with the first row it is on. */
class DictionaryColumn {
  readonly ids: Int32Array;
  readonly values: unknown[] = [];
  readonly firstRow: number[] = [];
  private readonly index = new Map<unknown, number>();
  nulls = 0;
  readonly validity: Uint8Array;
  constructor(rows: number, readonly nullable: boolean) {
    this.ids = new Int32Array(rows);
    this.validity = new Uint8Array(nullable ? (rows + 7) >> 3 : 0);
  }
  private last: unknown = Symbol("none");
  private lastId = 0;
  set(row: number, value: unknown): void {
    if (this.nullable) {
      if (value === undefined || value === null) {
        this.nulls++;
        return; // id 0, validity bit clear
      }
      this.validity[row >> 3]! |= 1 << (row & 7);
    }
    // Runs of one value (a document's sha256, a table's kind and unit) skip the map.
    if (value === this.last) {
      this.ids[row] = this.lastId;
      return;
    }
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.index.set(value, id);
      this.values.push(value);
      this.firstRow.push(row);
    }
    this.ids[row] = id;
    this.last = value;
    this.lastId = id;
  }
}

/** A numeric column with the extremes its check needs (and a non-integer, if any, for int fields). */
class NumberColumn<A extends Int32Array | Float64Array> {
  min = Infinity;
  max = -Infinity;
  minRow = -1;
  maxRow = -1;
  /** A row whose value is not a finite number of the column's kind, if any. */
  oddRow = -1;
  oddValue: unknown;
  nulls = 0;
  readonly validity: Uint8Array;
  constructor(readonly values: A, private readonly integer: boolean, readonly nullable = false) {
    this.validity = new Uint8Array(nullable ? (values.length + 7) >> 3 : 0);
  }
  set(row: number, value: unknown): void {
    if (this.nullable) {
      if (value === undefined || value === null) { this.nulls++; return; }
      this.validity[row >> 3]! |= 1 << (row & 7);
    }
    if (typeof value !== "number" || !Number.isFinite(value) || (this.integer && !Number.isInteger(value))) {
      if (this.oddRow < 0) { this.oddRow = row; this.oddValue = value; }
      return;
    }
    this.values[row] = value;
    if (value < this.min) { this.min = value; this.minRow = row; }
    if (value > this.max) { this.max = value; this.maxRow = row; }
  }
}

function utf8Data(strings: readonly string[]): Data<Utf8> {
  const encoder = new TextEncoder();
  const offsets = new Int32Array(strings.length + 1);
  // All ASCII (printed amounts always are): one encode of the whole column, offsets from the lengths.
  const whole = encoder.encode(strings.join(""));
  let chars = 0;
  for (let i = 0; i < strings.length; i++) offsets[i + 1] = chars += strings[i]!.length;
  if (whole.length === chars) return makeData({ type: new Utf8(), length: strings.length, valueOffsets: offsets, data: whole });
  let bytes = new Uint8Array(Math.max(64, strings.length * 12));
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    // A UTF-16 unit is at most 3 UTF-8 bytes.
    if (at + s.length * 3 > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, at + s.length * 3));
      grown.set(bytes.subarray(0, at));
      bytes = grown;
    }
    at += encoder.encodeInto(s, bytes.subarray(at)).written;
    offsets[i + 1] = at;
  }
  return makeData({ type: new Utf8(), length: strings.length, valueOffsets: offsets, data: bytes.subarray(0, at) });
}

/** Writes a scaled integer into a Decimal128 slot (four little-endian 32-bit words, two's complement). */
function setDecimal(words: Uint32Array, row: number, scaled: number | bigint): void {
  const at = row * 4;
  if (typeof scaled === "number" && scaled >= 0) {
    words[at] = scaled % 0x1_0000_0000;
    words[at + 1] = Math.floor(scaled / 0x1_0000_0000);
    return;
  }
  let v = BigInt.asUintN(128, BigInt(scaled));
  for (let k = 0; k < 4; k++, v >>= 32n) words[at + k] = Number(v & 0xffff_ffffn);
}

const describe = (it: ItemRecord | undefined) =>
  `${String(it?.table ?? "?")} ${it?.code ? String(it.code) : "(total)"} ${String(it?.measure ?? "?")}`;

interface ColumnSink { set(row: number, value: unknown): void }

/**
 * `(item, row) => { columns[0].set(row, item.table); columns[1].set(row, item.code); … }` for
 * the plain fields, generated from COLUMNS: a loop over field names reads every item property
 * through one megamorphic keyed load, where each generated line has its own monomorphic named
 * load and call (a million-item batch builds in about a fifth less time). The names are
 * COLUMNS' own identifiers, never data.
 */
function plainFieldsFiller(plain: ReadonlyArray<readonly [ColumnSink, string]>): (it: ItemRecord, row: number) => void {
  for (const [, field] of plain) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`line-item-batch: field ${field} is not an identifier`);
  const body = plain.map(([, field], k) => `c[${k}].set(row, it.${field});`).join("\n");
  return new Function("c", `return function fillPlainFields(it, row) {\n${body}\n};`)(plain.map(([column]) => column)) as (it: ItemRecord, row: number) => void;
}

/** The items of the documents as one record batch, checked; see the file comment. */
export function buildLineItemBatch(documents: readonly BatchDocument[]): LineItemBatch {
  const rows = documents.reduce((n, d) => n + d.items.length, 0);
  const docOfRow = new Int32Array(rows);
  const itemOfRow = new Int32Array(rows);
  const dicts = new Map<string, DictionaryColumn>();
  const numbers = new Map<string, NumberColumn<Int32Array | Float64Array>>();
  for (const c of COLUMNS) {
    if (c.type instanceof Dictionary) dicts.set(c.name, new DictionaryColumn(rows, "nullable" in c && c.nullable));
    else if (c.type instanceof Int32) numbers.set(c.name, new NumberColumn(new Int32Array(rows), true, "nullable" in c && c.nullable));
    else if (c.type instanceof Float64) numbers.set(c.name, new NumberColumn(new Float64Array(rows), false, "nullable" in c && c.nullable));
  }
  const printed: string[] = new Array(rows);
  const amounts = new Uint32Array(rows * 4);
  const amountValidity = new Uint8Array((rows + 7) >> 3);
  let amountNulls = 0;
  const failures = new Map<number, ItemFailure>();
  const fail = (row: number, reason: string) => {
    const document = docOfRow[row]!;
    if (!failures.has(document)) failures.set(document, { document, item: itemOfRow[row]!, reason });
  };
  const rowItem = (row: number) => documents[docOfRow[row]!]!.items[itemOfRow[row]!] as ItemRecord | undefined;

  // 1. One pass: every field of every item into its column (COLUMNS maps fields to columns).
  const sha = dicts.get("sha256")!;
  const itemIndex = numbers.get("item_index")!;
  const fieldColumns = COLUMNS.filter((c): c is Extract<(typeof COLUMNS)[number], { field: string }> => "field" in c);
  type Column = DictionaryColumn | NumberColumn<Int32Array | Float64Array>;
  const columnOf = (name: string): Column | undefined => dicts.get(name) ?? numbers.get(name);
  const plain = fieldColumns.filter((c) => !("corner" in c) && !("list" in c) && columnOf(c.name)).map((c) => [columnOf(c.name)!, c.field] as const);
  const lists = fieldColumns.filter((c) => "list" in c).map((c) => [dicts.get(c.name)!, c.field] as const);
  const corners = fieldColumns.filter((c) => "corner" in c).map((c) => [columnOf(c.name)!, (c as { corner: number }).corner] as const);
  const fillPlain = plainFieldsFiller(plain);
  const none: unknown[] = [];
  let row = 0;
  for (let d = 0; d < documents.length; d++) {
    const items = documents[d]!.items;
    const docSha = documents[d]!.sha256;
    for (let i = 0; i < items.length; i++, row++) {
      docOfRow[row] = d;
      itemOfRow[row] = i;
      const it = (items[i] ?? {}) as ItemRecord;
      sha.set(row, docSha);
      itemIndex.set(row, i);
      fillPlain(it, row);
      for (let k = 0; k < lists.length; k++) {
        const [column, field] = lists[k]!;
        const v = it[field];
        if (Array.isArray(v) && v.every((x) => typeof x === "string" && !x.includes(LIST_SEPARATOR))) column.set(row, v.join(LIST_SEPARATOR));
        else if (v === undefined || v === null) column.set(row, v);
        else {
          // No list of strings: joined it would pass for one, so it is judged here, by the field's schema.
          const issue = fieldSchema(field)?.safeParse(v).error?.issues[0]?.message ?? `not a list of names without "${LIST_SEPARATOR}"`;
          fail(row, `item ${i} (${describe(it)}): ${field}: ${issue}`);
          column.set(row, "");
        }
      }
      const box = Array.isArray(it.bbox) ? (it.bbox as unknown[]) : none;
      for (let k = 0; k < corners.length; k++) corners[k]![0].set(row, box[corners[k]![1]]);
      const amount = it.amount;
      printed[row] = typeof amount === "string" ? amount : "";
      try {
        if (it.unit === "万元" || it.unit === "元") {
          setDecimal(amounts, row, printedToScaledYuanFast(printed[row]!, it.unit));
          amountValidity[row >> 3]! |= 1 << (row & 7);
        } else amountNulls++;
      } catch (e) {
        fail(row, `item ${i} (${describe(it)}): ${(e as Error).message}`);
      }
    }
  }

  // 2. Checks, once per batch: distinct values and extremes against the field schemas.
  for (const c of fieldColumns) {
    const schema = fieldSchema(c.field);
    if (!schema) continue;
    const check = (value: unknown, r: number) => {
      const asField = "corner" in c ? Array.from({ length: 4 }, () => value)
        : "list" in c && typeof value === "string" ? (value === "" ? [] : value.split(LIST_SEPARATOR)) : value;
      const parsed = schema.safeParse(asField);
      if (!parsed.success) fail(r, `item ${itemOfRow[r]} (${describe(rowItem(r))}): ${c.field}: ${parsed.error.issues[0]!.message}`);
    };
    const dictionary = dicts.get(c.name);
    if (dictionary) {
      dictionary.values.forEach((v, k) => check(v, dictionary.firstRow[k]!));
      continue;
    }
    const column = numbers.get(c.name);
    if (!column) continue; // the printed amount: checked below
    if (column.oddRow >= 0) check(column.oddValue, column.oddRow);
    if (column.minRow >= 0) check(column.min, column.minRow);
    if (column.maxRow >= 0 && column.maxRow !== column.minRow) check(column.max, column.maxRow);
  }
  // The printed amount's own format (a high-cardinality column: checked value by value, still no object parse).
  const amountSchema = fieldSchema("amount");
  if (amountSchema) for (let r = 0; r < rows; r++) {
    if (!amountSchema.safeParse(printed[r]).success && !failures.has(docOfRow[r]!)) {
      fail(r, `item ${itemOfRow[r]} (${describe(rowItem(r))}): amount: ${amountSchema.safeParse(printed[r]).error!.issues[0]!.message}`);
    }
  }

  // 3. The record batch: the columns' buffers as they are (no copy).
  const children = COLUMNS.map((c): Data => {
    if (c.name === "printed_amount") return utf8Data(printed);
    if (c.name === "amount_yuan") return makeData({ type: amountType, length: rows, data: amounts, nullCount: amountNulls, nullBitmap: amountNulls ? amountValidity : undefined });
    const dictionary = dicts.get(c.name);
    if (dictionary) {
      return makeData({
        type: c.type as Dictionary<Utf8, Int32>, length: rows, data: dictionary.ids,
        nullCount: dictionary.nulls, nullBitmap: dictionary.nullable ? dictionary.validity : undefined,
        dictionary: new Vector([utf8Data(dictionary.values.map((v) => (typeof v === "string" ? v : String(v))))]),
      });
    }
    const column = numbers.get(c.name)!;
    const validity = column.nullable && column.nulls ? { nullCount: column.nulls, nullBitmap: column.validity } : {};
    return c.type instanceof Int32
      ? makeData({ type: c.type, length: rows, data: column.values as Int32Array, ...validity })
      : makeData({ type: c.type as Float64, length: rows, data: column.values as Float64Array, ...validity });
  });
  const batch = new RecordBatch(LINE_ITEM_BATCH_SCHEMA, makeData({ type: new Struct(LINE_ITEM_BATCH_SCHEMA.fields), length: rows, nullCount: 0, children }));
  return { batch, failures };
}
