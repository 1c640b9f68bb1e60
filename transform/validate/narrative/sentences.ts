// The narrative as sentences: each page's text outside the tables, white space removed (Chinese
// text is set with spaces that mean nothing), cut at 。 and ；, each with its page and — where the
// reader kept the lines' boxes — the box of the lines it spans.
import type { BBox } from "../../../extract/table-ir.ts";
import type { PageText } from "../../../extract/reader-output.ts";

export interface Sentence { page: number; text: string; bbox: BBox | null }

const END = /[。；]/;

export function sentences(pages: readonly PageText[]): Sentence[] {
  const out: Sentence[] = [];
  for (const p of pages) {
    const lines = p.lines ?? p.text.split("\n").map((text) => ({ text, bbox: null as BBox | null }));
    let text = "";
    const starts: Array<{ at: number; bbox: BBox | null }> = [];
    for (const l of lines) {
      starts.push({ at: text.length, bbox: l.bbox });
      text += l.text.replace(/\s+/g, "");
    }
    let from = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && !END.test(text[i]!)) continue;
      const s = text.slice(from, i + 1).trim();
      if (s) out.push({ page: p.page, text: s, bbox: spanBox(starts, from, i + 1, text.length) });
      from = i + 1;
    }
  }
  return out;
}

/** The union of the boxes of the lines a stretch [from, to) of the page's text spans. */
function spanBox(starts: Array<{ at: number; bbox: BBox | null }>, from: number, to: number, length: number): BBox | null {
  let box: BBox | null = null;
  starts.forEach((s, k) => {
    const end = starts[k + 1]?.at ?? length;
    if (end <= from || s.at >= to || !s.bbox) return;
    box = box ? [Math.min(box[0], s.bbox[0]), Math.min(box[1], s.bbox[1]), Math.max(box[2], s.bbox[2]), Math.max(box[3], s.bbox[3])] : [...s.bbox];
  });
  return box;
}

/** An amount stated in the text: its value as printed, its unit, and where it stands in the sentence. */
export interface StatedAmount { printed: string; unit: "元" | "万元"; at: number; end: number }

const AMOUNT = /(\d[\d,]*(?:\.\d+)?)(万元|元)/g;

export function statedAmounts(text: string): StatedAmount[] {
  return [...text.matchAll(AMOUNT)].map((m) => ({ printed: m[1]!.replace(/,/g, ""), unit: m[2] as "元" | "万元", at: m.index!, end: m.index! + m[0].length }));
}

/** A finding's cell for a sentence: the phrase and the figure it states. */
export function sentenceCell(s: Sentence, printed: string, unit: string) {
  return { table: "narrative", label: s.text.length > 80 ? `${s.text.slice(0, 80)}…` : s.text, printed, unit, page: s.page, bbox: s.bbox };
}
