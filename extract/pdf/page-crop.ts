// What a viewer shows of a page: the text drawn inside its box (the CropBox ∩ MediaBox).
// pdf.js drops, glyph by glyph, text whose origin lies outside that box (printer's marks,
// the rest of a sheet cropped away) and says nothing; the PDFium engine applies the same
// rule, so that both read the same text. What was left out is said in a note, never
// silent. A page whose text lies wholly outside its box has a wrong box rather than a
// deliberate crop: PDFium reads that page as drawn; pdf.js cannot (its text content never
// holds those glyphs), and the note says so.

/** The page box in user space, [x0, y0, x1, y1] with x0 < x1, y0 < y1. */
export type UserBox = readonly [number, number, number, number];

/** pdf.js's test (compareWithLastPosition): the glyph starting at (x, y), `advance` wide, shows on the page. */
export function glyphInside(x: number, y: number, advance: number, box: UserBox): boolean {
  return !(x + advance < box[0] || x > box[2] || y < box[1] || y > box[3]);
}

/** Text the engine found outside the page box. */
export interface OutsideBox {
  /** Glyphs outside the box; null when the engine cannot count them (pdf.js). */
  glyphs: number | null;
  /** True when the page's text lay wholly outside and was read as drawn. */
  readAsDrawn: boolean;
}

export function outsideBoxNote(page: number, o: OutsideBox): string {
  if (o.readAsDrawn) return `page ${page}: all its text (${o.glyphs} characters) lies outside its CropBox/MediaBox; read as drawn`;
  if (o.glyphs === null) return `page ${page}: its text is drawn outside its CropBox/MediaBox and was not read (pdf.js drops such text; the PDFium engine reads it as drawn)`;
  return `page ${page}: ${o.glyphs} characters outside its CropBox/MediaBox not read`;
}
