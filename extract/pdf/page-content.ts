// What an engine reads of one page, in viewport coordinates (origin top-left, /Rotate
// applied), and the options of that read. Engine-neutral: nothing here loads an engine.
import { DEFAULT_RULING_OPTIONS, type Segment, type RulingOptions } from "./ruling-segments.ts";
import type { OutsideBox } from "./page-crop.ts";
import { DEFAULT_WORD_OPTIONS, type Word, type WordOptions } from "./page-words.ts";

export interface PageContent {
  page: number;
  width: number;
  height: number;
  rotation: number;
  words: Word[];
  segments: Segment[];
  /** Clockwise quarter turn (degrees) applied so that the page's text reads left to right (reading-direction.ts); absent: none. */
  turn?: number;
  /** Text the engine left out because it lies outside the page box (page-crop.ts); absent: none. */
  outsideBox?: OutsideBox;
  /**
   * On a page without words: whether it draws only straight rulings and boxes (no image,
   * no text object, no curve or slanted stroke), so that a rendering would show nothing
   * an OCR could read. Absent: not looked at (a page with words; pdf.js).
   */
  rulingsOnly?: boolean;
}

export interface PageReadOptions {
  words: WordOptions;
  rulings: RulingOptions;
  /**
   * Read the drawing operators (for rulings) only on pages whose text could hold
   * a table: a figure or a table title. Narrative pages are half of a disclosure,
   * and their operator lists cost as much as their text.
   */
  rulingsOnlyWhereTables: boolean;
  /** The page's words are stopped past this many as the engine reads them (PdfLimits.maxPageWords; default its default). */
  maxWords?: number;
}

export const DEFAULT_PAGE_READ_OPTIONS: PageReadOptions = { words: DEFAULT_WORD_OPTIONS, rulings: DEFAULT_RULING_OPTIONS, rulingsOnlyWhereTables: true };

const FIGURE = /\d[\d,]*\.\d|\d{1,3}(,\d{3})+|^\d+$/;
const TABLE_WORD = /表/;

/** Could this page's text be (part of) a table? */
export function mayHoldTable(words: Word[]): boolean {
  return words.some((w) => FIGURE.test(w.text) || TABLE_WORD.test(w.text));
}

