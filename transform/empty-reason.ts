// Why a document yields no line item, in words: nothing is silent.
import type { ReaderOutput } from "../extract/reader-output.ts";
import type { RecognisedTable } from "./recognise-tables.ts";
import { tableKindSpec } from "./table-kind-registry.ts";

/** Running text: sentences (，。；) in some quantity. */
const SENTENCE = /[，。；]/g;
const MIN_NARRATIVE_MARKS = 10;

const plural = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;

export function emptyReason(read: ReaderOutput, tables: RecognisedTable[]): string {
  const text = read.pageText.map((p) => p.text).join("\n");
  const notes = read.notes.length ? ` (${read.notes.join("; ")})` : "";
  if (read.pageCount === 0) return `the document has no pages${notes}`;
  const standard = tables.filter((t) => t.kind);
  if (standard.length) {
    if (standard.every((t) => t.empty)) return `every standard table is published empty (${standard.map((t) => t.title || t.kind).join("、")})${notes}`;
    const shaped = standard.filter((t) => tableKindSpec(t.kind!).shape !== "line_items");
    if (shaped.length === standard.length) return `only ${[...new Set(shaped.map((t) => t.kind))].join(" and ")} tables, read into their own rows (projects, indicators), no line-item table${notes}`;
    return `${standard.length} standard tables found but none prints a figure the transform could read${notes}`;
  }
  if (tables.length) return `${tables.length} tables found, none a standard table (titles: ${tables.slice(0, 5).map((t) => t.title || "(none)").join("; ")})${notes}`;
  const pages = plural(read.pageCount, "page");
  if (!text.replace(/\s+/g, "")) return `no text and no table on any of its ${pages} (blank, images without OCR, or content outside the page)${notes}`;
  const lines = plural(text.split("\n").filter((l) => l.trim()).length, "line");
  if ((text.match(SENTENCE)?.length ?? 0) >= MIN_NARRATIVE_MARKS) return `narrative only: ${lines} of text and no table on its ${pages} (the tables may be published as a separate file)${notes}`;
  return `no table found: ${lines} of text on its ${pages}${notes}`;
}
