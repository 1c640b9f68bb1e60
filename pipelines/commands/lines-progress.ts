// Progress of `lines` over many files, on stderr. On a terminal one line redrawn in place
// ("lines 8/14 files, 212 pages, 64.3 pages/s, 1 failed"); when asked for while piped, one
// plain line per file. Either way one summary line at the end: files, pages, items,
// failures, seconds. Quiet when piped unless asked: scripts read stdout and stderr.

export interface LinesCounts { files: number; total: number; pages: number; items: number; failed: number }

/** "8/14 files, 212 pages, 64.3 pages/s, 1 failed" — pure, for the display and tests. */
export function progressText(c: LinesCounts, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? c.pages / (elapsedMs / 1000) : 0;
  return `lines ${c.files}/${c.total} files, ${c.pages} pages, ${rate.toFixed(1)} pages/s${c.failed ? `, ${c.failed} failed` : ""}`;
}

/** "lines: 14 files, 326 pages, 2615 items, 0 failed, 5.2 s" */
export function summaryText(c: LinesCounts, elapsedMs: number): string {
  return `lines: ${c.files} files, ${c.pages} pages, ${c.items} items, ${c.failed} failed, ${(elapsedMs / 1000).toFixed(1)} s`;
}

export interface LinesProgress {
  /** A file is done (failed or not). */
  done(c: LinesCounts, file: string): void;
  /** A line (a failure) printed above the progress line. */
  note(line: string): void;
  finish(c: LinesCounts): void;
}

interface Stream { isTTY?: boolean; write(s: string): boolean; columns?: number }

export type ProgressMode = "auto" | "on" | "off";

export function linesProgress(stream: Stream, mode: ProgressMode, now = () => Date.now()): LinesProgress {
  const t0 = now();
  const tty = stream.isTTY === true;
  const shown = mode === "on" || (mode === "auto" && tty);
  if (!shown) return { done() {}, note: (line) => void stream.write(line + "\n"), finish() {} };
  let drawn = false;
  let last = 0;
  const clear = () => { if (drawn) stream.write("\r\x1b[2K"); drawn = false; };
  return {
    done(c, file) {
      if (!tty) { stream.write(`${progressText(c, now() - t0)} (${file})\n`); return; }
      const t = now();
      if (t - last < 100 && c.files < c.total) return;
      last = t;
      stream.write(`\r\x1b[2K${progressText(c, t - t0).slice(0, (stream.columns ?? 100) - 1)}`);
      drawn = true;
    },
    note(line) { clear(); stream.write(line + "\n"); },
    finish(c) { clear(); stream.write(summaryText(c, now() - t0) + "\n"); },
  };
}
