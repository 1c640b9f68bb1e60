// XLSX → Table IR, read from the package's XML parts directly (xml-scanner.ts): the
// workbook's sheets in order, shared strings, the cell formats of styles.xml, each
// visible sheet's cells and merged ranges. Each visible sheet is a page; a merged range
// is its master cell with spans (the cells it covers are dropped); numbers are written as
// the cell's number format displays them. Nothing is built beyond the cells that hold
// text, and every cell — a merged range by its area — is counted against the limits as
// the sheet is read, so a sheet past them costs its scan, not the memory.
import { posix } from "node:path";
import { ReaderError } from "./reader-error.ts";
import { LimitError, ReadBudget } from "./read-budget.ts";
import { count } from "./limits.ts";
import { PackageParts } from "./zip-archive.ts";
import { builtinFormat, formatNumber, isDateFormat, serialDate } from "./number-format.ts";
import { sheetTables } from "./sheet-tables.ts";
import { cellText, type SpanCell } from "./span-grid.ts";
import { localName, scanXml } from "./xml-scanner.ts";
import type { ReadTables } from "./read-result.ts";

/** Sheets whose line rows name the document (a cover sheet, then the first table's). */
const COVER_SHEETS = 2;
/** Excel's grid: columns A … XFD. */
const MAX_COLUMNS = 16_384;

interface SheetEntry { name: string; part: string | null; hidden: boolean }
interface Workbook { sheets: SheetEntry[]; date1904: boolean; sharedStringsPart: string | null; stylesPart: string | null }

export async function readXlsx(bytes: Uint8Array, budget: ReadBudget = new ReadBudget()): Promise<ReadTables> {
  const parts = new PackageParts(bytes, budget.limits);
  const workbookPart = officeDocumentPart(parts, budget) ?? "xl/workbook.xml";
  const workbookXml = parts.get(workbookPart);
  if (!workbookXml) throw new ReaderError(`not an XLSX workbook (no ${workbookPart})`);
  const wb = readWorkbook(workbookXml, workbookPart, parts, budget);
  const stringsXml = wb.sharedStringsPart ? parts.get(wb.sharedStringsPart) : undefined;
  const strings = stringsXml ? readSharedStrings(stringsXml, wb.sharedStringsPart!, budget) : [];
  const stylesXml = wb.stylesPart ? parts.get(wb.stylesPart) : undefined;
  const formats = stylesXml ? readCellFormats(stylesXml, wb.stylesPart!, budget) : [];
  const tables: ReadTables["tables"] = [];
  const coverLines: string[] = [];
  const notes: string[] = [];
  const pageText: ReadTables["pageText"] = [];
  let read = 0;
  wb.sheets.forEach((sheet, i) => {
    if (sheet.hidden) { notes.push(`sheet ${sheet.name} is hidden: not read`); return; }
    const xml = sheet.part ? parts.get(sheet.part) : undefined;
    if (!xml) {
      notes.push(`sheet ${sheet.name}: its part ${sheet.part ?? "(no relationship)"} is missing from the workbook: not read`);
      return;
    }
    const cells = sheetCells(xml, sheet, { strings, formats, date1904: wb.date1904 }, budget);
    const found = sheetTables(cells, i + 1, budget);
    for (const t of found.tables) tables.push(t);
    if (i < COVER_SHEETS) for (const l of found.lines) coverLines.push(l);
    pageText.push({ page: i + 1, text: found.lines.join("\n") });
    read++;
  });
  if (wb.sheets.length === 0) notes.push("the workbook lists no sheets");
  else if (read === 0 && notes.length === wb.sheets.length) notes.push("no sheet could be read");
  return { tables, pageCount: wb.sheets.length, coverLines, pageText, notes };
}

/** The workbook part the package's root relationships name (usually xl/workbook.xml). */
function officeDocumentPart(parts: PackageParts, budget: ReadBudget): string | null {
  const rels = parts.get("_rels/.rels");
  if (!rels) return null;
  const targets = relationships(rels, "_rels/.rels", "", budget);
  for (const [, r] of targets) if (r.type.endsWith("/officeDocument")) return r.target;
  return null;
}

/** Relationship id → target part (resolved against `baseDir`) and type. */
function relationships(xml: Buffer, part: string, baseDir: string, budget: ReadBudget): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  scanXml(xml, part, budget, {
    open(name, attrs) {
      if (localName(name) !== "Relationship") return;
      const a = attrs();
      if (!a.Id || !a.Target || a.TargetMode === "External") return;
      const target = a.Target.startsWith("/") ? a.Target.slice(1) : posix.normalize(posix.join(baseDir, a.Target));
      out.set(a.Id, { target, type: a.Type ?? "" });
    },
  });
  return out;
}

