// The PDF stream filters that expand data, as chunk-by-chunk decoders (async generators of
// Buffers) that never hold a stream's output: the inflation guard counts what comes out
// and stops at its limit. Each decoder ends where pdf.js's would stop — at the data's end
// or at the first byte it cannot decode — so a bomb followed by garbage is still counted.
import { createInflate, constants } from "node:zlib";
import { Readable } from "node:stream";

export type Chunks = AsyncIterable<Buffer>;
/** Output is handed on in pieces of at most this size (a code of LZW or RunLength expands). */
const PIECE = 64 * 1024;

export async function* inflate(src: Chunks): AsyncGenerator<Buffer> {
  const z = createInflate({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: PIECE });
  const input = Readable.from(src);
  input.on("error", () => z.destroy());
  input.pipe(z);
  try {
    for await (const c of z) yield c as Buffer;
  } catch {
    // Corrupt data: decoding stops here, as pdf.js's does.
  } finally {
    input.unpipe(z);
    input.destroy();
    z.destroy();
  }
}

/** Collects output bytes and hands them on in pieces of PIECE. */
class Pieces {
  private buf = Buffer.allocUnsafe(PIECE);
  private used = 0;
  readonly ready: Buffer[] = [];
  byte(v: number): void {
    this.buf[this.used++] = v;
    if (this.used === PIECE) this.cut();
  }
  bytes(src: Uint8Array): void {
    for (let i = 0; i < src.length; i++) this.byte(src[i]!);
  }
  cut(): void {
    if (this.used === 0) return;
    this.ready.push(Buffer.from(this.buf.subarray(0, this.used)));
    this.used = 0;
  }
  *drain(): Generator<Buffer> {
    while (this.ready.length) yield this.ready.shift()!;
  }
}

export async function* lzw(src: Chunks, earlyChange = 1): AsyncGenerator<Buffer> {
  const out = new Pieces();
  // Dictionary as (prefix code, last byte, length) triples; a code's string is rebuilt backwards.
  const prefix = new Int32Array(4096), last = new Uint8Array(4096), length = new Int32Array(4096);
  for (let i = 0; i < 256; i++) { prefix[i] = -1; last[i] = i; length[i] = 1; }
  let next = 258, width = 9, prev = -1, bits = 0, nbits = 0;
  const scratch = new Uint8Array(4096);
  const emit = (code: number) => {
    const len = length[code]!;
    for (let c = code, k = len - 1; k >= 0; k--, c = prefix[c]!) scratch[k] = last[c]!;
    out.bytes(scratch.subarray(0, len));
    return scratch[0]!;
  };
  for await (const chunk of src) {
    for (let i = 0; i < chunk.length; i++) {
      bits = (bits << 8) | chunk[i]!;
      nbits += 8;
      while (nbits >= width) {
        const code = (bits >>> (nbits - width)) & ((1 << width) - 1);
        nbits -= width;
        bits &= (1 << nbits) - 1;
        if (code === 256) { next = 258; width = 9; prev = -1; continue; }
        if (code === 257) { out.cut(); yield* out.drain(); return; }
        let first: number;
        if (code < next) first = emit(code);
        else if (code === next && prev >= 0) {
          // The code being defined: prev's string plus its own first byte.
          const len = length[prev]!;
          for (let c = prev, k = len - 1; k >= 0; k--, c = prefix[c]!) scratch[k] = last[c]!;
          scratch[len] = scratch[0]!;
          out.bytes(scratch.subarray(0, len + 1));
          first = scratch[0]!;
        } else { out.cut(); yield* out.drain(); return; } // corrupt
        if (prev >= 0 && next < 4096) {
          prefix[next] = prev; last[next] = first; length[next] = Math.min(4095, length[prev]! + 1); next++;
        }
        prev = code;
        if (next + earlyChange >= 1 << width && width < 12) width++;
      }
      yield* out.drain();
    }
  }
  out.cut();
  yield* out.drain();
}

export async function* runLength(src: Chunks): AsyncGenerator<Buffer> {
  const out = new Pieces();
  let pending = -1; // a length byte waiting for its data
  let literal = 0; // literal bytes still to copy
  for await (const chunk of src) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (literal > 0) { out.byte(b); literal--; continue; }
      if (pending >= 0) {
        for (let k = 0; k < 257 - pending; k++) out.byte(b);
        pending = -1;
        continue;
      }
      if (b === 128) { out.cut(); yield* out.drain(); return; }
      if (b < 128) literal = b + 1;
      else pending = b;
    }
    yield* out.drain();
  }
  out.cut();
  yield* out.drain();
}

export async function* asciiHex(src: Chunks): AsyncGenerator<Buffer> {
  let high = -1;
  for await (const chunk of src) {
    const out: number[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === 0x3e) { if (high >= 0) out.push(high << 4); yield Buffer.from(out); return; }
      const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
      if (v < 0) continue;
      if (high < 0) high = v;
      else { out.push((high << 4) | v); high = -1; }
    }
    yield Buffer.from(out);
  }
}

export async function* ascii85(src: Chunks): AsyncGenerator<Buffer> {
  let group: number[] = [];
  const flush = (out: number[], n: number) => {
    let v = 0;
    for (let k = 0; k < 5; k++) v = v * 85 + (group[k] ?? 84);
    for (let k = 0; k < n - 1; k++) out.push((v >>> (24 - 8 * k)) & 0xff);
    group = [];
  };
  for await (const chunk of src) {
    const out: number[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === 0x7e) { if (group.length) flush(out, group.length); yield Buffer.from(out); return; }
      if (c === 0x7a && group.length === 0) { out.push(0, 0, 0, 0); continue; }
      if (c < 0x21 || c > 0x75) continue;
      group.push(c - 0x21);
      if (group.length === 5) flush(out, 5);
    }
    yield Buffer.from(out);
  }
}

/** The data in slices, as a decoder's input. */
export async function* slices(data: Buffer, size = 1 << 20): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, Math.min(data.length, i + size));
}
