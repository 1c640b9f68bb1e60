// The `ownerDocument` pdf.js is given: a document that accepts @font-face rules and keeps
// nothing. We read text and rulings, never render. In Node pdf.js defaults to
// `disableFontFace: true`, and then, for every text-showing operator, builds the outline of
// each glyph for a canvas that will never exist (a fifth of extraction time). With font
// faces enabled it instead hands each embedded font to the document once, here a no-op.
export const FONT_SINK_DOCUMENT = {
  /** No Font Loading API: pdf.js takes the @font-face rule path, synchronous in Node. */
  fonts: undefined,
  createElement: () => ({ sheet: { insertRule: () => 0, cssRules: [] as unknown[] }, remove: () => {} }),
  documentElement: { getElementsByTagName: () => [{ append: () => {} }] },
};
