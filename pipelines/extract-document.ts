// One document file → its extract (transform/contract): the I/O edge of extract + transform.
// Bytes are sniffed, read by their format's reader (ZIP archives member by member, each
// member routed by its own bytes) and transformed once, whatever the format.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { sniffFormat, type SourceFormat } from "../extract/readers/sniff.ts";
import { readDocument } from "../extract/read-document.ts";
import { readZip } from "../extract/readers/zip-archive.ts";
import { DEFAULT_READER_LIMITS, type ReaderLimits } from "../extract/readers/limits.ts";
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
  if (depth >= limits.maxZipDepth) throw new Error(`ZIP nested more than ${limits.maxZipDepth} deep`);
  const members = [...readZip(bytes, limits, (e) => !JUNK_MEMBER.test(e.name))].sort(([a], [b]) => a.localeCompare(b));
  if (members.length === 0) throw new Error("ZIP archive holds no files");
  const read: Array<{ member: string; format: SourceFormat; output: ReaderOutput; items: DocumentExtract["items"]; ocr: boolean }> = [];
  const errors: string[] = [];
  for (const [member, data] of members) {
    try {
      const r = await readAny(data, `${file}!/${member}`, options, depth + 1);
      const alone = transformDocument(r.output, { docId: docIdOf(member), file: `${file}!/${member}`, sha256: "0".repeat(64), format: r.format });
      read.push({ member, format: r.format, output: r.output, items: alone.extract.items, ocr: alone.extract.tables.some((t) => t.method === "ocr") });
    } catch (e) {
      errors.push(`${member}: ${(e as Error).message}`);
    }
  }
  if (read.length === 0) throw new Error(`ZIP holds no readable document (${errors.join("; ")})`);

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
  output.notes.push(...errors.map((e) => `unreadable member ${e}`));
  return { format: "zip", output, renditions };
}

/** Several members' reader outputs as one document: each member's pages after the previous member's. */
function concatenate(parts: Array<{ member: string; output: ReaderOutput }>): ReaderOutput {
  const out: ReaderOutput = { pageCount: 0, tables: [], pageText: [], coverLines: [], notes: [] };
  for (const { member, output } of parts) {
    const offset = out.pageCount;
    // Formats without pages number their tables (HTML, Word): a member spans its last page number.
    const span = Math.max(output.pageCount, ...output.tables.map((t) => t.page), ...output.pageText.map((p) => p.page));
    out.tables.push(...output.tables.map((t) => ({ ...t, page: t.page + offset, cells: t.cells.map((c) => ({ ...c, page: c.page + offset })) })));
    out.pageText.push(...output.pageText.map((p) => ({ ...p, page: p.page + offset })));
    out.coverLines.push(...output.coverLines);
    out.notes.push(...output.notes.map((n) => `${member}: ${n}`));
    if (parts.length > 1) out.notes.push(`pages ${offset + 1}–${offset + span}: ${member}`);
    out.pageCount += span;
  }
  return out;
}

/** The format by magic bytes ("%PDF-" within the first KiB: some producers prepend junk). */
function sniffed(bytes: Uint8Array, file: string): SourceFormat {
  try {
    return sniffFormat(bytes);
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
