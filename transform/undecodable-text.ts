// A document whose table text is mostly U+FFFD was decoded with the wrong charset: its
// tables would load empty or garbled as if they were fine, so it fails, saying why.
import type { RecognisedTable } from "./recognise-tables.ts";

/** Share of replacement characters above which the text is taken as undecodable. */
export const MAX_REPLACEMENT_SHARE = 0.05;
const MIN_CHARACTERS = 20;

/** Why the tables' text cannot be used, or null. */
export function undecodableText(tables: RecognisedTable[]): string | null {
  let total = 0;
  let replaced = 0;
  for (const t of tables) {
    for (const text of [t.title, ...t.table.cells.map((c) => c.text)]) {
      total += text.length;
      for (const ch of text) if (ch === "\uFFFD") replaced++;
    }
  }
  return total >= MIN_CHARACTERS && replaced / total > MAX_REPLACEMENT_SHARE
    ? `wrong charset: ${replaced} of ${total} characters of its tables could not be decoded (the declared charset does not match the bytes)`
    : null;
}
