// How a writer changes the warehouse without ever blocking a reader: it never opens the
// published file for writing. It works on a copy beside it (warehouse.next.duckdb), and
// publishes the copy by one rename over warehouse.duckdb. A reader (a notebook holding
// duckdb.connect(path, read_only=True), a `query`) keeps the file it opened — DuckDB's shared
// lock is on that file, not on the name — and sees the new state when it reopens.
//
// The copy outlives a writer that dies: the next writer continues from it (what the dead one
// committed is kept), unless the published file has changed since the copy was taken (the
// sidecar <copy>.json records which published file it started from), in which case it starts
// again from the published file. One writer at a time (writer-lock.ts) keeps this simple.
import { constants } from "node:fs";
import { copyFile, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { z } from "zod";

/** The working copy of a published warehouse file: warehouse.duckdb → warehouse.next.duckdb. */
export const workingCopyPath = (published: string) =>
  join(dirname(published), basename(published).replace(/\.duckdb$/, "") + ".next.duckdb");
const sidecarPath = (working: string) => `${working}.json`;
/** DuckDB's write-ahead log beside a database file. */
const walPath = (db: string) => `${db}.wal`;

const FileIdentity = z.object({ ino: z.number(), size: z.number(), mtimeMs: z.number() }).nullable();
const Sidecar = z.object({ basedOn: FileIdentity, createdAt: z.string() });
type FileIdentity = z.infer<typeof FileIdentity>;

async function identity(path: string): Promise<FileIdentity> {
  try {
    const s = await stat(path);
    return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

const sameFile = (a: FileIdentity, b: FileIdentity) =>
  a === null || b === null ? a === b : a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

export interface WorkingCopy {
  /** The file readers open. */
  published: string;
  /** The file this writer opens. */
  working: string;
  /** True when a dead writer's copy was taken up again (its committed loads are in it). */
  resumed: boolean;
}

/**
 * The working copy to write: the one a dead writer left when it was taken from the current
 * published file, else a fresh copy of the published file (its WAL too, if an older writer
 * left one), else nothing (a new warehouse). `fresh` skips a dead writer's copy (one that will
 * not open). Call with the writer lock held.
 */
export async function prepareWorkingCopy(published: string, options: { fresh?: boolean } = {}): Promise<WorkingCopy> {
  const working = workingCopyPath(published);
  const base = await identity(published);
  const left = options.fresh ? null : await readSidecar(working);
  if (left && sameFile(left.basedOn, base) && (await identity(working)) !== null) return { published, working, resumed: true };
  await discardWorkingCopy(working);
  if (base) {
    // A reflink where the filesystem can (instant), else a plain copy.
    await copyFile(published, working, constants.COPYFILE_FICLONE);
    if ((await identity(walPath(published))) !== null) await copyFile(walPath(published), walPath(working));
  }
  await writeFile(sidecarPath(working), JSON.stringify({ basedOn: base, createdAt: new Date().toISOString() }) + "\n");
  return { published, working, resumed: false };
}

async function readSidecar(working: string): Promise<z.infer<typeof Sidecar> | null> {
  try {
    return Sidecar.parse(JSON.parse(await readFile(sidecarPath(working), "utf8")));
  } catch {
    return null; // absent or torn: start from the published file
  }
}

async function discardWorkingCopy(working: string): Promise<void> {
  for (const f of [working, walPath(working), sidecarPath(working)]) await rm(f, { force: true });
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes the working copy the published warehouse. The copy must be closed (DuckDB
 * checkpointed it: no WAL is left beside it). The old published file's WAL, if an older
 * writer left one, belongs to the old file: it goes first, so no reader pairs it with the new one.
 */
export async function publishWorkingCopy(copy: WorkingCopy): Promise<void> {
  if ((await identity(walPath(copy.working))) !== null)
    throw new Error(`${copy.working} still has a write-ahead log: close the warehouse (checkpoint) before publishing`);
  await fsync(copy.working);
  await rm(walPath(copy.published), { force: true });
  await rename(copy.working, copy.published);
  await fsync(dirname(copy.published));
  await rm(sidecarPath(copy.working), { force: true });
}
