// The boundary between the readers and the transform: what a reader hands on, checked.
import { z } from "zod";
import { BBox, Table } from "./table-ir.ts";

export const PageText = z.object({
  page: z.number().int().positive(),
  text: z.string(),
  /** The text's lines with their boxes, where the reader knows them (PDF text layers). */
  lines: z.array(z.object({ text: z.string(), bbox: BBox })).optional(),
});
export type PageText = z.infer<typeof PageText>;

export const ReaderOutput = z.object({
  pageCount: z.number().int().nonnegative(),
  tables: z.array(Table),
  pageText: z.array(PageText),
  /** Cover lines where the format has no pages (HTML, Word, the first sheets); else empty (the first pages' text is the cover). */
  coverLines: z.array(z.string()),
  notes: z.array(z.string()),
});
export type ReaderOutput = z.infer<typeof ReaderOutput>;
