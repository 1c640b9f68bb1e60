// The non-PDF half of routing by content: spreadsheets, Word and HTML through their
// readers to the same Table IR and transform as PDFs; ZIP archives member by member,
// each member routed by its own bytes, the most faithful rendition of a document loaded
// and the others cross-checked against it.
import { basename, extname } from "node:path";
import { readTablesOf } from "../extract/readers/read-tables.ts";
import { archiveMembers, ZipReader } from "../extract/readers/zip-archive.ts";
import { DEFAULT_READER_LIMITS, type ReaderLimits } from "../extract/readers/limits.ts";
import { ReadBudget } from "../extract/readers/read-budget.ts";
import { crossCheck, rank, type RenditionCheck } from "../extract/readers/renditions.ts";
import type { SourceFormat } from "../extract/formats/format-registry.ts";
import { recogniseTables } from "../transform/recognise-tables.ts";
import { documentLineItems, documentUnit } from "../transform/document-line-items.ts";
import { documentFacts } from "../transform/document-facts.ts";
import type { DocumentExtract, ExtractOptions } from "./extract-document.ts";

type ExtractBytes = (bytes: Uint8Array, file: string, options: ExtractOptions) => Promise<DocumentExtract>;

/** Members that are never documents: OS metadata. */
const JUNK_MEMBER = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$|~\$)/i;

/** Reads a non-PDF document; a failure throws an Error whose message is the one-line reason. */
export async function extractOtherFormat(
  bytes: Uint8Array, file: string, format: Exclude<SourceFormat, "pdf">, base: Pick<DocumentExtract, "docId" | "file" | "sha256">,
  options: ExtractOptions, extractBytes: ExtractBytes, limits: ReaderLimits = DEFAULT_READER_LIMITS,
): Promise<DocumentExtract> {
  if (format === "zip") return extractZip(bytes, file, base, options, extractBytes, limits);
  const read = await readTablesOf(format, bytes, limits, options.budget ?? new ReadBudget(limits));
  if (format === "html" && read.tables.length === 0)
    throw new Error(`HTML page with no tables${quotable(read.coverLines) ? ` (${JSON.stringify(quotable(read.coverLines))})` : ""}`);
  const tables = recogniseTables(read.tables);
  const facts = documentFacts([...read.coverLines, ...tables.flatMap((t) => t.table.before)], tables.map((t) => t.title), documentUnit(tables));
  return { ...base, format, pageCount: read.pageCount, facts, tables, items: documentLineItems(tables), ...(read.notes.length ? { notes: read.notes } : {}) };
}

async function extractZip(
  bytes: Uint8Array, file: string, base: Pick<DocumentExtract, "docId" | "file" | "sha256">,
  options: ExtractOptions, extractBytes: ExtractBytes, limits: ReaderLimits,
): Promise<DocumentExtract> {
  const depth = options.zipDepth ?? 0;
  // depth: how many archives enclose this one (0 for a file's own ZIP).
  if (depth > limits.maxZipDepth) throw new Error(`ZIP nested more than ${limits.maxZipDepth} deep (limit maxZipDepth)`);
  const zip = new ZipReader(bytes, limits);
  // One deadline and one count of cells for the archive and everything in it.
  const budget = options.budget ?? new ReadBudget(limits);
  const { members, notes: archiveNotes } = archiveMembers(zip, (name) => JUNK_MEMBER.test(name));
  if (members.length === 0) throw new Error("ZIP archive holds no files");
  const read: Array<{ member: string; doc: DocumentExtract }> = [];
  const errors: string[] = [];
  // One member inflated at a time: an archive never holds all its members in memory at once.
  for (const { name: member, entry } of members) {
    budget.checkTime(`member ${member}`);
    try {
      read.push({ member, doc: await extractBytes(zip.inflate(entry), `${file}!/${member}`, { ...options, zipDepth: depth + 1, budget }) });
    } catch (e) {
      errors.push(`${member}: ${(e as Error).message}`);
    }
  }
  if (read.length === 0) throw new Error(`ZIP holds no readable document (${[...errors, ...archiveNotes].join("; ")})`);

  // Members of one name in several formats are renditions of one document.
  const groups = new Map<string, typeof read>();
  for (const r of read) {
    const stem = basename(r.member, extname(r.member)).toLowerCase();
    groups.set(stem, [...(groups.get(stem) ?? []), r]);
  }
  const renditions: RenditionCheck[] = [];
  const primaries: DocumentExtract[] = [];
  for (const group of groups.values()) {
    const ordered = [...group].sort((a, b) => rank(a.doc.format, isOcr(a.doc)) - rank(b.doc.format, isOcr(b.doc)));
    const primary = ordered[0]!;
    primaries.push(primary.doc);
    for (const r of ordered) {
      const check = r === primary ? { agree: r.doc.items.length, disagree: 0, differ: [], missing: 0, extra: 0 } : crossCheck(primary.doc.items, r.doc.items);
      renditions.push({ member: r.member, format: r.doc.format, ocr: isOcr(r.doc), items: r.doc.items.length, primary: r === primary, ...check });
    }
  }
  const first = primaries[0]!;
  return {
    ...base,
    format: "zip",
    pageCount: primaries.reduce((s, d) => s + d.pageCount, 0),
    facts: first.facts,
    tables: primaries.flatMap((d) => d.tables),
    items: primaries.flatMap((d) => d.items),
    renditions,
    notes: [...archiveNotes, ...errors.map((e) => `unreadable member ${e}`), ...primaries.flatMap((d) => d.notes ?? [])],
  };
}

/** The page's first words, when they are text (not bytes decoded as text): error pages say what they are. */
function quotable(lines: string[]): string {
  const text = lines.slice(0, 3).join(" ").slice(0, 80);
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text) ? "" : text;
}

const isOcr = (d: DocumentExtract) => d.tables.some((t) => t.table.method === "ocr");
