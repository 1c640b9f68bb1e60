// The run's log: JSON lines (pino) appended to a file, and to stderr — as JSON lines when
// stderr is not a terminal (cron mail, journald), as short human lines (warnings and errors
// only, above the progress bar) when it is. Writes are synchronous so that a crash loses no
// line before it.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import pino, { type Logger } from "pino";
import { createProgress, type Progress } from "./progress.ts";

export interface RunLogOptions {
  /** JSON-lines file, appended to. */
  file: string;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Fields on every line (run id, shard). */
  base?: Record<string, unknown>;
  level?: string;
}

export interface RunLog {
  log: Logger;
  progress: Progress;
  file: string;
  close(): void;
}

/** `<data>/logs/run-2025-01-31.jsonl` (one file a day; `-shard-K-of-N` for a shard). */
export function defaultLogFile(dataDir: string, now: Date, shardName?: string): string {
  return join(dataDir, "logs", `run-${now.toISOString().slice(0, 10)}${shardName ? `-shard-${shardName}` : ""}.jsonl`);
}

const LEVEL_NAMES: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "WARN", 50: "ERROR", 60: "FATAL" };

export function openRunLog(o: RunLogOptions): RunLog {
  mkdirSync(dirname(o.file), { recursive: true });
  const tty = o.stderr.isTTY === true;
  const progress = createProgress(o.stderr, tty);
  const fileStream = pino.destination({ dest: o.file, sync: true, append: true, mkdir: true });
  const toStderr = o.stderr === process.stderr ? pino.destination({ dest: 2, sync: true }) : o.stderr;
  const human = {
    write(line: string) {
      const rec = JSON.parse(line) as { level: number; msg: string; reason?: string; doc?: string; url?: string };
      const what = [rec.doc ?? rec.url, rec.reason].filter(Boolean).join(": ");
      progress.note(`${LEVEL_NAMES[rec.level] ?? rec.level} ${rec.msg}${what ? ` — ${what}` : ""}`);
      return true;
    },
  };
  const streams: pino.StreamEntry[] = [
    { level: (o.level ?? "info") as pino.Level, stream: fileStream },
    tty ? { level: "warn", stream: human } : { level: (o.level ?? "info") as pino.Level, stream: toStderr },
  ];
  const log = pino({ level: o.level ?? "info", base: { pid: process.pid, ...o.base }, timestamp: pino.stdTimeFunctions.isoTime }, pino.multistream(streams));
  return {
    log, progress, file: o.file,
    close() {
      progress.stop();
      fileStream.flushSync();
      fileStream.end();
    },
  };
}
