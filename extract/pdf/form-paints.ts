// How many times a page paints form XObjects, counted from the file before pdf.js reads it:
// a form that paints the next one twice, thirty deep, is 2^30 paints — pdf.js works through
// them without yielding (no timer fires) while its operator list grows past gigabytes. The
// counts of `Do` in each content stream (gathered while the inflation guard decodes them)
// and the resource dictionaries that name the forms give the paint graph; a page whose
// paints pass the limit, or whose forms paint themselves, is refused with the reason.
import { LimitError } from "../readers/read-budget.ts";
import { count } from "../readers/limits.ts";
import { PdfRef, nameOf, resolve, type PdfDict, type PdfStream, type PdfValue, type ScannedPdf } from "./pdf-lexer.ts";

/** `/Name Do` counts of one content stream. */
export type DoCounts = Map<string, number>;

/** Counts `/Name Do` in a stream's decoded data, chunk by chunk (an operator may straddle two). */
export class DoCounter {
  readonly counts: DoCounts = new Map();
  private tail: Buffer = Buffer.alloc(0);
  add(chunk: Buffer): void {
    // Most bytes the guard decodes are fonts, not content: the chunk is made text and searched
    // only where the operator's shape (`/Name`, white space, `Do`) is found in its bytes.
    if (!holdsDo(this.tail, chunk)) {
      this.tail = Buffer.from(chunk.length >= TAIL ? chunk.subarray(chunk.length - TAIL) : Buffer.concat([this.tail, chunk]).subarray(-TAIL));
      return;
    }
    const text = this.tail.toString("latin1") + chunk.toString("latin1");
    const re = /\/([^\s/<>[\](){}%]+)\s+Do(?![^\s/<>[\](){}%])/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      this.counts.set(m[1]!, (this.counts.get(m[1]!) ?? 0) + 1);
      last = re.lastIndex;
    }
    // Keep the end that may hold the start of an operator cut by the chunk boundary.
    this.tail = Buffer.from(text.slice(Math.max(last, text.length - TAIL)), "latin1");
  }
}

/** Characters of a chunk's end kept for the next (a name and its operator cut by the boundary). */
const TAIL = 256;

/** Latin1 bytes by class, as the pattern above reads them: 1 white space (JavaScript's `\s`), 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]) CLASS[c] = 1;
for (const c of "/<>[](){}%") CLASS[c.charCodeAt(0)] = 2;

/**
 * Whether `tail` followed by `chunk` holds `/`, regular characters, white space, `Do` and then
 * no regular character: exactly where the pattern matches, found without copying the chunk.
 */
function holdsDo(tail: Buffer, chunk: Buffer): boolean {
  const t = tail.length, n = t + chunk.length;
  const at = (i: number) => (i < t ? tail[i]! : chunk[i - t]!);
  const shapeAt = (d: number): boolean => {
    if (d + 1 >= n || at(d + 1) !== 0x6f) return false;
    if (d + 2 < n && CLASS[at(d + 2)] === 0) return false;
    let i = d - 1;
    if (i < 0 || CLASS[at(i)] !== 1) return false;
    while (i >= 0 && CLASS[at(i)] === 1) i--;
    const nameEnd = i;
    while (i >= 0 && CLASS[at(i)] === 0) i--;
    return i < nameEnd && i >= 0 && at(i) === 0x2f;
  };
  // "Do" inside the tail or across the boundary, then inside the chunk (a native scan).
  for (let d = 0; d < t; d++) if (at(d) === 0x44 && shapeAt(d)) return true;
  for (let d = chunk.indexOf("Do", 0, "latin1"); d >= 0; d = chunk.indexOf("Do", d + 1, "latin1")) if (shapeAt(t + d)) return true;
  return false;
}

/** Throws when a page paints forms more than `limit` times, or its forms paint themselves. */
export function checkFormPaints(pdf: ScannedPdf, doCounts: Map<number, DoCounts>, limit: number): void {
  const streamByNum = new Map<number, PdfStream>();
  for (const s of pdf.streams) if (s.num !== null) streamByNum.set(s.num, s);
  const get = (v: PdfValue | undefined) => resolve(v, pdf.objects);
  const xobjectsOf = (resources: PdfValue | undefined): Map<string, number> => {
    const out = new Map<string, number>();
    const res = get(resources);
    const xo = res instanceof Map ? get(res.get("XObject")) : undefined;
    if (xo instanceof Map) for (const [name, v] of xo) if (v instanceof PdfRef) out.set(name, v.num);
    return out;
  };
  /** Paints reachable from a stream, capped just past the limit; memo for forms with their own resources. */
  const memo = new Map<number, number>();
  const onPath = new Set<number>();
  let visits = 0;
  const paints = (num: number, names: Map<string, number>, where: string): number => {
    const own = memo.get(num);
    if (own !== undefined) return own;
    if (++visits > limit * 10) throw new LimitError("maxFormPaints", `${where} paints forms more than ${count(limit)} times (limit maxFormPaints)`);
    const counts = doCounts.get(num);
    if (!counts) return 0;
    onPath.add(num);
    let total = 0;
    for (const [name, n] of counts) {
      const target = names.get(name);
      const form = target !== undefined ? streamByNum.get(target) : undefined;
      if (!form || nameOf(form.dict.get("Subtype")) !== "Form") continue;
      if (onPath.has(target!)) throw new LimitError("maxFormPaints", `${where} paints a form XObject (object ${target}) that paints itself: a cycle, refused`);
      // A form without resources of its own uses its painter's (as pdf.js does).
      const inner = form.dict.has("Resources") ? xobjectsOf(form.dict.get("Resources")) : names;
      total += n * (1 + paints(target!, inner, where));
      if (total > limit) break;
    }
    onPath.delete(num);
    const capped = Math.min(total, limit + 1);
    if (streamByNum.get(num)?.dict.has("Resources")) memo.set(num, capped);
    return capped;
  };

  for (const [num, obj] of pdf.objects) {
    if (!(obj instanceof Map) || nameOf(obj.get("Type")) !== "Page") continue;
    const names = xobjectsOf(inheritedResources(obj, pdf));
    const contents = get(obj.get("Contents"));
    const refs = Array.isArray(contents) ? contents : [obj.get("Contents")];
    let total = 0;
    for (const r of refs) if (r instanceof PdfRef) total += paints(r.num, names, `a page (object ${num})`);
    if (total > limit) throw new LimitError("maxFormPaints", `a page (object ${num}) paints forms more than ${count(limit)} times (limit maxFormPaints): forms that paint forms, refused before they are read`);
  }
}

/** A page's /Resources, or the nearest ancestor's in the page tree. */
function inheritedResources(page: PdfDict, pdf: ScannedPdf): PdfValue | undefined {
  let node: PdfDict | undefined = page;
  for (let depth = 0; node && depth < 64; depth++) {
    if (node.has("Resources")) return node.get("Resources");
    const parent = resolve(node.get("Parent"), pdf.objects);
    node = parent instanceof Map ? parent : undefined;
  }
  return undefined;
}
