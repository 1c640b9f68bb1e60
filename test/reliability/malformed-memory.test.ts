// Every hostile input of test/hostile-inputs.ts through `lines`, one document per process,
// as an operator would run it: each must end by itself (no hang: well inside the child
// timeout), with its expected outcome (a specific reason, or its items), and with a peak
// RSS under 1 GiB — the process's own, worker threads and pdf.js included (LibreOffice and
// Tesseract run apart). The figures are printed as test diagnostics.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hostileInputs, RAW_INTERNAL_ERROR, type HostileCase } from "../hostile-inputs.ts";
import { runCli, CHILD_TIMEOUT_MS } from "./harness.ts";
import { parseProcessReport, withoutProcessReport } from "../../pipelines/ops/process-report.ts";

const LIMIT_KB = 1024 * 1024;
/** Documents read at once (the machine's two cores). */
const AT_ONCE = 2;

interface Measured { c: HostileCase; code: number | null; signal: NodeJS.Signals | null; stderr: string; rssKb: number; seconds: number }

test("hostile inputs: each ends alone with its outcome, under 1 GiB peak RSS, through `lines`", { timeout: 1_800_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "malformed-memory-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const cases = hostileInputs();
  const results: Measured[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const file = join(dir, c.name);
      await writeFile(file, await c.bytes());
      const r = await runCli(["lines", file, "--out", join(dir, "out")], { BUDGET_REPORT_PEAK_RSS: "1" });
      const rssKb = parseProcessReport(r.stderr).peakRssKb ?? NaN;
      results.push({ c, code: r.code, signal: r.signal, stderr: withoutProcessReport(r.stderr).trim(), rssKb, seconds: r.ms / 1000 });
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  results.sort((a, b) => b.rssKb - a.rssKb);
  for (const r of results) t.diagnostic(`${r.c.name}: ${Math.round(r.rssKb / 1024)} MiB, ${r.seconds.toFixed(1)} s, exit ${r.code} ${r.stderr.slice(r.stderr.indexOf(": ") + 2, 140)}`);
  for (const r of results) {
    const seen = `${r.c.name}: exit ${r.code} signal ${r.signal}, ${Math.round(r.rssKb / 1024)} MiB, ${r.seconds.toFixed(1)} s: ${r.stderr}`;
    assert.equal(r.signal, null, `ended by itself: ${seen}`);
    assert.ok(r.seconds * 1000 < CHILD_TIMEOUT_MS, seen);
    assert.ok(r.rssKb < LIMIT_KB, `peak RSS under 1 GiB: ${seen}`);
    if ("fails" in r.c.expect) {
      assert.equal(r.code, 1, seen);
      assert.match(r.stderr, r.c.expect.fails, seen);
      assert.doesNotMatch(r.stderr, RAW_INTERNAL_ERROR, seen);
    } else assert.equal(r.code, 0, seen);
  }
});
