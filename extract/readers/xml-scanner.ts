// A streaming XML tokenizer for the parts of OOXML packages (sheets, shared strings,
// styles, document.xml): tags and text are handed to callbacks as they are met, nothing
// is built, so a part costs its events, not a tree. What OOXML never holds is refused
// rather than interpreted: a DOCTYPE (so no entity is ever expanded or fetched). Nesting
// is counted against the budget and the deadline checked as the tokens go.
import { ReaderError } from "./reader-error.ts";
import type { ReadBudget } from "./read-budget.ts";

export interface XmlHandler {
  /** An element starts; `attrs` parses its attributes on demand; `selfClosing` for <x/>. */
  open?(name: string, attrs: () => Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  /** Character data (entities decoded, CDATA included). Only asked for while `wantText()` says so. */
  text?(text: string): void;
  wantText?(): boolean;
}

const LT = 0x3c, GT = 0x3e, SLASH = 0x2f, BANG = 0x21, QUESTION = 0x3f, DQ = 0x22, SQ = 0x27;

/** Scans `xml` (one package part, named `part` in messages) from start to end. */
export function scanXml(xml: Buffer, part: string, budget: ReadBudget, h: XmlHandler): void {
  let p = 0;
  let depth = 0;
  const where = () => `${part} at byte ${p}`;
  const n = xml.length;
  while (p < n) {
    budget.tick(where);
    const lt = xml.indexOf(LT, p);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > p && h.text && (!h.wantText || h.wantText())) h.text(decodeEntities(xml.toString("utf8", p, textEnd)));
    if (lt < 0) break;
    const next = xml[lt + 1];
    if (next === QUESTION) {
      p = endOf(xml, "?>", lt, part);
    } else if (next === BANG) {
      if (startsAt(xml, lt, "<!--")) p = endOf(xml, "-->", lt, part);
      else if (startsAt(xml, lt, "<![CDATA[")) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end < 0) throw new ReaderError(`corrupt XML in ${part}: CDATA section never closed`);
        if (h.text && (!h.wantText || h.wantText())) h.text(xml.toString("utf8", lt + 9, end));
        p = end + 3;
      } else if (startsAt(xml, lt, "<!DOCTYPE")) {
        throw new ReaderError(`${part} declares a DOCTYPE, which Office files never do: refused (no entity is expanded or fetched)`);
      } else throw new ReaderError(`corrupt XML in ${part}: unknown markup declaration at byte ${lt}`);
    } else if (next === SLASH) {
      const gt = xml.indexOf(GT, lt + 2);
      if (gt < 0) throw new ReaderError(`corrupt XML in ${part}: a closing tag is cut off at byte ${lt}`);
      h.close?.(xml.toString("latin1", lt + 2, gt).trim());
      depth--;
      p = gt + 1;
    } else {
      const gt = tagEnd(xml, lt + 1);
      if (gt < 0) throw new ReaderError(`corrupt XML in ${part}: a tag is cut off at byte ${lt}`);
      const selfClosing = xml[gt - 1] === SLASH;
      const inner = xml.toString("utf8", lt + 1, selfClosing ? gt - 1 : gt);
      const space = inner.search(/[\s]/);
      const name = space < 0 ? inner : inner.slice(0, space);
      if (!selfClosing) {
        depth++;
        budget.checkDepth(depth, part);
      }
      h.open?.(name, () => (space < 0 ? {} : parseAttributes(inner.slice(space))), selfClosing);
      if (selfClosing) h.close?.(name);
      p = gt + 1;
    }
  }
}

function startsAt(buf: Buffer, at: number, s: string): boolean {
  for (let i = 0; i < s.length; i++) if (buf[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

function endOf(buf: Buffer, marker: string, from: number, part: string): number {
  const end = buf.indexOf(marker, from + 2);
  if (end < 0) throw new ReaderError(`corrupt XML in ${part}: ${marker === "-->" ? "a comment" : "a processing instruction"} is never closed`);
  return end + marker.length;
}

/** The ">" that ends a tag, skipping quoted attribute values (which may hold ">"). */
function tagEnd(buf: Buffer, from: number): number {
  let quote = 0;
  for (let i = from; i < buf.length; i++) {
    const b = buf[i]!;
    if (quote) { if (b === quote) quote = 0; }
    else if (b === DQ || b === SQ) quote = b;
    else if (b === GT) return i;
    else if (b === LT) return -1;
  }
  return -1;
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTRIBUTE)) out[m[1]!] = decodeEntities(m[2] ?? m[3] ?? "");
  return out;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else stays as written. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[e] ?? whole;
  });
}

/** "x:c" → "c": spreadsheet parts are written with and without a namespace prefix. */
export const localName = (name: string) => name.slice(name.indexOf(":") + 1);
