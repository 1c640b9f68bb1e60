// Pages with no usable text layer: (almost) no text, or text that is mostly noise —
// private-use or replacement characters, or symbols where words should be (a bad OCR
// layer some scanners add). Such pages are read by OCR instead.

export interface ScannedPageOptions {
  /** A page with fewer letters, CJK characters and digits than this has no text layer. */
  minUsefulChars: number;
  /** A page whose text is more than this share noise has an unusable layer. */
  maxNoiseShare: number;
}
export const DEFAULT_SCANNED_PAGE_OPTIONS: ScannedPageOptions = { minUsefulChars: 10, maxNoiseShare: 0.3 };

const USEFUL = /[\p{Script=Han}\p{L}\p{N}]/u;
const NOISE = /[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000E-\u001F]|[^\p{L}\p{N}\p{P}\p{Zs}\s\p{Sm}\p{Sc}]/u;

export function hasUsableText(text: string, o: ScannedPageOptions = DEFAULT_SCANNED_PAGE_OPTIONS): boolean {
  const chars = [...text.replace(/\s+/g, "")];
  const useful = chars.filter((c) => USEFUL.test(c)).length;
  const noise = chars.filter((c) => NOISE.test(c)).length;
  return useful >= o.minUsefulChars && noise <= o.maxNoiseShare * chars.length;
}
