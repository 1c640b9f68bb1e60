// One run at a time: two runs started together — one runs, the other exits 3 at once; a lock
// left by a dead process is taken over; a live one, or one from another host, is not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { acquireRunLock, LockedError, processStartTicks, type LockOwner } from "../../load/writer-lock.ts";
import { startCli, startSmallPortal } from "./harness.ts";

const owner = (o: Partial<LockOwner>): LockOwner => ({ pid: process.pid, host: hostname(), processStart: processStartTicks(process.pid), startedAt: "2025-01-01T00:00:00.000Z", command: "run", ...o });

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

test("two runs started together: one runs, the other exits 3 at once, naming the holder", { timeout: 300_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "run-lock-"));
  const portal = await startSmallPortal(join(dir, "portal"), ["zhumadian-yibao_2022_dept-budget_yuan"]);
  t.after(async () => { await portal.close(); await rm(dir, { recursive: true, force: true }); });
  const args = ["run", "--sources", portal.sources, "--data", join(dir, "data"), "--jobs", "1"];
  const order: string[] = [];
  const a = startCli(args);
  const b = startCli(args);
  const [ra, rb] = await Promise.all([a.done.then((r) => (order.push("a"), r)), b.done.then((r) => (order.push("b"), r))]);
  const codes = [ra.code, rb.code].sort();
  assert.deepEqual(codes, [0, 3], `exit codes ${ra.code} and ${rb.code}\n${ra.stderr}\n${rb.stderr}`);
  const [winner, loser, loserName] = ra.code === 0 ? [ra, rb, "b"] : [rb, ra, "a"];
  assert.equal(order[0], loserName, "the locked run ends first: it does not wait");
  assert.match(loser.stderr, /run\.lock is held by pid \d+ on .+another run is in progress/);
  assert.doesNotMatch(loser.stdout, /crawl /, "the locked run crawled nothing");
  assert.match(winner.stdout, /loaded 1 {2}line items/);
  assert.equal(existsSync(join(dir, "data", "run.lock")), false);
});

test("a lock of a dead process is taken over; of a live one or another host, refused", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "run-lock-units-"));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, "run.lock");

  await writeFile(file, JSON.stringify(owner({ pid: deadPid() })));
  const lock = await acquireRunLock(file);
  assert.equal(lock.tookOver?.startedAt, "2025-01-01T00:00:00.000Z");
  assert.equal(JSON.parse(await readFile(file, "utf8")).pid, process.pid);
  await assert.rejects(acquireRunLock(file), (e: unknown) => e instanceof LockedError && e.owner?.pid === process.pid);
  await lock.release();
  assert.equal(existsSync(file), false);

  // A live pid with another start time is a later process that reused the pid: stale.
  await writeFile(file, JSON.stringify(owner({ processStart: "1" })));
  const reused = await acquireRunLock(file);
  assert.equal(reused.tookOver?.processStart, "1");
  await reused.release();

  await writeFile(file, JSON.stringify(owner({ pid: deadPid(), host: "another-host" })));
  await assert.rejects(acquireRunLock(file), /held by pid \d+ on another-host/);
  await rm(file);

  // Released only by its owner: a lock taken over meanwhile stays.
  const mine = await acquireRunLock(file);
  await writeFile(file, JSON.stringify(owner({ pid: 1, startedAt: "2030-01-01T00:00:00.000Z" })));
  await mine.release();
  assert.equal(existsSync(file), true);
});

test("racing processes: exactly one wins and every loser names the winner (never an empty lock)", { timeout: 180_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "run-lock-race-"));
  const signals = await mkdtemp(join(tmpdir(), "run-lock-signals-"));
  t.after(async () => { await rm(dir, { recursive: true, force: true }); await rm(signals, { recursive: true, force: true }); });
  const lockModule = new URL("../../load/writer-lock.ts", import.meta.url).href;
  // Racers say "ready", spin until the start file appears, then all try at once; the winner holds
  // the lock until the release file appears (after every loser has answered), so no one comes late.
  const racer = `
    const { existsSync } = await import("node:fs");
    const { acquireRunLock } = await import(${JSON.stringify(lockModule)});
    const [file, start, release] = process.argv.slice(-3);
    console.log("ready");
    while (!existsSync(start)) {}
    try {
      const lock = await acquireRunLock(file);
      console.log("won");
      while (!existsSync(release)) await new Promise((r) => setTimeout(r, 20));
      await lock.release();
    } catch (e) { console.log(e.owner ? "lost " + e.owner.pid : "lost unnamed: " + e.message); }`;
  const { spawn } = await import("node:child_process");
  const RACERS = 6;
  for (let round = 0; round < 3; round++) {
    const file = join(dir, `run-${round}.lock`);
    const start = join(signals, `start-${round}`);
    const release = join(signals, `release-${round}`);
    const answers: string[] = [];
    let ready = 0;
    const allAnswered = deferred();
    const allReady = deferred();
    const exited = Array.from({ length: RACERS }, () => new Promise<void>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", racer, file, start, release], { stdio: ["ignore", "pipe", "inherit"] });
      let buffered = "";
      child.stdout.on("data", (d) => {
        buffered += d;
        for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (line === "ready") { if (++ready === RACERS) allReady.resolve(); } else if (answers.push(line) === RACERS) allAnswered.resolve();
        }
      });
      child.on("close", () => resolve());
    }));
    await allReady.promise;
    await writeFile(start, "");
    await allAnswered.promise;
    await writeFile(release, "");
    await Promise.all(exited);
    assert.equal(answers.filter((o) => o === "won").length, 1, `round ${round}: ${answers.join(" | ")}`);
    assert.ok(answers.every((o) => o === "won" || /^lost \d+$/.test(o)), `round ${round}: every loser names the holder: ${answers.join(" | ")}`);
    assert.equal(existsSync(file), false);
  }
  const { readdir } = await import("node:fs/promises");
  assert.deepEqual(await readdir(dir), [], "no draft owner files are left behind");
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
