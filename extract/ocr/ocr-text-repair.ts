// OCR'd text of a table put back into the words the transform recognises: title lines
// snapped to the table-kind vocabulary (收文预算总表 → 收支预算总表), header cells to the
// standard header terms (、合计 → 合计, 基本支册 → 基本支出), and in every cell the brackets
// and the 一 Tesseract misreads (政府办公厅〈室) → 政府办公厅（室）, -般 → 一般). Figures are
// never touched here: amounts are left to the identity repair, which flags what it changes.
import type { Table } from "../table-ir.ts";
import { snapCell, snapWords, DEFAULT_CELL_SNAP_OPTIONS, type CellSnapOptions } from "./fuzzy-match.ts";
import { HEADER_TERMS, TITLE_WORDS } from "./ocr-vocabulary.ts";
import { decideTableKind } from "./ocr-table-kind.ts";
import { nameHeadersBySums } from "./ocr-header-roles.ts";

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

/**
 * A figure's thousands separators as printed when OCR dropped one (1763,159.52) or read one as a
 * point (1.511.89): the commas that were read sit where thousands separators go, so the figure
 * is the same number, its grouping restored. The value never changes here.
 */
export function regroupFigure(text: string): string {
  const t = text.trim();
  const dotted = /^(-?)(\d{1,3}(?:\.\d{3})+)\.(\d{1,2})$/.exec(t);
  if (dotted) return `${dotted[1]}${dotted[2]!.replace(/\./g, ",")}.${dotted[3]}`;
  const m = /^(-?)(\d[\d,]*)(\.\d+)?$/.exec(t);
  if (!m || !m[2]!.includes(",")) return text;
  const int = m[2]!;
  let right = 0;
  for (let i = int.length - 1; i >= 0; i--) {
    if (int[i] === ",") { if (right === 0 || right % 3 !== 0) return text; }
    else right++;
  }
  const digits = int.replace(/,/g, "");
  return `${m[1]}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${m[3] ?? ""}`;
}

/**
 * A thousands separator read as a point (767,579 → 767.579): budget amounts print no or two
 * decimals, never three, so a point followed by exactly three digits separates thousands.
 * Returns the figure so read, or null when the text is no such figure (the value changes:
 * the cell's confidence is lowered, so that the amount is flagged).
 */
export function pointAsThousands(text: string): string | null {
  const m = /^(-?\d{1,3}(?:,\d{3})*)\.(\d{3})$/.exec(text.trim());
  return m ? `${m[1]},${m[2]}` : null;
}

/** Confidence given to a figure whose point was read as a thousands separator. */
const REGROUPED_CONFIDENCE = 0.5;

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
  const cells = table.cells.map((c) => {
    const text = regroupFigure(joinSplitFigure(repairCellText(c.text)));
    if (c.row < header) return { ...c, text: text.trim() ? snapCell(text, o.headerTerms, o.snap) : text };
    const thousands = pointAsThousands(text);
    return thousands ? { ...c, text: thousands, confidence: Math.min(c.confidence ?? 1, REGROUPED_CONFIDENCE) } : { ...c, text };
  });
  const headers = cells.filter((c) => c.row < header).map((c) => c.text);
  return nameHeadersBySums({
    ...table,
    // Title lines snapped, and where one misread character leaves the kind unnamed, decided with the header.
    before: table.before.map((l) => (TITLE_LIKE.test(l) ? decideTableKind(repairTitleLine(l, o), headers).title : l)),
    cells,
  }, header);
}
