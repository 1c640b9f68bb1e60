// OCR'd text of a table put back into the words the transform recognises: title lines
// snapped to the table-kind vocabulary (收文预算总表 → 收支预算总表), header cells to the
// standard header terms (、合计 → 合计, 基本支册 → 基本支出), and in every cell the brackets
// and the 一 Tesseract misreads (政府办公厅〈室) → 政府办公厅（室）, -般 → 一般). Figures are
// never touched here: amounts are left to the identity repair, which flags what it changes.
import type { Table } from "../table-ir.ts";
import { snapCell, snapWords, DEFAULT_CELL_SNAP_OPTIONS, type CellSnapOptions } from "./fuzzy-match.ts";
import { HEADER_TERMS, TITLE_WORDS } from "./ocr-vocabulary.ts";

export interface OcrTextRepairOptions {
  titleWords: readonly string[];
  headerTerms: readonly string[];
  snap: CellSnapOptions;
}
export const DEFAULT_OCR_TEXT_REPAIR_OPTIONS: OcrTextRepairOptions = { titleWords: TITLE_WORDS, headerTerms: HEADER_TERMS, snap: DEFAULT_CELL_SNAP_OPTIONS };

const HAN = "\\p{Script=Han}";
/** A figure as a cell prints it: the first such row ends the header. */
const FIGURE = /^[-−]?[\d,，.]*\d(\.\d+)?$/;

/** A line that may be a title: only those are snapped (a department's name is left alone). */
const TITLE_LIKE = /表|预算|决算/;

export function repairTitleLine(line: string, o: OcrTextRepairOptions = DEFAULT_OCR_TEXT_REPAIR_OPTIONS): string {
  return TITLE_LIKE.test(line) ? snapWords(line, o.titleWords, o.snap) : line;
}

/**
 * A figure Tesseract split at a thousands separator (12 121,164; 1, 234,567): one figure
 * when its parts joined by commas group as thousands do. A lattice cell holds one figure.
 */
export function joinSplitFigure(text: string): string {
  const t = text.trim();
  if (!/^-?[\d,，]+(\s+[\d,，.]+)+$/.test(t) || !/[,，]/.test(t)) return text;
  const joined = t.replace(/[,，\s]+/g, ",");
  return /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(joined) ? joined : text;
}

/** Brackets read as 〈《 beside Chinese text → （ and closed as opened, and a leading 一 read as a dash. */
export function repairCellText(text: string): string {
  return text
    .replace(new RegExp(`(?<=${HAN})[《〈]+(?=${HAN})`, "gu"), "（")
    // A bracket opened full-width closes full-width (the ASCII form is printed too: 维修(护)费).
    .replace(/（([^（）()\n]*)[)〉》]/g, "（$1）")
    .replace(new RegExp(`(^|\\n)[-—–－_](?=${HAN})`, "gu"), "$1一");
}

/** Rows above the first row printing a figure: the header (with any title row inside the ruling). */
export function headerRowCount(table: Table): number {
  let first = table.nRows;
  for (const c of table.cells) if (c.row < first && FIGURE.test(c.text.replace(/\s+/g, ""))) first = c.row;
  return first;
}

export function repairOcrTable(table: Table, o: OcrTextRepairOptions = DEFAULT_OCR_TEXT_REPAIR_OPTIONS): Table {
  const header = headerRowCount(table);
  return {
    ...table,
    before: table.before.map((l) => repairTitleLine(l, o)),
    cells: table.cells.map((c) => {
      const text = joinSplitFigure(repairCellText(c.text));
      return { ...c, text: c.row < header && text.trim() ? snapCell(text, o.headerTerms, o.snap) : text };
    }),
  };
}
