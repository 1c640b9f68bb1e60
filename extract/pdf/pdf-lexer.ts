// A forward scan of a PDF's bytes that finds every stream with its dictionary and every
// small object, without the cross-reference table (which hostile and broken files get
// wrong) and without a tree: the objects are read one after another, the data of each
// stream skipped. It is what the inflation guard (stream-inflation.ts) needs to count what
// the streams decode to before pdf.js decodes any of them. Iterative: nesting costs a
// counter, not the call stack.
import type { ReadBudget } from "../readers/read-budget.ts";

export type PdfValue = number | boolean | null | string | PdfName | PdfRef | PdfValue[] | PdfDict | PdfString;
export class PdfName { constructor(readonly name: string) {} }
export class PdfRef { constructor(readonly num: number, readonly gen: number) {} }
export class PdfString { constructor(readonly bytes: Buffer) {} }
export type PdfDict = Map<string, PdfValue>;

export interface PdfStream {
  /** Object number and generation of the object holding the stream (null when not inside `N G obj`). */
  num: number | null;
  gen: number;
  dict: PdfDict;
  /** The raw data: [start, end) in the file. */
  start: number;
  end: number;
}

export interface ScannedPdf {
  streams: PdfStream[];
  /** Objects whose value is a dictionary or a number, by object number (the last definition wins, as in an update). */
  objects: Map<number, PdfDict | number>;
  /** Trailer dictionaries, in file order (xref stream dictionaries included). */
  trailers: PdfDict[];
}

/** Containers nested deeper than this are still matched but their values are not kept. */
const MAX_KEPT_DEPTH = 64;
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const isRegular = (c: number) => !WHITESPACE.has(c) && !DELIMITERS.has(c);

interface Container { kind: "dict" | "array"; items: PdfValue[]; kept: boolean }

export function scanPdf(b: Buffer, budget?: ReadBudget): ScannedPdf {
  const streams: PdfStream[] = [];
  const objects = new Map<number, PdfDict | number>();
  const trailers: PdfDict[] = [];
  const stack: Container[] = [];
  /** The last top-level values (for `N G obj`, `N G R` and the dictionary before `stream`). */
  const recent: PdfValue[] = [];
  let obj: { num: number; gen: number } | null = null;
  let objValue: PdfValue | undefined;
  let trailerNext = false;
  let p = 0;
  const n = b.length;
  const where = () => `PDF objects at byte ${p}`;

  const emit = (v: PdfValue) => {
    const top = stack[stack.length - 1];
    if (top) { if (top.kept) top.items.push(v); return; }
    recent.push(v);
    if (recent.length > 3) recent.shift();
    if (obj && objValue === undefined) objValue = v;
    if (trailerNext && v instanceof Map) { trailers.push(v); trailerNext = false; }
  };
  const keyword = (word: string) => {
    const top = stack[stack.length - 1];
    if (word === "R") {
      const list = top ? top.items : recent;
      const gen = list[list.length - 1], num = list[list.length - 2];
      if (typeof gen === "number" && typeof num === "number" && (!top || top.kept)) {
        list.length -= 2;
        emit(new PdfRef(num, gen));
      }
      return;
    }
    if (top) { if (top.kept) top.items.push(word === "true" ? true : word === "false" ? false : null); return; }
    if (word === "obj") {
      const gen = recent[recent.length - 1], num = recent[recent.length - 2];
      obj = typeof num === "number" && typeof gen === "number" ? { num, gen } : null;
      objValue = undefined;
      recent.length = 0;
    } else if (word === "endobj") {
      if (obj && (objValue instanceof Map || typeof objValue === "number")) objects.set(obj.num, objValue);
      obj = null;
    } else if (word === "stream") {
      const dict = recent[recent.length - 1];
      p = skipEol(b, p);
      const start = p;
      // A direct /Length that lands on "endstream" is believed; else the next "endstream" ends the data.
      const length = dict instanceof Map ? dict.get("Length") : undefined;
      const byLength = typeof length === "number" && length >= 0 ? endstreamAt(b, start + length) : -1;
      const found = byLength >= 0 ? byLength : b.indexOf("endstream", start, "latin1");
      const stop = found < 0 ? n : found;
      if (dict instanceof Map) {
        streams.push({ num: obj?.num ?? null, gen: obj?.gen ?? 0, dict, start, end: byLength >= 0 ? start + (length as number) : trimEol(b, start, stop) });
        if (obj && dict.get("Type") instanceof PdfName && (dict.get("Type") as PdfName).name === "XRef") trailers.push(dict);
      }
      p = found < 0 ? n : found + "endstream".length;
      if (obj && objValue === undefined) objValue = null;
    } else if (word === "trailer") trailerNext = true;
    else if (word === "xref") recent.length = 0;
  };

  while (p < n) {
    budget?.tick(where);
    const c = b[p]!;
    if (WHITESPACE.has(c)) { p++; continue; }
    if (c === 0x25 /* % */) { while (p < n && b[p] !== 0x0a && b[p] !== 0x0d) p++; continue; }
    if (c === 0x3c /* < */ && b[p + 1] === 0x3c) {
      stack.push({ kind: "dict", items: [], kept: stack.length < MAX_KEPT_DEPTH });
      p += 2;
      continue;
    }
    if (c === 0x3e /* > */ && b[p + 1] === 0x3e) {
      p += 2;
      const top = stack.pop();
      if (top?.kind === "dict") emit(top.kept ? toDict(top.items) : null);
      continue;
    }
    if (c === 0x5b /* [ */) { stack.push({ kind: "array", items: [], kept: stack.length < MAX_KEPT_DEPTH }); p++; continue; }
    if (c === 0x5d /* ] */) {
      p++;
      const top = stack.pop();
      if (top?.kind === "array") emit(top.kept ? top.items : null);
      continue;
    }
    if (c === 0x28 /* ( */) { const [s, next] = literalString(b, p); emit(new PdfString(s)); p = next; continue; }
    if (c === 0x3c /* < */) {
      const close = b.indexOf(0x3e, p + 1);
      const end = close < 0 ? n : close;
      emit(new PdfString(Buffer.from(b.toString("latin1", p + 1, end).replace(/[^0-9a-fA-F]/g, "").padEnd(2, "0"), "hex")));
      p = end + 1;
      continue;
    }
    if (c === 0x2f /* / */) {
      let q = p + 1;
      while (q < n && isRegular(b[q]!)) q++;
      emit(new PdfName(b.toString("latin1", p + 1, q).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))));
      p = q;
      continue;
    }
    if (!isRegular(c)) { p++; continue; } // a stray ) ] } or >
    let q = p;
    while (q < n && isRegular(b[q]!)) q++;
    const word = b.toString("latin1", p, q);
    p = q;
    const num = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) ? Number(word) : NaN;
    if (!Number.isNaN(num)) emit(num);
    else keyword(word);
  }
  return { streams, objects, trailers };
}

