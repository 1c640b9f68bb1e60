// A crawl killed mid-way (SIGKILL, via the real CLI in a child process) resumes on the next run
// and finishes with the same result as an uninterrupted crawl of the same site.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crawlSource } from "../extract/crawl/crawler.ts";
import { CrawlState } from "../extract/crawl/crawl-state.ts";
import { parseSource, type SourceInput } from "../extract/crawl/source-config.ts";
import { FaultServer, fakePdf } from "./crawl-fault-server.ts";
import { CLI_NODE_ARGS } from "../pipelines/cli-node-args.ts";

const DOCS = 30;
/** Kill once the server has served this many documents. */
const KILL_AFTER_DOCS = 10;
const CHILD_TIMEOUT_MS = 60_000;

function runCli(args: string[], onSpawn?: (kill: () => void) => void): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_NODE_ARGS, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => { stdout += c; });
    child.stderr.on("data", (c) => { stderr += c; });
    const timer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
    onSpawn?.(() => child.kill("SIGKILL"));
  });
}

/** What a crawl ends with: per URL its status, content and number of versions; and the stored blobs. */
async function outcome(dataDir: string, origin: string) {
  const state = await CrawlState.open(dataDir, "resumable");
  const urls = [...state.records.values()]
    .map((r) => `${r.url.replace(origin, "")} ${r.kind} ${r.status} ${r.sha256 ?? "-"} v${r.versions.length}`)
    .sort();
  const blobs = (await readdir(join(dataDir, "raw", "sha256"), { recursive: true })).filter((f) => !f.endsWith(".json")).map((f) => f.split("/").pop()).sort();
  return { urls, blobs, unfinished: state.unfinishedRun() !== null };
}

test("a crawl killed mid-way resumes and ends as an uninterrupted one", async () => {
  const docs = Array.from({ length: DOCS }, (_, i) => ({ path: `/files/doc-${String(i).padStart(2, "0")}.pdf`, body: fakePdf(`doc ${i}`), fault: "none" as const }));
  docs.push({ path: "/files/broken.pdf", body: fakePdf("broken"), fault: "status-500" as never });
  const server = await new FaultServer({ docs, slowMs: 0, retryAfterS: 0 }).start();
  const dir = await mkdtemp(join(tmpdir(), "crawl-resume-"));
  try {
    const config: SourceInput = {
      name: "resumable", region: "test", startUrls: [`${server.origin}/index.html`], allowedHosts: ["127.0.0.1"], allowPrivateAddresses: true,
      politeness: { concurrencyPerHost: 2, minIntervalMs: 25, timeoutMs: 2000, maxRetries: 0 },
    };
    await mkdir(join(dir, "sources"));
    await writeFile(join(dir, "sources", "resumable.json"), JSON.stringify(config));

    // Reference: the same crawl, uninterrupted.
    await crawlSource(parseSource(config), { dataDir: join(dir, "reference") });
    const reference = await outcome(join(dir, "reference"), server.origin);
    assert.equal(reference.blobs.filter((b) => b!.endsWith(".pdf")).length, DOCS);

    // Killed once KILL_AFTER_DOCS documents were served.
    const args = ["run", "--crawl-only", "--sources", join(dir, "sources"), "--data", join(dir, "killed")];
    const from = server.log.length;
    const docRequests = () => server.log.slice(from).filter((r) => r.path.startsWith("/files/doc-")).length;
    const killed = await runCli(args, (kill) => {
      const poll = setInterval(() => { if (docRequests() >= KILL_AFTER_DOCS) { clearInterval(poll); kill(); } }, 5);
      setTimeout(() => clearInterval(poll), CHILD_TIMEOUT_MS).unref();
    });
    assert.equal(killed.signal, "SIGKILL", `the crawl finished before it could be killed: ${killed.stdout}${killed.stderr}`);
    const midway = await outcome(join(dir, "killed"), server.origin);
    assert.ok(midway.unfinished, "the killed run is left unfinished in the crawl state");
    assert.ok(midway.blobs.length < reference.blobs.length, `killed mid-way: ${midway.blobs.length} of ${reference.blobs.length} blobs`);
    const beforeResume = docRequests();

    const resumed = await runCli(args);
    // broken.pdf answers 500 every time: --crawl-only exits 1 when a download failed.
    assert.equal(resumed.code, 1, resumed.stderr);
    assert.match(resumed.stdout, /broken\.pdf/);
    assert.match(resumed.stdout, /\(run \S+, resumed\)/);
    // Documents done before the kill are not fetched again (at most the ones in flight).
    const refetched = docRequests() - beforeResume;
    assert.ok(refetched <= DOCS - KILL_AFTER_DOCS + 2, `resumed run fetched ${refetched} documents`);

    assert.deepEqual(await outcome(join(dir, "killed"), server.origin), { ...reference, unfinished: false });
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
