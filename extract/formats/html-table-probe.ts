// Whether an HTML body holds a data table: the test that tells an HTML document served
// for an attachment link (a portal's "Excel" export that is an HTML table, a page saved
// as .xls, a UTF-16 web page from Word) from an error or login page served in its place.
// A tag stream (htmlparser2), stopped at the first table that qualifies.
import { Parser } from "htmlparser2";
import { decodeHtml } from "./html-charset.ts";

/** Rows with a figure that make a table a data table rather than layout or a form. */
export const MIN_FIGURE_ROWS = 3;
const FIGURE = /\d[\d,]*\.\d{1,2}\b|\b\d{3,}\b/;
/** Only the start of a large body is looked at: a data table shows itself early. */
const PROBE_CHARS = 4 * 2 ** 20;

export function htmlHoldsTable(bytes: Uint8Array): boolean {
  const text = decodeHtml(bytes.subarray(0, PROBE_CHARS)).text;
  /** Per open table: rows with a figure so far, and whether the current row has one. */
  const open: Array<{ rows: number; figure: boolean }> = [];
  let found = false;
  const parser = new Parser({
    onopentag(name) {
      if (name === "table") open.push({ rows: 0, figure: false });
      else if (name === "tr" && open.length) open[open.length - 1]!.figure = false;
    },
    ontext(t) {
      const table = open[open.length - 1];
      if (table && !table.figure && FIGURE.test(t)) { table.figure = true; table.rows++; }
      if (table && table.rows >= MIN_FIGURE_ROWS) { found = true; parser.pause(); }
    },
    onclosetag(name) {
      if (name === "table") open.pop();
    },
  }, { decodeEntities: true, lowerCaseTags: true });
  parser.end(text);
  return found;
}