function readWorkbook(xml: Buffer, part: string, parts: PackageParts, budget: ReadBudget): Workbook {
  const dir = posix.dirname(part);
  const relsPart = posix.join(dir, "_rels", `${posix.basename(part)}.rels`);
  const relsXml = parts.get(relsPart);
  const rels = relsXml ? relationships(relsXml, relsPart, dir, budget) : new Map<string, { target: string; type: string }>();
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  scanXml(xml, part, budget, {
    open(name, attrs) {
      const local = localName(name);
      if (local === "workbookPr") date1904 = /^(1|true)$/.test(attrs().date1904 ?? "");
      if (local !== "sheet") return;
      const a = attrs();
      const rid = Object.entries(a).find(([k]) => localName(k) === "id" && k !== "sheetId")?.[1];
      const target = rid ? rels.get(rid)?.target ?? null : null;
      sheets.push({ name: a.name ?? `Sheet${sheets.length + 1}`, part: target, hidden: a.state === "hidden" || a.state === "veryHidden" });
    },
  });
  const ofType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target ?? null;
  return { sheets, date1904, sharedStringsPart: ofType("/sharedStrings"), stylesPart: ofType("/styles") };
}

/** Each <si>'s text: its <t> runs joined, phonetic guides (<rPh>) left out. */
function readSharedStrings(xml: Buffer, part: string, budget: ReadBudget): string[] {
  const out: string[] = [];
  let current: string | null = null;
  let inT = false;
  let phonetic = 0;
  scanXml(xml, part, budget, {
    open(name) {
      const local = localName(name);
      if (local === "si") current = "";
      else if (local === "rPh") phonetic++;
      else if (local === "t") inT = true;
    },
    close(name) {
      const local = localName(name);
      if (local === "si") { out.push(current ?? ""); current = null; }
      else if (local === "rPh") phonetic--;
      else if (local === "t") inT = false;
    },
    wantText: () => inT && phonetic === 0 && current !== null,
    text(t) { budget.addText(t.length, part); current += t; },
  });
  return out;
}

/** The number format of each cell format (cellXfs), by index. */
function readCellFormats(xml: Buffer, part: string, budget: ReadBudget): Array<string | undefined> {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  scanXml(xml, part, budget, {
    open(name, attrs) {
      const local = localName(name);
      if (local === "numFmt") {
        const a = attrs();
        custom.set(Number(a.numFmtId), a.formatCode ?? "");
      } else if (local === "cellXfs") inCellXfs = true;
      else if (local === "xf" && inCellXfs) ids.push(Number(attrs().numFmtId ?? 0));
    },
    close(name) {
      if (localName(name) === "cellXfs") inCellXfs = false;
    },
  });
  return ids.map((id) => custom.get(id) ?? builtinFormat(id));
}

interface CellContext { strings: string[]; formats: Array<string | undefined>; date1904: boolean }

/**
 * A sheet's cells that show text and the masters of its merged ranges, 0-based with spans.
 * Counted while scanning: every <c> and every merged range's area against maxSheetCells and
 * the document's maxDocumentCells, the rows against maxRows.
 */
