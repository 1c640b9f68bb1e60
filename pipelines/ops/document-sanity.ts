// Last checks on an extract before it is loaded, and plain words for the errors a hostile
// document provokes deep inside a reader. A document whose text is mostly U+FFFD was decoded
// with the wrong charset: loading it would store empty or garbled tables as if they were
// fine, so it fails instead, saying why.
import type { DocumentExtract } from "../extract-document.ts";

/** Share of replacement characters above which the text is taken as undecodable. */
export const MAX_REPLACEMENT_SHARE = 0.05;
const MIN_CHARACTERS = 20;

/** Why an extract must not be loaded, or null. Pure. */
export function extractProblem(doc: Pick<DocumentExtract, "tables">): string | null {
  let total = 0;
  let replaced = 0;
  for (const t of doc.tables) {
    for (const text of [t.title, ...t.table.cells.map((c) => c.text)]) {
      total += text.length;
      for (const ch of text) if (ch === "\uFFFD") replaced++;
    }
  }
  if (total >= MIN_CHARACTERS && replaced / total > MAX_REPLACEMENT_SHARE) {
    return `wrong charset: ${replaced} of ${total} characters of its tables could not be decoded (the declared charset does not match the bytes)`;
  }
  return null;
}

/** A reader's low-level failure in words an operator can act on. */
export function explainReason(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return `structure nested too deeply to read (call stack exhausted): ${message}`;
  if (/Array buffer allocation failed|Invalid string length|heap out of memory/i.test(message)) return `too large to read in memory: ${message}`;
  return message;
}
