// A ZIP archive (also the container of XLSX and DOCX) read from memory, with the
// limits that make hostile archives cheap: member count, inflated size per member
// and in total (enforced while inflating, not trusted from the headers), compression
// ratio, unsafe member paths, encryption, ZIP64. Only the central directory is
// trusted for names; data is read at each member's local header.
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
  if (count > limits.maxZipEntries) throw new ReaderError(`ZIP lists ${count} members, more than the limit of ${limits.maxZipEntries}`);
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

/** Inflates members chosen by `want` (all by default), every limit checked. */
export function readZip(bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS, want: (e: ZipEntry) => boolean = () => true): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Buffer>();
  let total = 0;
  for (const e of listZip(bytes, limits)) {
    if (e.isDirectory || !want(e)) continue;
    if (e.encrypted) throw new ReaderError(`encrypted ZIP member ${e.name} (password-protected archives are not read)`);
    if (e.size > limits.maxEntryBytes) throw new ReaderError(`ZIP member ${e.name} declares ${mib(e.size)}, more than the limit of ${mib(limits.maxEntryBytes)}`);
    if (e.compressedSize > 0 && e.size / e.compressedSize > limits.maxCompressionRatio)
      throw new ReaderError(`zip bomb: member ${e.name} inflates ${Math.round(e.size / e.compressedSize)}× (limit ${limits.maxCompressionRatio}×)`);
    const data = memberData(buf, e);
    const room = Math.min(limits.maxEntryBytes, limits.maxTotalUnzippedBytes - total);
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
    total += content.length;
    if (total > limits.maxTotalUnzippedBytes) throw new ReaderError(`zip bomb: members inflate past ${mib(limits.maxTotalUnzippedBytes)} in total`);
    out.set(e.name, content);
  }
  return out;
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
