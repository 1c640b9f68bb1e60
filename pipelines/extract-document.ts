// One document file → its extract (transform/contract): the I/O edge of extract + transform.
// Bytes are sniffed, read by their format's reader (ZIP archives member by member, each
// member routed by its own bytes) and transformed once, whatever the format.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { readableFormat, type SourceFormat } from "../extract/formats/format-registry.ts";
import { readDocument } from "../extract/read-document.ts";
import { archiveMembers, ZipReader } from "../extract/readers/zip-archive.ts";
import { DEFAULT_READER_LIMITS, type ReaderLimits } from "../extract/readers/limits.ts";
import { ReadBudget } from "../extract/readers/read-budget.ts";
import type { ReaderOutput } from "../extract/reader-output.ts";
import type { PdfEngineName } from "../extract/pdf/pdf-engine.ts";
import { transformDocument, type TransformedDocument } from "../transform/transform-document.ts";
import { crossCheck, rank } from "../transform/renditions.ts";
import type { DocumentExtract, RenditionCheck } from "../transform/contract/index.ts";

export type { DocumentExtract };

/** A document that could not be read, with the reason in words: one line (tools quote their stderr over several). */
export class DocumentError extends Error {
  override name = "DocumentError";
  constructor(readonly file: string, reason: string) { super(oneLine(reason)); }
}

export const oneLine = (reason: string) => reason.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join(" | ");

export const docIdOf = (file: string) => basename(file, extname(file));

export interface ExtractOptions {
  /** Only these pages (1-based). */
  pages?: number[];
  /** Ignore ruling lines: every table is read by text alignment (to check that reader). */
  noRulings?: boolean;
  /** The PDF engine (default DEFAULT_PDF_ENGINE); pdf.js is the reference. */
  engine?: PdfEngineName;
  limits?: ReaderLimits;
  /** Internal: the limits and deadline of the document this one is part of (a ZIP's members share the archive's). */
  budget?: ReadBudget;
  /** Threads reading a scan's pages at once (ReadOptions.ocrPageWorkers); the extraction pool sets 1 where other documents are read at the same time. */
  ocrPageWorkers?: number;
}

export async function extractDocumentFile(file: string, options: ExtractOptions = {}): Promise<DocumentExtract> {
  return (await inspectDocumentFile(file, options)).extract;
}

