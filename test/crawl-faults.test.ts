// The crawler against the fault-injecting server: every document stored with the right bytes or
// recorded as failed with its reason; after the faults clear a re-run fetches exactly the
// missing ones; duplicates stored once; a replaced document becomes a new version; robots.txt
// and the per-host interval obeyed (measured by the server).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crawlSource, type CrawlReport } from "../extract/crawl/crawler.ts";
import { CrawlState } from "../extract/crawl/crawl-state.ts";
import { RawStore } from "../extract/crawl/raw-store.ts";
import { parseSource, type Source } from "../extract/crawl/source-config.ts";
import { FaultServer, fakePdf, sha256, type FaultDoc } from "./crawl-fault-server.ts";

const INTERVAL_MS = 40;

function docs(): FaultDoc[] {
  const same = fakePdf("duplicate");
  return [
    { path: "/files/ok.pdf", body: fakePdf("ok"), fault: "none" },
    { path: "/files/labelled-html.pdf", body: fakePdf("labelled"), fault: "none", contentType: "text/html" },
    { path: "/files/dup-a.pdf", body: same, fault: "none" },
    { path: "/other/dup-b.pdf", body: same, fault: "none" },
    { path: "/files/replaced.pdf", body: fakePdf("version one"), fault: "none" },
    { path: "/files/e500.pdf", body: fakePdf("e500"), fault: "status-500" },
    { path: "/files/e503.pdf", body: fakePdf("e503"), fault: "status-503-retry-after" },
    { path: "/files/slow.pdf", body: fakePdf("slow"), fault: "slow" },
    { path: "/files/reset.pdf", body: fakePdf("reset", 200_000), fault: "reset" },
    { path: "/files/truncated.pdf", body: fakePdf("truncated", 200_000), fault: "truncate" },
    { path: "/files/errpage.pdf", body: fakePdf("errpage"), fault: "html-as-pdf" },
  ];
}

function source(origin: string): Source {
  return parseSource({
    name: "faults", region: "test", startUrls: [`${origin}/index.html`], allowedHosts: ["127.0.0.1"], allowPrivateAddresses: true,
    politeness: {
      concurrencyPerHost: 2, minIntervalMs: INTERVAL_MS, timeoutMs: 300, deadlineMs: 3000,
      maxRetries: 1, backoffBaseMs: 20, backoffMaxMs: 50, maxRetryAfterMs: 3000,
    },
  });
}

const FAILING = ["/files/e500.pdf", "/files/slow.pdf", "/files/reset.pdf", "/files/truncated.pdf", "/files/errpage.pdf"];

