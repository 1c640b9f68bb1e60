// A ZIP archive (also the container of XLSX and DOCX) read from memory, with the
// limits that make hostile archives cheap: member count, inflated size per member
// and in total (enforced while inflating, not trusted from the headers), compression
// ratio, unsafe member paths, encryption, ZIP64. Only the central directory is
// trusted for names; data is read at each member's local header, one member at a
// time when asked (an archive never has all its members inflated at once).
import { crc32, inflateRawSync } from "node:zlib";
import { ReaderError } from "./reader-error.ts";
import { DEFAULT_READER_LIMITS, mib, type ReaderLimits } from "./limits.ts";

export interface ZipEntry {
  /** Path inside the archive, "/" separated. */
  name: string;
  compressedSize: number;
  size: number;
  method: number;
  encrypted: boolean;
  isDirectory: boolean;
  crc: number;
  localOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;

/** The members listed in the central directory (no data inflated). */
export function listZip(bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(buf);
  if (eocd < 0) throw new ReaderError("corrupt or truncated ZIP: no end-of-central-directory record");
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === ZIP64_MARK) throw new ReaderError("ZIP64 archives are not supported");
  if (count > limits.maxZipEntries) throw new ReaderError(`ZIP lists ${count} members, more than the limit of ${limits.maxZipEntries} (maxZipEntries)`);
  if (cdOffset + cdSize > buf.length) throw new ReaderError("corrupt or truncated ZIP: central directory past the end of the file");
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw new ReaderError(`corrupt ZIP: central directory entry ${i + 1} of ${count} is damaged`);
    const flags = buf.readUInt16LE(p + 8);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const rawName = buf.subarray(p + 46, p + 46 + nameLen);
    const entry: ZipEntry = {
      name: decodeName(rawName, (flags & 0x800) !== 0),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      encrypted: (flags & 0x1) !== 0,
      isDirectory: false,
    };
    entry.isDirectory = entry.name.endsWith("/");
    if (entry.size === ZIP64_MARK || entry.compressedSize === ZIP64_MARK || entry.localOffset === ZIP64_MARK) throw new ReaderError("ZIP64 archives are not supported");
    checkPath(entry.name);
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Names listed more than once, each with how often (case as written; "/" and "\" alike). */
export function duplicateNames(entries: readonly ZipEntry[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const e of entries) if (!e.isDirectory) seen.set(e.name.replace(/\\/g, "/"), (seen.get(e.name.replace(/\\/g, "/")) ?? 0) + 1);
  return new Map([...seen].filter(([, n]) => n > 1));
}

/**
 * An archive opened for reading member by member: `inflate` checks every limit, the total
 * over all members inflated so far included. Nothing is inflated until asked.
 */
export class ZipReader {
  readonly entries: ZipEntry[];
  private readonly buf: Buffer;
  private total = 0;

  constructor(bytes: Uint8Array, private readonly limits: ReaderLimits = DEFAULT_READER_LIMITS) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.entries = listZip(bytes, limits);
  }

  inflate(e: ZipEntry): Buffer {
    const limits = this.limits;
    if (e.encrypted) throw new ReaderError(`encrypted ZIP member ${e.name} (password-protected archives are not read)`);
    if (e.size > limits.maxEntryBytes) throw new ReaderError(`ZIP member ${e.name} declares ${mib(e.size)}, more than the limit of ${mib(limits.maxEntryBytes)} (maxEntryBytes)`);
    if (e.compressedSize > 0 && e.size / e.compressedSize > limits.maxCompressionRatio)
      throw new ReaderError(`zip bomb: member ${e.name} inflates ${Math.round(e.size / e.compressedSize)}× (limit ${limits.maxCompressionRatio}×)`);
    const data = memberData(this.buf, e);
    const room = Math.min(limits.maxEntryBytes, limits.maxTotalUnzippedBytes - this.total);
    let content: Buffer;
    if (e.method === STORED) content = data;
    else if (e.method === DEFLATED) {
      try {
        // maxOutputLength stops inflation itself: a lying size header cannot get past it.
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, room) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
          throw new ReaderError(`zip bomb: member ${e.name} inflates past ${mib(room)} (limit per member ${mib(limits.maxEntryBytes)}, in total ${mib(limits.maxTotalUnzippedBytes)})`);
        throw new ReaderError(`corrupt ZIP member ${e.name}: ${(err as Error).message}`);
      }
    } else throw new ReaderError(`ZIP member ${e.name} uses compression method ${e.method} (only stored and deflate are read)`);
    if (content.length !== e.size) throw new ReaderError(`corrupt ZIP member ${e.name}: ${content.length} bytes inflated, ${e.size} declared`);
    if (e.compressedSize > 0 && content.length / e.compressedSize > limits.maxCompressionRatio)
      throw new ReaderError(`zip bomb: member ${e.name} inflates ${Math.round(content.length / e.compressedSize)}× (limit ${limits.maxCompressionRatio}×)`);
    if (crc32(content) !== e.crc) throw new ReaderError(`corrupt ZIP member ${e.name}: CRC mismatch`);
    this.total += content.length;
    if (this.total > limits.maxTotalUnzippedBytes) throw new ReaderError(`zip bomb: members inflate past ${mib(limits.maxTotalUnzippedBytes)} in total (maxTotalUnzippedBytes)`);
    return content;
  }
}

