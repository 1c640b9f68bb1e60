// Tesseract's words → the PDF reader's Word (page points), with their confidence.
// Tesseract splits Chinese into single characters; neighbours on one line are joined
// back unless a ruling or a wide gap (a column boundary) separates them.
import type { Word } from "../pdf/page-words.ts";
import type { Segment } from "../pdf/page-rulings.ts";
import type { TesseractWord } from "./tesseract.ts";

export interface OcrWord extends Word { /** 0–1. */ confidence: number }

export interface OcrWordOptions {
  /** Join two words when the gap between them is under this × the line height. */
  joinGap: number;
}
export const DEFAULT_OCR_WORD_OPTIONS: OcrWordOptions = { joinGap: 0.6 };

/** `scale`: points per pixel. `rulings`: vertical rulings (points) that words never join across. */
export function ocrWords(words: TesseractWord[], scale: number, rulings: Segment[], o: OcrWordOptions = DEFAULT_OCR_WORD_OPTIONS): OcrWord[] {
  const verticals = rulings.filter((s) => s.x0 === s.x1);
  const lines = new Map<string, TesseractWord[]>();
  for (const w of words) {
    const k = `${w.block}:${w.par}:${w.line}`;
    lines.set(k, [...(lines.get(k) ?? []), w]);
  }
  const out: OcrWord[] = [];
  for (const ws of lines.values()) {
    ws.sort((a, b) => a.left - b.left);
    const lineHeight = Math.max(...ws.map((w) => w.height));
    const merged: OcrWord[] = [];
    for (const w of ws) {
      // Each word's own edge noise first (a ”99 or “其 joined to its neighbour would keep the mark inside); a figure's trailing comma stays (257, | 700).
      const raw = normaliseText(w.text);
      const text = /^\d[\d,.]*[,，.。]$/.test(raw) ? raw : trimEdgeNoise(raw);
      if (!text) continue;
      const next: OcrWord = {
        text, x0: w.left * scale, top: w.top * scale, x1: (w.left + w.width) * scale, bottom: (w.top + w.height) * scale,
        size: lineHeight * scale, upright: true, confidence: Math.max(0, Math.min(1, w.conf / 100)),
      };
      const prev = merged[merged.length - 1];
      const ruled = prev !== undefined && verticals.some((v) => v.x0 > prev.x1 - 1 && v.x0 < next.x0 + 1 && v.y0 < next.bottom && v.y1 > next.top);
      // Figures and Chinese text are never one word in a table (a 项 code beside its name where the ruling between them was not found).
      const figureBesideText = prev !== undefined && ((/\d$/.test(prev.text) && /^\p{Script=Han}/u.test(next.text)) || (/\p{Script=Han}$/u.test(prev.text) && /^\d/.test(next.text)));
      if (prev && next.x0 - prev.x1 < o.joinGap * lineHeight * scale && !ruled && !figureBesideText) {
        merged[merged.length - 1] = { ...prev, text: prev.text + next.text, x1: next.x1, top: Math.min(prev.top, next.top), bottom: Math.max(prev.bottom, next.bottom), confidence: Math.min(prev.confidence, next.confidence) };
      } else merged.push(next);
    }
    out.push(...merged);
  }
  return out.map((w) => ({ ...w, text: normaliseLabel(normaliseNumber(trimEdgeNoise(w.text))) })).filter((w) => w.text !== "");
}

/** Marks Tesseract makes of a ruling's remains or of dust at a word's edges (never printed there in these tables). */
function trimEdgeNoise(t: string): string {
  return t.replace(/^[|_、,，.。'‘’`"“”:;]+(?=\S)/, "").replace(/(?<=\S)[|_、,，'‘’`"“”]+$/, "").replace(/^[|_、，'‘’`“”"]+$/, "");
}

/** The colon after 单位 / 编制部门, which Tesseract reads as a comma or a full stop. */
function normaliseLabel(t: string): string {
  return t.replace(/(单位|编制部门|编制单位|部门名称)[，,.。;；]/g, "$1：");
}

/** Full-width forms and Chinese punctuation that Tesseract puts into numbers. */
function normaliseText(t: string): string {
  return t.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A word that is a number but for OCR slips (，for "," 。for "." spaces) printed as one. */
function normaliseNumber(t: string): string {
  const s = t.replace(/，/g, ",").replace(/[。·]/g, ".");
  return /^-?[\d,.]+$/.test(s) && /\d/.test(s) ? s : t;
}
