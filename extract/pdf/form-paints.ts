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
    const data = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    // Most bytes the guard decodes are fonts and images' neighbours, not content: the text
    // is made and searched only where a `Do` follows white space, as the pattern needs.
    if (!mayHoldDo(data)) {
      this.tail = Buffer.from(data.subarray(Math.max(0, data.length - TAIL)));
      return;
    }
    const text = data.toString("latin1");
    const re = /\/([^\s/<>[\](){}%]+)\s+Do(?![^\s/<>[\](){}%])/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      this.counts.set(m[1]!, (this.counts.get(m[1]!) ?? 0) + 1);
      last = re.lastIndex;
    }
    // Keep the end that may hold the start of an operator cut by the chunk boundary.
    this.tail = Buffer.from(data.subarray(Math.max(last, data.length - TAIL)));
  }
}

/** Bytes of a chunk's end kept for the next (a name and its operator cut by the boundary). */
const TAIL = 256;

/** JavaScript's `\s` among latin1 characters: what may precede `Do` in the pattern above. */
const SPACE = new Uint8Array(256);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]) SPACE[c] = 1;

/** Whether `data` holds "Do" after a white-space byte (Buffer.indexOf is a native scan). */
function mayHoldDo(data: Buffer): boolean {
  for (let i = data.indexOf("Do", 1, "latin1"); i >= 0; i = data.indexOf("Do", i + 1, "latin1")) if (SPACE[data[i - 1]!]) return true;
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