/**
 * The parts of an OOXML package (XLSX, DOCX), inflated when first asked for. A part listed
 * twice makes the package ambiguous (which one is the sheet?): refused when it is asked for.
 */
export class PackageParts {
  private readonly zip: ZipReader;
  private readonly byName = new Map<string, ZipEntry>();
  private readonly twice: Map<string, number>;

  constructor(bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS) {
    this.zip = new ZipReader(bytes, limits);
    for (const e of this.zip.entries) if (!e.isDirectory) this.byName.set(e.name, e);
    this.twice = duplicateNames(this.zip.entries);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The part's bytes, or undefined when the package has no such part. */
  get(name: string): Buffer | undefined {
    const e = this.byName.get(name);
    if (!e) return undefined;
    if (this.twice.has(name)) throw new ReaderError(`corrupt package: part ${name} is listed ${this.twice.get(name)} times (ambiguous which one is meant)`);
    return this.zip.inflate(e);
  }
}

/** Every member of an archive (directories left out), inflated, every limit checked. */
export function readZip(bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS): Map<string, Buffer> {
  const zip = new ZipReader(bytes, limits);
  const out = new Map<string, Buffer>();
  for (const e of zip.entries) if (!e.isDirectory) out.set(e.name, zip.inflate(e));
  return out;
}

export interface ArchiveMember { name: string; entry: ZipEntry }

/**
 * The members of an archive of documents, in name order, `skip`ped ones (OS metadata) left out.
 * Members listed under one name more than once are all kept — the later ones named
 * "NAME (copy 2)", so that they are read as renditions of one document — and a note says so.
 */
export function archiveMembers(zip: ZipReader, skip: (name: string) => boolean = () => false): { members: ArchiveMember[]; notes: string[] } {
  const seen = new Map<string, number>();
  const members: ArchiveMember[] = [];
  for (const entry of zip.entries) {
    if (entry.isDirectory || skip(entry.name)) continue;
    const n = (seen.get(entry.name) ?? 0) + 1;
    seen.set(entry.name, n);
    members.push({ name: n === 1 ? entry.name : `${entry.name} (copy ${n})`, entry });
  }
  members.sort((a, b) => a.name.localeCompare(b.name));
  const notes = [...seen].filter(([, n]) => n > 1).map(([name, n]) => `duplicate member names: the archive lists ${name} ${n} times; every copy is read as a rendition of one document (one loaded, the others cross-checked against it)`);
  return { members, notes };
}

function memberData(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== SIG_LOCAL) throw new ReaderError(`corrupt or truncated ZIP: member ${e.name} has no local header`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw new ReaderError(`truncated ZIP: member ${e.name} runs past the end of the file`);
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * The end-of-central-directory record: within the last 64 KiB + 22 bytes (the comment may follow it),
 * and pointing at a central directory that ends where it starts — a stored XLSX inside a cut-off
 * archive has an EOCD of its own, which must not pass for the archive's.
 */
function findEocd(buf: Buffer): number {
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) !== SIG_EOCD) continue;
    const size = buf.readUInt32LE(p + 12), offset = buf.readUInt32LE(p + 16);
    if (offset === ZIP64_MARK || (offset + size === p && (size === 0 || buf.readUInt32LE(offset) === SIG_CENTRAL))) return p;
  }
  return -1;
}

/** Names without the UTF-8 flag are GBK in Chinese archives (CP437 elsewhere, but never here). */
function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder("utf-8").decode(raw);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder("gb18030").decode(raw);
  }
}

/** Nothing is written to disk, but a traversing or absolute name marks a hostile archive: refuse it. */
function checkPath(name: string): void {
  const n = name.replace(/\\/g, "/");
  if (n.startsWith("/") || /^[A-Za-z]:/.test(n) || n.split("/").includes("..") || n.includes("\0"))
    throw new ReaderError(`unsafe ZIP member path ${JSON.stringify(name)} (absolute or ".." traversal)`);
}
