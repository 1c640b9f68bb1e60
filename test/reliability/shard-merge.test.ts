// Scale-out: the sources split over three shard processes (run --shard K/3, started together),
// then merge — the warehouse equals one unsharded run's: same rows, same checksums of the
// facts and documents, the same rows in each lake partition (the files themselves are one per
// load and partition, so they follow how each run batched its loads). Over the sample portal and a generated portal of
// 1,000 documents in six sources. A merge killed mid-way completes on the next merge.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lakeContents, runCli, startSmallPortal, warehouseFingerprint } from "./harness.ts";
import { startGeneratedPortal, writeGeneratedSources } from "./generated-portal.ts";
import { shardOfSource } from "../../pipelines/ops/shard.ts";

const GENERATED = 1000;
const SHARDS = 3;

test(`${SHARDS} shards + merge equal one run: sample portal and ${GENERATED} generated documents`, { timeout: 600_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "shard-merge-"));
  const sample = await startSmallPortal(join(dir, "sample"));
  const generated = await startGeneratedPortal({ documents: GENERATED, columns: 6 });
  t.after(async () => { await sample.close(); await generated.close(); await rm(dir, { recursive: true, force: true }); });
  const sources = join(dir, "sources");
  await cp(sample.sources, sources, { recursive: true });
  await writeGeneratedSources(generated, sources);
  const names = ["sample-portal", ...generated.sources];
  for (let k = 1; k <= SHARDS; k++) assert.ok(names.some((n) => shardOfSource(n, SHARDS) === k), `shard ${k} has sources`);

  const single = join(dir, "single");
  const one = await runCli(["run", "--sources", sources, "--data", single]);
  assert.equal(one.code, 0, one.stdout + one.stderr.slice(-2000));
  assert.match(one.stdout, new RegExp(`loaded ${GENERATED + 3} {2}line items`));

  const sharded = join(dir, "sharded");
  const shards = await Promise.all(Array.from({ length: SHARDS }, (_, i) =>
    runCli(["run", "--sources", sources, "--data", sharded, "--shard", `${i + 1}/${SHARDS}`, "--jobs", "1"])));
  for (const [i, r] of shards.entries()) assert.equal(r.code, 0, `shard ${i + 1}: ${r.stdout}\n${r.stderr.slice(-2000)}`);
  const loaded = shards.map((r) => Number(/loaded (\d+)/.exec(r.stdout)![1]));
  assert.equal(loaded.reduce((a, b) => a + b, 0), GENERATED + 3, `documents per shard: ${loaded}`);
  assert.ok(loaded.every((n) => n > 0), `every shard loaded documents: ${loaded}`);

  // A merge killed after its commit, and one killed while copying the lake, each completed by the next merge.
  for (const point of ["merge-committed:1", "merge-lake:5"]) {
    const killed = await runCli(["merge", "--data", sharded], { BUDGET_FAULT_AT: point });
    assert.equal(killed.signal, "SIGKILL", `${point}: ${killed.stderr}`);
  }
  const merged = await runCli(["merge", "--data", sharded]);
  assert.equal(merged.code, 0, merged.stderr);
  assert.match(merged.stdout, new RegExp(`merged 3 shard\\(s\\) \\(1-of-3, 2-of-3, 3-of-3\\) .*: ${GENERATED + 3} document\\(s\\)`));

  const expected = await warehouseFingerprint(single);
  assert.deepEqual(await warehouseFingerprint(sharded), expected);
  const lake = await lakeContents(single);
  assert.ok(Object.keys(lake).length > GENERATED, `the lake holds every document: ${Object.keys(lake).length}`);
  assert.deepEqual(await lakeContents(sharded), lake);

  const again = await runCli(["merge", "--data", sharded]);
  assert.match(again.stdout, /, 0 copied;/, "a second merge copies nothing");
  assert.deepEqual(await warehouseFingerprint(sharded), expected);

  // A missing shard is a configuration error, named.
  await rm(join(sharded, "shards", "2-of-3", "shard.json"));
  const missing = await runCli(["merge", "--data", sharded]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /shard\(s\) 2-of-3 have not finished a run/);
});
