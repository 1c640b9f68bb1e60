// Readers never block the nightly run: a notebook holds a read-only connection to the warehouse
// for the whole of a run, and `query` is asked again and again while it goes. The run exits 0
// and loads; every answer during the run is the last published state (never a lock error), the
// run's result is what a reader sees once it reopens, and the notebook's open connection keeps
// the state it opened.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { REPO, runCli, startCli, startSmallPortal, queryWarehouse } from "./harness.ts";
import { warehousePath } from "../../load/warehouse.ts";

const runsIn = async (data: string) => Number((await queryWarehouse(data, "SELECT count(*) AS n FROM pipeline_runs"))[0]!.n);

test("a reader holding the warehouse open for a whole run does not stop it; query answers from the last published state", { timeout: 400_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "reader-never-blocks-"));
  const portal = await startSmallPortal(join(dir, "portal"));
  t.after(async () => { await portal.close(); await rm(dir, { recursive: true, force: true }); });
  const data = join(dir, "data");

  const first = await runCli(["run", "--sources", portal.sources, "--data", data, "--jobs", "1"]);
  assert.equal(first.code, 0, first.stdout + first.stderr.slice(-2000));
  assert.equal(await runsIn(data), 1);
  const loadedBefore = await queryWarehouse(data, "SELECT max(loaded_at)::VARCHAR AS t FROM documents");

  // The notebook: duckdb.connect(path, read_only=True), held open.
  const holder = spawn(process.execPath, ["--import", "tsx", join(REPO, "test", "reliability", "read-only-holder.ts"), warehousePath(data)], { cwd: REPO, stdio: ["pipe", "pipe", "inherit"] });
  const answers: Array<{ runs?: number; error?: string }> = [];
  const lines = createInterface({ input: holder.stdout! });
  const ready = new Promise<void>((resolve) => lines.once("line", () => resolve()));
  lines.on("line", (l) => answers.push(JSON.parse(l)));
  await ready;
  t.after(() => { if (holder.exitCode === null) holder.kill("SIGKILL"); });

  // The second night: every document read again, while the notebook holds the file and `query` keeps asking.
  const second = startCli(["run", "--sources", portal.sources, "--data", data, "--jobs", "1", "--reextract"]);
  let running = true;
  void second.done.then(() => { running = false; });
  const duringRun: Array<number | string> = [];
  while (running) {
    const q = await runCli(["query", "SELECT count(*) AS n FROM pipeline_runs", "--data", data, "--format", "csv"]);
    if (running) duringRun.push(q.code === 0 ? Number(q.stdout.trim().split("\n")[1]) : `exit ${q.code}: ${q.stderr}`);
  }
  const outcome = await second.done;
  assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr.slice(-2000));
  assert.match(outcome.stdout, /loaded 3 {2}line items/);

  // query during the run: always answered, from the state published before it (1 run) — or, in
  // the moment between the run publishing its warehouse and its process exiting, from the new one
  // (2 runs), and then never from the old one again.
  assert.ok(duringRun.length >= 1, "query was asked while the run went");
  assert.equal(duringRun[0], 1, JSON.stringify(duringRun));
  const published = duringRun.indexOf(2);
  assert.deepEqual(duringRun, duringRun.map((_, i) => (published >= 0 && i >= published ? 2 : 1)), JSON.stringify(duringRun));
  // After the run: the new state, for whoever opens the warehouse now.
  assert.equal(await runsIn(data), 2);
  const loadedAfter = await queryWarehouse(data, "SELECT max(loaded_at)::VARCHAR AS t FROM documents");
  assert.notDeepEqual(loadedAfter, loadedBefore);

  // The notebook never saw an error, and its open connection still reads the state it opened.
  holder.stdin!.end();
  await new Promise((resolve) => holder.once("close", resolve));
  assert.ok(answers.length > 3, `${answers.length} answers`);
  assert.deepEqual(answers.filter((a) => a.error), []);
  assert.deepEqual([...new Set(answers.map((a) => a.runs))], [1]);
});
