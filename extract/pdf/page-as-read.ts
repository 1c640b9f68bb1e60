// What either engine read of a page → the page as the table finders read it: what was
// left outside the page box said (page-crop.ts), overprinted copies dropped
// (overprinted-words.ts), turned so that its text reads left to right
// (reading-direction.ts). Engine-neutral: both engines go through the same steps.
import type { PageContent } from "./page-content.ts";
import { outsideBoxNote } from "./page-crop.ts";
import { dropOverprinted, DEFAULT_OVERPRINT_OPTIONS, type OverprintOptions } from "./overprinted-words.ts";
import { turnUpright } from "./reading-direction.ts";

export interface PageAsRead { content: PageContent; note: string | null }

export function pageAsRead(raw: PageContent, o: OverprintOptions = DEFAULT_OVERPRINT_OPTIONS): PageAsRead {
  const turned = turnUpright(raw.width, raw.height, dropOverprinted(raw.words, o), raw.segments);
  return {
    content: { ...raw, width: turned.width, height: turned.height, words: turned.words, segments: turned.segments, ...(turned.turn ? { turn: turned.turn } : {}) },
    note: raw.outsideBox ? outsideBoxNote(raw.page, raw.outsideBox) : null,
  };
}

/** One note for the pages a document read turned: "pages 3, 4 read turned 90° clockwise (their text runs bottom to top)". */
export function turnedPagesNote(turns: Array<{ page: number; turn: number }>): string[] {
  const runs: Record<number, string> = { 90: "bottom to top", 180: "upside down", 270: "top to bottom" };
  const notes: string[] = [];
  for (const turn of [90, 180, 270]) {
    const pages = turns.filter((t) => t.turn === turn).map((t) => t.page);
    if (pages.length) notes.push(`${pages.length === 1 ? "page" : "pages"} ${pages.join(", ")} read turned ${turn}° clockwise (${pages.length === 1 ? "its" : "their"} text runs ${runs[turn]}); cell boxes are in the turned page`);
  }
  return notes;
}
