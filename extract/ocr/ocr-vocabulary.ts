// The words OCR'd titles and header cells are put back to (extract/ocr/fuzzy-match.ts), from
// the table-kind registry. Titles: the atoms table kinds are recognised by, short and far apart
// from each other so that one never snaps to another (收入 ≠ 收支: 入 is no misreading of 支).
// Headers: whole header terms of the standard tables, longest forms included so that a longer
// printed term is kept rather than cut to a shorter one.
import { OCR_SHARED_HEADER_TERMS, OCR_SHARED_TITLE_WORDS, TABLE_KINDS } from "../../transform/table-kind-registry.ts";

const unique = (words: readonly string[]) => [...new Set(words)];

export const TITLE_WORDS: readonly string[] = unique([...TABLE_KINDS.flatMap((k) => k.ocrTitleWords), ...OCR_SHARED_TITLE_WORDS]);

export const HEADER_TERMS: readonly string[] = unique([...OCR_SHARED_HEADER_TERMS, ...TABLE_KINDS.flatMap((k) => k.ocrHeaderTerms)]);