function sheetCells(xml: Buffer, sheet: SheetEntry, ctx: CellContext, budget: ReadBudget): SpanCell[] {
  const part = sheet.part!;
  const where = `sheet ${sheet.name}`;
  const limit = budget.limits.maxSheetCells;
  let sheetCount = 0;
  const countCells = (n: number, what: string) => {
    sheetCount += n;
    if (sheetCount > limit)
      throw new LimitError("maxSheetCells", `${where} holds more than ${count(limit)} cells counting merged ranges by their area (limit maxSheetCells), passed at ${what}`);
    budget.addCells(n, where);
  };
  const byPosition = new Map<number, SpanCell>();
  const key = (r: number, c: number) => r * MAX_COLUMNS + c;
  const merges: Array<[number, number, number, number, string]> = [];
  let rows = 0;
  let row = -1, col = -1;
  let cell: { r: number; c: number; type: string; style: number; value: string; inline: string } | null = null;
  let inValue = false, inInline = 0, inInlineT = false, phonetic = 0;

  scanXml(xml, part, budget, {
    open(name, attrs) {
      switch (localName(name)) {
        case "row": {
          const r = Number(attrs().r);
          row = Number.isInteger(r) && r >= 1 ? r - 1 : row + 1;
          col = -1;
          if (++rows > budget.limits.maxRows) budget.checkRows(rows, where);
          break;
        }
        case "c": {
          const a = attrs();
          const ref = a.r ? parseRef(a.r) : null;
          if (ref) { row = ref.row; col = ref.col; } else col++;
          if (row < 0) row = 0;
          countCells(1, `cell ${a.r ?? `${row + 1}:${col + 1}`}`);
          cell = { r: row, c: col, type: a.t ?? "n", style: Number(a.s ?? 0), value: "", inline: "" };
          break;
        }
        // (A self-closing element gets its close() too: counters stay balanced.)
        case "v": if (cell) inValue = true; break;
        case "is": if (cell) inInline++; break;
        case "rPh": if (inInline) phonetic++; break;
        case "t": if (inInline) inInlineT = true; break;
        case "mergeCell": {
          const ref = attrs().ref ?? "";
          const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref);
          if (!m) break;
          const a = parseRef(`${m[1]}${m[2]}`)!, b = parseRef(`${m[3] ?? m[1]}${m[4] ?? m[2]}`)!;
          const [r0, r1] = [Math.min(a.row, b.row), Math.max(a.row, b.row)];
          const [c0, c1] = [Math.min(a.col, b.col), Math.max(a.col, b.col)];
          // The area counts before anything is enumerated: A1:XFD1048576 is 2^34 cells.
          countCells((r1 - r0 + 1) * (c1 - c0 + 1) - 1, `merged range ${ref} (${count((r1 - r0 + 1) * (c1 - c0 + 1))} cells)`);
          merges.push([r0, c0, r1, c1, ref]);
          break;
        }
      }
    },
    close(name) {
      switch (localName(name)) {
        case "c": if (cell) finishCell(); break;
        case "v": inValue = false; break;
        case "is": if (inInline) inInline--; break;
        case "rPh": if (phonetic) phonetic--; break;
        case "t": inInlineT = false; break;
      }
    },
    wantText: () => cell !== null && (inValue || (inInlineT && phonetic === 0)),
    text(t) {
      if (inValue) cell!.value += t;
      else cell!.inline += t;
    },
  });

  function finishCell(): void {
    const c = cell!;
    cell = null;
    inValue = false;
    const text = cellText(displayText(c, ctx, where));
    budget.addText(text.length, where);
    if (text) byPosition.set(key(c.r, c.c), { row: c.r, col: c.c, rowSpan: 1, colSpan: 1, text });
  }

  // Merged ranges: the master keeps the range as spans (even when it shows nothing); the cells it covers go.
  for (const [r0, c0, r1, c1] of merges) {
    const master = byPosition.get(key(r0, c0)) ?? { row: r0, col: c0, rowSpan: 1, colSpan: 1, text: "" };
    for (let r = r0; r <= r1; r++) {
      budget.tick(where);
      for (let c = c0; c <= c1; c++) byPosition.delete(key(r, c));
    }
    master.rowSpan = r1 - r0 + 1;
    master.colSpan = c1 - c0 + 1;
    byPosition.set(key(r0, c0), master);
  }
  return [...byPosition.values()];
}

/** The text a cell shows: shared and inline strings, numbers through their format, dates as YYYY-MM-DD. */
function displayText(c: { r: number; c: number; type: string; style: number; value: string; inline: string }, ctx: CellContext, where: string): string {
  switch (c.type) {
    case "s": {
      const i = Number(c.value);
      if (!Number.isInteger(i) || i < 0 || i >= ctx.strings.length)
        throw new ReaderError(`corrupt XLSX: ${where} cell ${refOf(c.r, c.c)} refers to shared string ${c.value.trim() || "(none)"}, and the workbook has ${ctx.strings.length}`);
      return ctx.strings[i]!;
    }
    case "inlineStr": return c.inline || c.value;
    case "str": case "e": return c.value;
    case "b": return c.value.trim() === "1" ? "TRUE" : c.value.trim() === "0" ? "FALSE" : c.value;
    case "d": return c.value.slice(0, 10);
    default: {
      if (c.value.trim() === "") return "";
      const v = Number(c.value);
      if (!Number.isFinite(v)) return c.value;
      const format = ctx.formats[c.style];
      return isDateFormat(format) ? serialDate(v, ctx.date1904) : formatNumber(v, format);
    }
  }
}

/** "B3" → row 2, col 1 (0-based); null when it is no cell reference. */
function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  const row = Number(m[2]);
  if (row < 1 || col > MAX_COLUMNS) return null;
  return { row: row - 1, col: col - 1 };
}

function refOf(row: number, col: number): string {
  let letters = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

