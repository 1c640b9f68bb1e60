// kill -9 of `cli run` at 22 points across crawl, extract and load (BUDGET_FAULT_AT makes the
// run SIGKILL itself at an exact point): the next run completes, exit 0, and its warehouse
// holds exactly what an uninterrupted run's does — same facts, same documents — with no lock,
// no half-published lake left behind.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { queryWarehouse, runCli, startSmallPortal, warehouseFingerprint, type SmallPortal } from "./harness.ts";

/** Where the run dies. Three documents, one per load batch, one extraction worker: every point is reached. */
const POINTS = [
  "lock:1",
  "crawl:1", "crawl:5", "crawl:10", "crawl:15",
  "extract:1", "extract:2", "extract:3",
  "load-validated:1", "load-staged:1", "load-lake-written:1", "load-in-transaction:1", "load-before-commit:1", "load-committed:1", "load-published:1",
  "load-staged:2", "load-before-commit:2", "load-committed:2",
  "load-in-transaction:3", "load-committed:3", "load-published:3",
  "summary:1",
];

describe("kill -9 of a run at any point: the next run completes and the warehouse equals an uninterrupted run's", { concurrency: 2, timeout: 600_000 }, () => {
  let dir: string;
  let portal: SmallPortal;
  let reference: Record<string, string>;
  const args = (data: string) => ["run", "--sources", portal.sources, "--data", data, "--jobs", "1", "--batch", "1"];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "kill-nine-"));
    portal = await startSmallPortal(join(dir, "portal"));
    const ref = await runCli(args(join(dir, "reference")));
    assert.equal(ref.code, 0, ref.stdout + ref.stderr);
    assert.match(ref.stdout, /loaded 3 {2}line items \d+/);
    reference = await warehouseFingerprint(join(dir, "reference"));
    assert.notEqual(reference.fact_line_items!.split(" ")[0], "0");
  });
  after(async () => {
    await portal?.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const point of POINTS) {
    test(point, async () => {
      const data = join(dir, point.replace(":", "-"));
      const killed = await runCli(args(data), { BUDGET_FAULT_AT: point });
      assert.equal(killed.signal, "SIGKILL", `not killed at ${point}: exit ${killed.code}\n${killed.stderr.slice(-2000)}`);
      assert.ok(killed.stderr.includes(`killing myself at ${point}`));

      const next = await runCli(args(data));
      assert.equal(next.code, 0, `${point}: the next run exits ${next.code}\n${next.stdout}\n${next.stderr.slice(-2000)}`);
      assert.deepEqual(await warehouseFingerprint(data), reference);

      assert.equal(existsSync(join(data, "run.lock")), false, "the lock is released");
      assert.deepEqual(await readdir(join(data, "lake", ".staging")).catch(() => []), [], "no staging folder left");
      const [last] = await queryWarehouse(data, `SELECT exit_code, loaded + unchanged_documents AS accounted FROM pipeline_runs ORDER BY finished_at DESC LIMIT 1`);
      assert.deepEqual(last, { exit_code: 0, accounted: 3 });
      if (point === "lock:1") {
        const log = await readFile(next.stdout.match(/log: (\S+)/)![1]!, "utf8");
        assert.match(log, /"event":"stale-lock"/, "the dead run's lock was taken over, and said so");
      }
    });
  }
});
