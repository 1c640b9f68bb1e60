// The pure parts of pipelines/ops: shard parsing and assignment, the fault hook's spec, the
// progress line, the extract sanity check, the summary lines and exit rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseShard, shardOfSource, sourcesOfShard, shardName } from "../../pipelines/ops/shard.ts";
import { parseFault } from "../../pipelines/ops/fault-hook.ts";
import { progressLine } from "../../pipelines/ops/progress.ts";
import { explainReason } from "../../pipelines/ops/document-sanity.ts";
import { undecodableText } from "../../transform/undecodable-text.ts";
import { hasFailures, summaryLines, type RunSummary } from "../../pipelines/ops/run-summary.ts";
import { ConfigError } from "../../pipelines/ops/exit-codes.ts";

test("--shard K/N: parsed, checked, and every source in exactly one shard, the same every time", () => {
  assert.deepEqual(parseShard("2/3"), { index: 2, count: 3 });
  assert.equal(shardName({ index: 2, count: 3 }), "2-of-3");
  for (const bad of ["0/3", "4/3", "1/0", "a/b", "1-3", "", "1/3/4"]) assert.throws(() => parseShard(bad), ConfigError, bad);
  const sources = Array.from({ length: 200 }, (_, i) => ({ name: `gov-${i}` }));
  const parts = [1, 2, 3].map((k) => sourcesOfShard(sources, { index: k, count: 3 }).map((s) => s.name));
  assert.deepEqual(parts.flat().sort(), sources.map((s) => s.name).sort());
  assert.ok(parts.every((p) => p.length > 40), `balanced: ${parts.map((p) => p.length)}`);
  assert.equal(shardOfSource("sample-portal", 3), 2);
  assert.equal(sourcesOfShard(sources, null).length, 200);
});

test("BUDGET_FAULT_AT: <point>:<n>", () => {
  assert.deepEqual(parseFault("load-before-commit:2"), { point: "load-before-commit", n: 2 });
  assert.equal(parseFault(undefined), null);
  assert.throws(() => parseFault("extract"), /expected <point>:<n>/);
});

test("progress line: bar, counts, failures, rate and ETA", () => {
  assert.equal(progressLine("extract", { done: 5, total: 10, failed: 1 }, 2000, 10), "extract  █████░░░░░ 5/10 (1 failed) 2.5 doc/s ETA 2s");
  assert.equal(progressLine("crawl", { done: 0, total: 0, failed: 0 }, 0, 4), "crawl    ░░░░ 0/0 0.0 doc/s");
});

test("extract sanity: text mostly undecodable is a wrong charset; stack exhaustion named", () => {
  const table = (texts: string[]) => ({ title: "一般公共预算支出表", table: { cells: texts.map((text) => ({ text })) } });
  const garbled = [table(["\uFFFD\uFFFD\uFFFD\uFFFD", "\uFFFD\uFFFD\uFFFD科目", "100.00"])] as never;
  assert.match(undecodableText(garbled)!, /^wrong charset: 7 of 24 characters/);
  assert.equal(undecodableText([table(["科目编码", "201", "一般公共服务支出", "100.00"])] as never), null);
  assert.equal(explainReason("Maximum call stack size exceeded"), "structure nested too deeply to read (call stack exhausted): Maximum call stack size exceeded");
  assert.equal(explainReason("PDF unreadable: x"), "PDF unreadable: x");
});

test("run summary: dead links are not failures; every failure listed with its reason", () => {
  const s: RunSummary = {
    runId: "20250101T021500Z-abcdef", shard: "1-of-3", startedAt: new Date("2025-01-01T02:15:00Z"), finishedAt: new Date("2025-01-01T02:16:30Z"),
    exitCode: 1, interrupted: false, sources: 2, fetched: 10, documents: 4, newDocuments: 1, changedDocuments: 1, gone: 2, crawlFailed: 0,
    unchanged: 2, extracted: 1, extractFailed: 1, loaded: 2, loadFailed: 0, lineItems: 300, validationFailures: 1, loadRunIds: ["r1"],
    codeVersion: "0.1.0", logFile: "data/logs/run-2025-01-01.jsonl",
    failures: [{ stage: "extract", source: "a", url: "http://x/a.pdf", docId: "a", sha256: null, kind: "extract", reason: "extract failed: PDF unreadable" }],
  };
  assert.equal(hasFailures({ crawlFailed: 0, extractFailed: 0, loadFailed: 0, interrupted: false }), false);
  assert.equal(hasFailures(s), true);
  assert.deepEqual(summaryLines(s), [
    "run 20250101T021500Z-abcdef (shard 1-of-3): 2 source(s), 90.0 s",
    "  fetched 10  documents 4 (new 1, changed 1, unchanged 2)  failed 1 (crawl 0, extract 1, load 0)  gone 2",
    "  loaded 2  line items 300  validation failures 1  exit 1",
    "  FAILED [extract] a (http://x/a.pdf): extract failed: PDF unreadable",
    "  log: data/logs/run-2025-01-01.jsonl",
  ]);
});