describe("crawler against the fault-injecting server", () => {
  let server: FaultServer;
  let dataDir: string;
  let src: Source;
  const reports: CrawlReport[] = [];
  const bodies = new Map(docs().map((d) => [d.path, d.body]));

  before(async () => {
    server = await new FaultServer({ docs: docs(), slowMs: 700, retryAfterS: 1 }).start();
    dataDir = await mkdtemp(join(tmpdir(), "crawl-faults-"));
    src = source(server.origin);
  });
  after(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const url = (path: string) => `${server.origin}${path}`;
  const half = (path: string) => bodies.get(path)!.length >> 1;

  test("run 1: each document is stored with its bytes or failed with its reason", async () => {
    const report = await crawlSource(src, { dataDir });
    reports.push(report);
    const state = await CrawlState.open(dataDir, "faults");
    const store = RawStore.inDataDir(dataDir);

    for (const path of ["/files/ok.pdf", "/files/labelled-html.pdf", "/files/dup-a.pdf", "/other/dup-b.pdf", "/files/replaced.pdf", "/files/e503.pdf"]) {
      const rec = state.records.get(url(path))!;
      assert.equal(rec.status, "ok", `${path}: ${rec.failure?.reason}`);
      assert.equal(rec.sha256, sha256(bodies.get(path)!), path);
      assert.equal(rec.format, "pdf");
      assert.equal(sha256(await readFile(store.blobPath(rec.sha256!, "pdf"))), rec.sha256, `${path}: stored bytes`);
    }
    const reasons = Object.fromEntries(FAILING.map((p) => {
      const rec = state.records.get(url(p))!;
      assert.equal(rec.status, "failed", p);
      assert.equal(rec.sha256, undefined, `${p}: nothing stored`);
      return [p, `${rec.failure!.kind}: ${rec.failure!.reason}`];
    }));
    assert.deepEqual(reasons, {
      "/files/e500.pdf": "http-status: HTTP 500 (after 2 attempts)",
      "/files/slow.pdf": "timeout: no data for 300 ms (after 2 attempts)",
      // A reset after half the body reads as truncation or as a reset, depending on when the socket notices.
      "/files/reset.pdf": reasons["/files/reset.pdf"],
      "/files/truncated.pdf": `truncated: connection closed mid-body: got ${half("/files/truncated.pdf")} of ${bodies.get("/files/truncated.pdf")!.length} bytes (after 2 attempts)`,
      "/files/errpage.pdf": "content: expected a document but got an HTML page (Content-Type application/pdf): an error or login page served in its place",
    });
    assert.match(reasons["/files/reset.pdf"]!, /^(truncated: connection closed mid-body|reset: connection reset)/);

    const loop = state.records.get(url("/loop-a"))!;
    assert.equal(loop.status, "failed");
    assert.match(loop.failure!.reason, /^redirect loop: .*\/loop-a → .*\/loop-b → .*\/loop-a$/);

    // robots.txt: the disallowed URL is recorded as skipped and never requested.
    assert.equal(state.records.get(url("/private/budget.pdf"))!.status, "skipped");
    assert.ok(!server.log.some((r) => r.path.startsWith("/private/")), "no request under /private/");
    assert.equal(server.log[0]!.path, "/robots.txt", "robots.txt is read first");

    // Duplicates: one blob with two sightings.
    const dupSha = sha256(bodies.get("/files/dup-a.pdf")!);
    const meta = (await store.meta(dupSha))!;
    assert.deepEqual(meta.sightings.map((s) => s.url).sort(), [url("/files/dup-a.pdf"), url("/other/dup-b.pdf")]);
    assert.equal(report.documents.filter((d) => d.sha256 === dupSha).length, 1);
    assert.equal(report.documents.length, 5);

    // Retry-After: the retry of the 503 came at least 1 s after it.
    const e503 = server.log.filter((r) => r.path === "/files/e503.pdf");
    assert.deepEqual(e503.map((r) => r.status), [503, 200]);
    assert.ok(e503[1]!.at - e503[0]!.at >= 1000, `retry after ${e503[1]!.at - e503[0]!.at} ms`);
  });

  test("the per-host interval held between every two requests (measured by the server)", () => {
    assert.ok(server.log.length >= 20, `${server.log.length} requests`);
    const gap = server.minGapMs();
    assert.ok(gap >= INTERVAL_MS, `two requests ${gap.toFixed(2)} ms apart (interval ${INTERVAL_MS} ms): ${server.log.map((r) => `${r.at.toFixed(1)} ${r.path} ${r.status}`).join(", ")}`);
  });

  test("run 2, faults cleared: fetches exactly the missing documents, the rest conditionally", async () => {
    server.faultsOn = false;
    const from = server.log.length;
    const report = await crawlSource(src, { dataDir });
    reports.push(report);
    const log = server.log.slice(from);
    const fullBodies = log.filter((r) => r.status === 200).map((r) => r.path).sort();
    assert.deepEqual(fullBodies, [...FAILING, "/robots.txt"].sort());
    // Everything else known was asked conditionally and was unchanged.
    const others = log.filter((r) => r.status !== 200 && !r.path.startsWith("/loop-"));
    assert.ok(others.every((r) => r.conditional && r.status === 304), JSON.stringify(others.filter((r) => !r.conditional || r.status !== 304)));

    const state = await CrawlState.open(dataDir, "faults");
    for (const p of FAILING) {
      const rec = state.records.get(url(p))!;
      assert.equal(rec.status, "ok", p);
      assert.equal(rec.sha256, sha256(bodies.get(p)!), p);
    }
    assert.equal(report.failed.map((f) => f.url).join(), url("/loop-a"), "only the redirect loop still fails");
    assert.equal(report.newOrChanged, FAILING.length);
    assert.equal(report.documents.length, 10);
    assert.ok(server.minGapMs(from) >= INTERVAL_MS, `min gap ${server.minGapMs(from)} ms`);
  });

  test("run 3: a document replaced at the same URL becomes a new version", async () => {
    const v2 = fakePdf("version two");
    server.replace("/files/replaced.pdf", v2);
    const from = server.log.length;
    const report = await crawlSource(src, { dataDir });
    const fetched = server.log.slice(from).filter((r) => r.status === 200).map((r) => r.path).sort();
    assert.deepEqual(fetched, ["/files/replaced.pdf", "/robots.txt"]);
    const rec = (await CrawlState.open(dataDir, "faults")).records.get(url("/files/replaced.pdf"))!;
    assert.deepEqual(rec.versions.map((v) => v.sha256), [sha256(bodies.get("/files/replaced.pdf")!), sha256(v2)]);
    assert.equal(rec.sha256, sha256(v2));
    const store = RawStore.inDataDir(dataDir);
    assert.ok(await store.has(sha256(bodies.get("/files/replaced.pdf")!), "pdf"), "the old version stays in the raw store");
    assert.equal(report.newOrChanged, 1);
    assert.equal(report.documents.find((d) => d.url === url("/files/replaced.pdf"))!.sha256, sha256(v2));
  });
});
