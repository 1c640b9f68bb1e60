// The process report `lines` prints for the bench and the memory tests (BUDGET_REPORT_PEAK_RSS):
// written and read by one module, and its CPU figures those of this process.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { parseProcessReport, processReport, processReportLines, withoutProcessReport } from "../pipelines/ops/process-report.ts";

test("the report's lines read back as written, and leave the rest of stderr as it was", () => {
  const lines = processReportLines({ peakRssKb: 217_344, cpuMs: 5103.6, mainThreadCpuMs: 2810 });
  assert.equal(lines, "peak-rss-kb 217344\ncpu-ms 5104 main 2810\n");
  const stderr = `a.pdf: no line items: narrative only\n${lines}`;
  assert.deepEqual(parseProcessReport(stderr), { peakRssKb: 217_344, cpu: { cpuMs: 5104, mainThreadCpuMs: 2810 } });
  assert.equal(withoutProcessReport(stderr), "a.pdf: no line items: narrative only\n");
  assert.deepEqual(parseProcessReport(processReportLines({ peakRssKb: 1, cpuMs: 2, mainThreadCpuMs: null })).cpu, { cpuMs: 2, mainThreadCpuMs: null });
  assert.deepEqual(parseProcessReport("nothing here"), { peakRssKb: null, cpu: null });
});

test("CPU time: work on the main thread shows in both figures, the main thread's within the whole", { skip: process.platform !== "linux" && "reads /proc (Linux)" }, () => {
  const before = processReport();
  // Until this process has used 600 ms of CPU (not of wall time: the machine may be shared).
  const start = process.cpuUsage();
  const used = () => { const u = process.cpuUsage(start); return (u.user + u.system) / 1000; };
  let x = 0;
  while (used() < 600) for (let i = 0; i < 100_000; i++) x += Math.sqrt(i);
  const after = processReport();
  assert.ok(x > 0);
  const processGrew = after.cpuMs - before.cpuMs;
  assert.ok(processGrew >= 600, `process CPU grew by ${processGrew} ms`);
  assert.ok(after.mainThreadCpuMs !== null && before.mainThreadCpuMs !== null);
  const mainGrew = after.mainThreadCpuMs - before.mainThreadCpuMs;
  // /proc counts in ticks of 10 ms; the loop is the main thread's, and the main thread is part of the process.
  assert.ok(mainGrew >= 400, `main thread CPU grew by ${mainGrew} ms of the process's ${processGrew}`);
  assert.ok(mainGrew <= processGrew + 20, `main thread ${mainGrew} ms > process ${processGrew} ms`);
  assert.ok(after.peakRssKb > 10_000);
});

test("lines prints the report when asked, and only then", { timeout: 120_000 }, () => {
  const run = (env: Record<string, string>) => spawnSync(process.execPath, ["pipelines/launch.mjs", "pipelines/cli.ts", "lines", "--help"], { encoding: "utf8", env: { ...process.env, ...env } });
  const asked = run({ BUDGET_REPORT_PEAK_RSS: "1" });
  const report = parseProcessReport(asked.stderr);
  assert.ok(report.peakRssKb !== null && report.peakRssKb > 10_000, asked.stderr);
  assert.ok(report.cpu !== null && report.cpu.cpuMs > 0, asked.stderr);
  const quiet = run({ BUDGET_REPORT_PEAK_RSS: "" });
  assert.deepEqual(parseProcessReport(quiet.stderr), { peakRssKb: null, cpu: null });
});
