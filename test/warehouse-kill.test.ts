// A load killed (SIGKILL) at any point leaves the published warehouse as before the load (a
// load is published only once it has committed: warehouse/writer.ts), the next writer finds
// either the state before or the committed load (never anything in between), the lake
// consistent with it, and the next load completes.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cp, mkdtemp, rm, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Warehouse, lakePath } from "../load/warehouse.ts";
import { openReader, WarehouseWriter } from "../warehouse/writer.ts";

const CHILD = fileURLToPath(new URL("./fixtures/warehouse-load-child.ts", import.meta.url));

interface Outcome { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

function runChild(dataDir: string, killAt: string, batch: string, killAfterMs?: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, dataDir, killAt, batch], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = killAfterMs !== undefined ? setTimeout(() => child.kill("SIGKILL"), killAfterMs) : undefined;
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The counts a researcher would see. */
async function state(wh: Warehouse) {
  const [s] = await wh.query(`SELECT
        (SELECT count(*) FROM documents) AS documents,
        (SELECT count(*) FROM current_documents) AS current,
        (SELECT count(*) FROM documents WHERE status = 'failed') AS failed,
        (SELECT count(*) FROM fact_line_items) AS facts,
        (SELECT count(*) FROM line_items) AS line_items,
        (SELECT sum(amount_yuan)::VARCHAR FROM line_items) AS total,
        (SELECT count(*) FROM lake_files) AS lake_files,
        (SELECT coalesce(sum(rows), 0) FROM lake_files WHERE dataset = 'line_items') AS lake_rows,
        (SELECT count(*) FROM fact_line_items f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = f.sha256)) AS orphans,
        (SELECT count(*) FROM runs WHERE finished_at IS NULL) AS unfinished_runs`);
  return s!;
}

/**
 * What a reader sees (the published warehouse), then what the next writer finds once it has
 * recovered (its working copy, the lake completed or undone), and whether the lake matches its catalogue.
 */
async function snapshot(dataDir: string) {
  const reader = await openReader(dataDir);
  const published = await state(reader).finally(() => reader.close());
  const writer = await WarehouseWriter.open(dataDir);
  const wh = writer.warehouse;
  try {
    const s = await state(wh);
    const catalogued = (await wh.query(`SELECT DISTINCT path FROM lake_files ORDER BY path`)).map((r) => r.path as string);
    const onDisk: string[] = [];
    for (const e of await readdir(lakePath(dataDir), { withFileTypes: true, recursive: true }))
      if (e.isFile() && e.name.endsWith(".parquet")) onDisk.push(relative(lakePath(dataDir), join(e.parentPath, e.name)));
    const staging = await readdir(join(lakePath(dataDir), ".staging")).catch(() => []);
    await writer.publish();
    return { published, state: s, lakeMatches: JSON.stringify(onDisk.sort()) === JSON.stringify(catalogued), staging: staging.length };
  } finally {
    await writer.close();
  }
}

describe("a killed load", { timeout: 420_000 }, () => {
  let dir: string;
  let base: string;
  let before0: Awaited<ReturnType<typeof snapshot>>["state"];
  let after1: Awaited<ReturnType<typeof snapshot>>["state"];
  let secondMs = 2000;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "warehouse-kill-"));
    // The reference states: after the first batch, and after first + second.
    base = join(dir, "base");
    assert.equal((await runChild(base, "", "first")).code, 0);
    before0 = (await snapshot(base)).state;
    const full = join(dir, "full");
    assert.equal((await runChild(full, "", "first")).code, 0);
    const t0 = performance.now();
    const done = await runChild(full, "", "second");
    secondMs = performance.now() - t0;
    assert.equal(done.code, 0, done.stderr);
    after1 = (await snapshot(full)).state;
    assert.notDeepEqual(after1, before0);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A copy of the warehouse after the first batch. */
  async function killedCopy(name: string): Promise<string> {
    const d = join(dir, name);
    await cp(base, d, { recursive: true });
    return d;
  }

  for (const phase of ["validated", "staged", "lake-written", "in-transaction", "before-commit"]) {
    test(`before its commit (${phase}): the warehouse is as before, the lake consistent, the next load completes`, async () => {
      const d = await killedCopy(`kill-${phase}`);
      const killed = await runChild(d, phase, "second");
      assert.equal(killed.signal, "SIGKILL", killed.stderr);
      const s = await snapshot(d);
      assert.deepEqual(s.published, before0);
      assert.deepEqual(s.state, before0);
      assert.equal(s.lakeMatches, true);
      assert.equal(s.staging, 0);
      assert.equal((await runChild(d, "", "second")).code, 0);
      assert.deepEqual((await snapshot(d)).state, after1);
    });
  }

  for (const phase of ["committed", "published"]) {
    test(`after its commit (${phase}): readers still see the state before; the next writer takes the load up and completes the lake`, async () => {
      const d = await killedCopy(`kill-${phase}`);
      const killed = await runChild(d, phase, "second");
      assert.equal(killed.signal, "SIGKILL");
      const s = await snapshot(d);
      assert.deepEqual(s.published, before0);
      assert.deepEqual(s.state, after1);
      assert.equal(s.lakeMatches, true);
      assert.equal(s.staging, 0);
    });
  }

  test("at random moments: always before or after, never in between; the next load completes", async () => {
    const d = await killedCopy("kill-random");
    // Spread the kills over a whole load, child startup included.
    for (const ms of [0.25, 0.5, 0.7, 0.85, 0.95].map((f) => Math.round(secondMs * (f + (Math.random() - 0.5) * 0.1)))) {
      const killed = await runChild(d, "", "second", ms);
      const s = await snapshot(d);
      for (const seen of [s.published, s.state])
        assert.ok([JSON.stringify(before0), JSON.stringify(after1)].includes(JSON.stringify(seen)), `killed at ${ms} ms (${killed.signal ?? killed.code}): ${JSON.stringify(seen)}`);
      assert.equal(s.lakeMatches, true);
      assert.equal(s.staging, 0);
    }
    assert.equal((await runChild(d, "", "second")).code, 0);
    assert.deepEqual((await snapshot(d)).state, after1);
  });
});
