// Test hook, for the reliability suite: BUDGET_FAULT_AT=<point>:<n> makes the process SIGKILL
// itself the n-th time it passes <point> — a crash at an exact place, so kill -9 tests are
// deterministic. Points: lock (lock taken), crawl (an HTTP response received), extract (a
// document extracted), load-<phase> (a load batch reaching validated | staged | lake-written |
// in-transaction | before-commit | committed | published), summary (before the run summary is
// stored), publish (before the run's warehouse is published), catalog (before a shard's catalogue is published), merge-committed (merge
// transaction committed), merge-lake (a lake file copied by merge). Unset: no effect.
import { subscribe } from "node:diagnostics_channel";

export const FAULT_ENV = "BUDGET_FAULT_AT";

export interface FaultSpec { point: string; n: number }

export function parseFault(text: string | undefined): FaultSpec | null {
  if (!text) return null;
  const m = /^([a-z-]+):(\d+)$/.exec(text);
  if (!m) throw new Error(`${FAULT_ENV}=${text}: expected <point>:<n>, e.g. extract:2`);
  return { point: m[1]!, n: Number(m[2]) };
}

const spec = parseFault(process.env[FAULT_ENV]);
const passes = new Map<string, number>();

/** Marks one pass of `point`; dies (SIGKILL, no cleanup, as a crash) on the configured pass. */
export function faultPoint(point: string): void {
  if (!spec || spec.point !== point) return;
  const n = (passes.get(point) ?? 0) + 1;
  passes.set(point, n);
  if (n === spec.n) {
    process.stderr.write(`${FAULT_ENV}: killing myself at ${point}:${n}\n`);
    process.kill(process.pid, "SIGKILL");
  }
}

// The crawler's HTTP responses, seen through Node's diagnostics channel (no hook in the crawler needed).
if (spec?.point === "crawl") subscribe("http.client.response.finish", () => faultPoint("crawl"));
