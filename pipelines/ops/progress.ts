// A progress bar on stderr, only when stderr is a terminal: cron and systemd get the JSON log
// lines instead. Redraws at most every 100 ms; `note` prints a line above the bar.

export interface ProgressCounts { done: number; total: number; failed: number }

/** "extract ████████░░░░ 8/12 (1 failed) 2.1 doc/s ETA 2s" — pure, for the bar and tests. */
export function progressLine(label: string, c: ProgressCounts, elapsedMs: number, width = 24): string {
  const ratio = c.total > 0 ? Math.min(1, c.done / c.total) : 0;
  const filled = Math.round(ratio * width);
  const rate = elapsedMs > 0 ? c.done / (elapsedMs / 1000) : 0;
  const eta = rate > 0 && c.total > c.done ? ` ETA ${Math.ceil((c.total - c.done) / rate)}s` : "";
  const failed = c.failed > 0 ? ` (${c.failed} failed)` : "";
  return `${label.padEnd(8)} ${"█".repeat(filled)}${"░".repeat(width - filled)} ${c.done}/${c.total}${failed} ${rate.toFixed(1)} doc/s${eta}`;
}

export interface Progress {
  start(label: string, total: number): void;
  update(c: Partial<ProgressCounts>): void;
  note(line: string): void;
  /** Runs `write` (a line to another stream) with the bar cleared first and redrawn after. */
  interleave(write: () => void): void;
  stop(): void;
}

interface TtyLike { isTTY?: boolean; write(s: string): boolean; columns?: number }

export function createProgress(stream: TtyLike, enabled = stream.isTTY === true): Progress {
  if (!enabled) return { start() {}, update() {}, note: (line) => void stream.write(line + "\n"), interleave: (write) => write(), stop() {} };
  let label = "";
  let counts: ProgressCounts = { done: 0, total: 0, failed: 0 };
  let t0 = 0;
  let last = 0;
  let shown = false;
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    stream.write(`\r\x1b[2K${progressLine(label, counts, now - t0).slice(0, (stream.columns ?? 100) - 1)}`);
    shown = true;
  };
  const clear = () => { if (shown) stream.write("\r\x1b[2K"); shown = false; };
  return {
    start(l, total) { clear(); label = l; counts = { done: 0, total, failed: 0 }; t0 = Date.now(); draw(true); },
    update(c) { counts = { ...counts, ...c }; draw(counts.done === counts.total); },
    note(line) { clear(); stream.write(line + "\n"); if (label) draw(true); },
    interleave(write) { clear(); write(); if (label) draw(true); },
    stop() { clear(); label = ""; },
  };
}
