// `lines` progress and summary text, and when they are shown (pipelines/commands/lines-progress.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { linesProgress, progressText, summaryText } from "../pipelines/commands/lines-progress.ts";

const counts = { files: 8, total: 14, pages: 212, items: 1500, failed: 1 };

test("progress and summary lines", () => {
  assert.equal(progressText(counts, 4000), "lines 8/14 files, 212 pages, 53.0 pages/s, 1 failed");
  assert.equal(progressText({ ...counts, failed: 0 }, 0), "lines 8/14 files, 212 pages, 0.0 pages/s");
  assert.equal(summaryText(counts, 5230), "lines: 8 files, 212 pages, 1500 items, 1 failed, 5.2 s");
});

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, s: { isTTY, columns: 80, write: (x: string) => (writes.push(x), true) } };
}

test("piped and not asked: only the failures, one line each", () => {
  const { writes, s } = stream(false);
  const p = linesProgress(s, "auto", () => 0);
  p.done(counts, "a.pdf");
  p.note("b.pdf: not a PDF");
  p.finish(counts);
  assert.deepEqual(writes, ["b.pdf: not a PDF\n"]);
});

test("on a terminal: one line redrawn in place, cleared for a failure and for the summary", () => {
  let now = 0;
  const { writes, s } = stream(true);
  const p = linesProgress(s, "auto", () => now);
  now = 2000;
  p.done({ ...counts, failed: 0 }, "a.pdf");
  p.note("b.pdf: not a PDF");
  now = 4000;
  p.finish(counts);
  assert.deepEqual(writes, [
    "\r\x1b[2Klines 8/14 files, 212 pages, 106.0 pages/s",
    "\r\x1b[2K", "b.pdf: not a PDF\n",
    "lines: 8 files, 212 pages, 1500 items, 1 failed, 4.0 s\n",
  ]);
});

test("--quiet on a terminal: nothing but failures; --progress when piped: plain lines", () => {
  const quiet = stream(true);
  const q = linesProgress(quiet.s, "off", () => 0);
  q.done(counts, "a.pdf");
  q.finish(counts);
  assert.deepEqual(quiet.writes, []);
  const asked = stream(false);
  let now = 0;
  const a = linesProgress(asked.s, "on", () => now);
  now = 1000;
  a.done(counts, "a.pdf");
  a.finish(counts);
  assert.deepEqual(asked.writes, ["lines 8/14 files, 212 pages, 212.0 pages/s, 1 failed (a.pdf)\n", "lines: 8 files, 212 pages, 1500 items, 1 failed, 1.0 s\n"]);
});
