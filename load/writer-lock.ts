// One writer at a time per data dir (or shard) — `run`, `merge`, `npm start`, `query --write`,
// loadExtracts: a lock file created atomically, holding who owns it. Readers take no lock. A lock whose owner died (kill -9, power loss) is stale and taken over: on the same host
// the owner is checked by pid and process start time (a reused pid is not the owner); a lock
// from another host is never taken over automatically (its owner cannot be checked from here).
import { hostname } from "node:os";
import { link, mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";

/** The writer lock of a data dir (or a shard's folder). */
export const WRITER_LOCK_FILE = "run.lock";

export const LockOwner = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  /** Process start time in clock ticks since boot (Linux /proc/<pid>/stat field 22), null elsewhere. */
  processStart: z.string().nullable(),
  startedAt: z.string(),
  command: z.string(),
});
export type LockOwner = z.infer<typeof LockOwner>;

/** Another live run holds the lock. */
export class LockedError extends Error {
  override name = "LockedError";
  constructor(readonly lockFile: string, readonly owner: LockOwner | null) {
    super(owner
      ? `${lockFile} is held by pid ${owner.pid} on ${owner.host} (running since ${owner.startedAt}: ${owner.command}); another run is in progress`
      : `${lockFile} is held by another run (its owner could not be read)`);
  }
}

export interface RunLock {
  file: string;
  owner: LockOwner;
  /** A stale lock of this owner was taken over. */
  tookOver: LockOwner | null;
  release(): Promise<void>;
}

/** Start time of a process, to tell it from a later process that got the same pid. */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by another user
  }
}

/** Whether a lock's owner is certainly gone (pure but for the process table). */
export function isStale(owner: LockOwner, host = hostname()): boolean {
  if (owner.host !== host) return false;
  if (!isAlive(owner.pid)) return true;
  const start = processStartTicks(owner.pid);
  return owner.processStart !== null && start !== null && start !== owner.processStart;
}

async function readOwner(file: string): Promise<LockOwner | null | "missing"> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw e;
  }
  const parsed = LockOwner.safeParse((() => { try { return JSON.parse(text); } catch { return null; } })());
  return parsed.success ? parsed.data : null;
}

export interface AcquireOptions {
  command?: string;
  /** A lock file that cannot be parsed (a crash while writing it) older than this is stale. */
  unreadableStaleMs?: number;
}

/** Takes the lock or throws LockedError at once (never waits: cron starts the next run later). */
export async function acquireRunLock(file: string, options: AcquireOptions = {}): Promise<RunLock> {
  await mkdir(dirname(file), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid, host: hostname(), processStart: processStartTicks(process.pid),
    startedAt: new Date().toISOString(), command: options.command ?? process.argv.slice(1).join(" "),
  };
  let tookOver: LockOwner | null = null;
  // Two attempts: the second after removing a stale lock (a racing run may win it: then we are locked out).
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await linkOwnerFile(file, owner)) {
      return { file, owner, tookOver, release: () => releaseLock(file, owner) };
    }
    const current = await readOwner(file);
    if (current === "missing") continue;
    const stale = current === null ? await unreadableAndOld(file, options.unreadableStaleMs ?? 60_000) : isStale(current);
    if (!stale || attempt > 0) throw new LockedError(file, current);
    // Move it aside first: of two runs that both found it stale, only one rename succeeds.
    const aside = `${file}.stale-${randomBytes(4).toString("hex")}`;
    try {
      await rename(file, aside);
      await unlink(aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    tookOver = current;
  }
  throw new LockedError(file, null);
}

/**
 * Creates the lock file with its owner already written: the owner goes to a private file first,
 * then link() publishes it under the lock name, atomically and only if that name is free. (Creating
 * the lock with O_EXCL and writing afterwards lets a racing run read it empty.)
 */
async function linkOwnerFile(file: string, owner: LockOwner): Promise<boolean> {
  const draft = `${file}.${process.pid}-${randomBytes(4).toString("hex")}`;
  const handle = await open(draft, "wx");
  try {
    await handle.writeFile(JSON.stringify(owner) + "\n");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(draft, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return false;
  } finally {
    await unlink(draft).catch(() => {});
  }
}

async function unreadableAndOld(file: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs > ms;
  } catch {
    return true;
  }
}

async function releaseLock(file: string, owner: LockOwner): Promise<void> {
  const current = await readOwner(file);
  // Only our own lock: a lock taken over after we were presumed dead is not ours to remove.
  if (current !== "missing" && current !== null && current.pid === owner.pid && current.startedAt === owner.startedAt) {
    await unlink(file).catch(() => {});
  }
}

/** The live owner of a lock file, or null when there is none or it is stale (for merge: no shard may be running). */
export async function liveLockOwner(file: string): Promise<LockOwner | null> {
  const owner = await readOwner(file);
  if (owner === "missing" || owner === null) return null;
  return isStale(owner) ? null : owner;
}