/** The extract and the recognised tables behind it (grids, layouts): for `tables` and debugging. */
export async function inspectDocumentFile(file: string, options: ExtractOptions = {}): Promise<TransformedDocument> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new DocumentError(file, `cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return inspectDocumentBytes(bytes, file, options);
}

export async function extractDocumentBytes(bytes: Uint8Array, file: string, options: ExtractOptions = {}): Promise<DocumentExtract> {
  return (await inspectDocumentBytes(bytes, file, options)).extract;
}

export async function inspectDocumentBytes(bytes: Uint8Array, file: string, options: ExtractOptions = {}): Promise<TransformedDocument> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const { format, output, renditions } = await readAny(bytes, file, options, 0);
  let done: TransformedDocument;
  try {
    done = transformDocument(output, { docId: docIdOf(file), file, sha256, format });
  } catch (e) {
    throw new DocumentError(file, (e as Error).message);
  }
  if (renditions) done.extract.renditions = renditions;
  return done;
}

interface ReadAny { format: SourceFormat; output: ReaderOutput; renditions?: RenditionCheck[] }

async function readAny(bytes: Uint8Array, file: string, options: ExtractOptions, depth: number): Promise<ReadAny> {
  if (bytes.length === 0) throw new DocumentError(file, "empty file (0 bytes)");
  const format = sniffed(bytes, file);
  try {
    if (format === "zip") return await readArchive(bytes, file, options, depth);
    return { format, output: await readDocument(bytes, format, options) };
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    throw new DocumentError(file, misnamed(file, format) + (e as Error).message);
  }
}

/** Members that are never documents: OS metadata. */
const JUNK_MEMBER = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$|~\$)/i;

/**
 * A ZIP: every member read; members of one name in several formats are renditions of one
 * document — the most faithful is kept and the others cross-checked against it item by item;
 * the kept members are read as one document, their pages one after another.
 */
async function readArchive(bytes: Uint8Array, file: string, options: ExtractOptions, depth: number): Promise<ReadAny> {
  const limits = options.limits ?? DEFAULT_READER_LIMITS;
  // depth: how many archives enclose this one (0 for a file's own ZIP).
  if (depth > limits.maxZipDepth) throw new Error(`ZIP nested more than ${limits.maxZipDepth} deep (limit maxZipDepth)`);
  const zip = new ZipReader(bytes, limits);
  const { members, notes: archiveNotes } = archiveMembers(zip, (name) => JUNK_MEMBER.test(name));
  if (members.length === 0) throw new Error("ZIP archive holds no files");
  // One deadline and one count of cells for the archive and everything in it.
  const budget = options.budget ?? new ReadBudget(limits);
  const read: Array<{ member: string; format: SourceFormat; output: ReaderOutput; items: DocumentExtract["items"]; ocr: boolean }> = [];
  const errors: string[] = [];
  // One member inflated at a time: an archive never holds all its members in memory at once.
  for (const { name: member, entry } of members) {
    budget.checkTime(`member ${member}`);
    try {
      const r = await readAny(zip.inflate(entry), `${file}!/${member}`, { ...options, budget }, depth + 1);
      const alone = transformDocument(r.output, { docId: docIdOf(member), file: `${file}!/${member}`, sha256: "0".repeat(64), format: r.format });
      read.push({ member, format: r.format, output: r.output, items: alone.extract.items, ocr: alone.extract.tables.some((t) => t.method === "ocr") });
    } catch (e) {
      errors.push(`${member}: ${(e as Error).message}`);
    }
  }
  if (read.length === 0) throw new Error(`ZIP holds no readable document (${[...errors, ...archiveNotes].join("; ")})`);

  const groups = new Map<string, typeof read>();
  for (const r of read) {
    const stem = basename(r.member, extname(r.member)).toLowerCase();
    groups.set(stem, [...(groups.get(stem) ?? []), r]);
  }
  const renditions: RenditionCheck[] = [];
  const primaries: typeof read = [];
  for (const group of groups.values()) {
    const ordered = [...group].sort((a, b) => rank(a.format, a.ocr) - rank(b.format, b.ocr));
    const primary = ordered[0]!;
    primaries.push(primary);
    for (const r of ordered) {
      const check = r === primary ? { agree: r.items.length, disagree: 0, differ: [], missing: 0, extra: 0 } : crossCheck(primary.items, r.items);
      renditions.push({ member: r.member, format: r.format, ocr: r.ocr, items: r.items.length, primary: r === primary, ...check });
    }
  }
  const output = concatenate(primaries.map((p) => ({ member: p.member, output: p.output })));
  for (const n of archiveNotes) output.notes.push(n);
  for (const e of errors) output.notes.push(`unreadable member ${e}`);
  return { format: "zip", output, renditions };
}

/** Several members' reader outputs as one document: each member's pages after the previous member's. */
function concatenate(parts: Array<{ member: string; output: ReaderOutput }>): ReaderOutput {
  const out: ReaderOutput = { pageCount: 0, tables: [], pageText: [], coverLines: [], notes: [] };
  for (const { member, output } of parts) {
    const offset = out.pageCount;
    // Formats without pages number their tables (HTML, Word): a member spans its last page number.
    // Loops, not spreads: a member may hold more tables than arguments fit on the stack.
    let span = output.pageCount;
    for (const t of output.tables) {
      if (t.page > span) span = t.page;
      out.tables.push({ ...t, page: t.page + offset, cells: t.cells.map((c) => ({ ...c, page: c.page + offset })) });
    }
    for (const p of output.pageText) {
      if (p.page > span) span = p.page;
      out.pageText.push({ ...p, page: p.page + offset });
    }
    for (const l of output.coverLines) out.coverLines.push(l);
    for (const n of output.notes) out.notes.push(`${member}: ${n}`);
    if (parts.length > 1) out.notes.push(`pages ${offset + 1}–${offset + span}: ${member}`);
    out.pageCount += span;
  }
  return out;
}

/** The format by magic bytes ("%PDF-" within the first KiB: some producers prepend junk). */
function sniffed(bytes: Uint8Array, file: string): SourceFormat {
  try {
    return readableFormat(bytes);
  } catch (e) {
    throw new DocumentError(file, (extname(file).toLowerCase() === ".pdf" ? "not a PDF: " : "") + (e as Error).message);
  }
}

/** When a failing file's name promises another format, say so first: "not a PDF but HTML: …". */
function misnamed(file: string, format: SourceFormat): string {
  const ext = extname(file).slice(1).toLowerCase();
  const named = ext === "htm" ? "html" : ext;
  // A broken XLSX/DOCX package sniffs as a plain ZIP: the ZIP error says enough.
  const container = format === "zip" && (named === "xlsx" || named === "docx");
  return named && named !== format && !container && ["pdf", "xlsx", "xls", "docx", "doc", "html", "zip"].includes(named) ? `not a ${named.toUpperCase()} but ${format.toUpperCase()}: ` : "";
}
