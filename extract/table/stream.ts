// Unruled tables, found by text alignment (placeholder: filled in below).
import type { Table } from "../table-ir.ts";
import type { Word } from "../pdf/page-words.ts";

export interface StreamOptions { minRows: number }
export const DEFAULT_STREAM_OPTIONS: StreamOptions = { minRows: 3 };

export function findStreamTables(_words: Word[], _o: StreamOptions = DEFAULT_STREAM_OPTIONS): Array<{ table: Table; words: Set<Word> }> {
  return [];
}