function toDict(items: PdfValue[]): PdfDict {
  const d: PdfDict = new Map();
  for (let i = 0; i + 1 < items.length; i += 2) {
    const k = items[i];
    if (k instanceof PdfName) d.set(k.name, items[i + 1]!);
  }
  return d;
}

/** A literal string from "(" (escapes and balanced parentheses), and the position after it. */
function literalString(b: Buffer, from: number): [Buffer, number] {
  let depth = 0;
  let q = from;
  const out: number[] = [];
  for (; q < b.length; q++) {
    const c = b[q]!;
    if (c === 0x5c /* \ */) {
      const e = b[++q] ?? 0;
      if (e >= 0x30 && e <= 0x37) {
        // \ddd: up to three octal digits.
        let v = 0, k = 0;
        while (k < 3 && (b[q] ?? 0) >= 0x30 && b[q]! <= 0x37) { v = v * 8 + b[q]! - 0x30; q++; k++; }
        q--;
        out.push(v & 0xff);
      } else if (e === 0x0d) { if (b[q + 1] === 0x0a) q++; } // line continuation
      else if (e !== 0x0a) out.push(escaped(e));
      continue;
    }
    if (c === 0x28) { if (depth++ > 0) out.push(c); continue; }
    if (c === 0x29) { if (--depth === 0) return [Buffer.from(out), q + 1]; out.push(c); continue; }
    // Only short strings are kept (IDs, keys): a long one is skipped, not copied.
    if (out.length < 1024) out.push(c);
  }
  return [Buffer.from(out), b.length];
}

function escaped(c: number): number {
  switch (c) {
    case 0x6e: return 0x0a;
    case 0x72: return 0x0d;
    case 0x74: return 0x09;
    case 0x62: return 0x08;
    case 0x66: return 0x0c;
    default: return c;
  }
}

/** Where "endstream" starts if it follows `at` after an end of line at most, else -1. */
export function endstreamAt(b: Buffer, at: number): number {
  if (at > b.length) return -1;
  let q = at;
  while (q < b.length && q < at + 4 && (b[q] === 0x0a || b[q] === 0x0d || b[q] === 0x20)) q++;
  return b.toString("latin1", q, q + 9) === "endstream" ? q : -1;
}

function skipEol(b: Buffer, p: number): number {
  while (p < b.length && (b[p] === 0x20 || b[p] === 0x09)) p++;
  if (b[p] === 0x0d) p++;
  if (b[p] === 0x0a) p++;
  return p;
}

function trimEol(b: Buffer, start: number, end: number): number {
  let e = end;
  while (e > start && (b[e - 1] === 0x0a || b[e - 1] === 0x0d)) e--;
  return e;
}

/** The value `v`, or the object it refers to. */
export function resolve(v: PdfValue | undefined, objects: ScannedPdf["objects"]): PdfValue | undefined {
  return v instanceof PdfRef ? objects.get(v.num) : v;
}

export const nameOf = (v: PdfValue | undefined) => (v instanceof PdfName ? v.name : undefined);
